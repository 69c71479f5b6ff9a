import { Card } from 'antd';
import { useTranslation } from 'react-i18next';

export default function PartyDashboardPage() {
  const { t } = useTranslation('party');
  return <div className="gg-page"><Card title={t('nav.dashboard')} data-testid="party-dashboard" /></div>;
}
