import { Card } from 'antd';
import { useTranslation } from 'react-i18next';

export default function PartyOrgsPage() {
  const { t } = useTranslation('party');
  return <div className="gg-page"><Card title={t('nav.orgs')} data-testid="party-orgs" /></div>;
}
