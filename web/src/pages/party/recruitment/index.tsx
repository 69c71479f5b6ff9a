import { Card } from 'antd';
import { useTranslation } from 'react-i18next';

export default function PartyRecruitmentPage() {
  const { t } = useTranslation('party');
  return <div className="gg-page"><Card title={t('nav.recruitment')} data-testid="party-recruitment" /></div>;
}
