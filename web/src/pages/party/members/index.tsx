import { Card } from 'antd';
import { useTranslation } from 'react-i18next';

export default function PartyMembersPage() {
  const { t } = useTranslation('party');
  return <div className="gg-page"><Card title={t('nav.members')} data-testid="party-members" /></div>;
}
