import { Card } from 'antd';
import { useTranslation } from 'react-i18next';

export default function PartyPostsPage() {
  const { t } = useTranslation('party');
  return <div className="gg-page"><Card title={t('nav.posts')} data-testid="party-posts" /></div>;
}
