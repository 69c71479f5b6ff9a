import { Card } from 'antd';
import { useTranslation } from 'react-i18next';

export default function PartyTrainingPage() {
  const { t } = useTranslation('party');
  return <div className="gg-page"><Card title={t('nav.training')} data-testid="party-training" /></div>;
}
