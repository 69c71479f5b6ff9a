import { Card } from 'antd';
import { useTranslation } from 'react-i18next';

export default function PartyPointsPage() {
  const { t } = useTranslation('party');
  return <div className="gg-page"><Card title={t('nav.points')} data-testid="party-points" /></div>;
}
