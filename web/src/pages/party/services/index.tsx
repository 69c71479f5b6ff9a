import { Card } from 'antd';
import { useTranslation } from 'react-i18next';

export default function PartyServicesPage() {
  const { t } = useTranslation('party');
  return <div className="gg-page"><Card title={t('nav.services')} data-testid="party-services" /></div>;
}
