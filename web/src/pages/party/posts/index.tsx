import { Card, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useScopeUnit } from '../useScope';
import { PostsTab } from './components/PostsTab';
import { ContactGroupsTab } from './components/ContactGroupsTab';

/** 岗队与联系户: responsibility posts, pioneer posts and commando teams on grids; household contact groups and visits. */
export default function PartyPostsPage() {
  const { t } = useTranslation('party');
  const [unitId] = useScopeUnit();
  return (
    <div className="gg-page">
      <Card>
        <Tabs items={[
          { key: 'posts', label: t('posts.tabPosts'), children: <PostsTab unitId={unitId} /> },
          { key: 'groups', label: t('posts.tabGroups'), children: <ContactGroupsTab unitId={unitId} /> },
        ]} />
      </Card>
    </div>
  );
}
