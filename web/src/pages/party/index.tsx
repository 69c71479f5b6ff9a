import { lazy, Suspense } from 'react';
import { Flex, Grid, Tabs } from 'antd';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FullPageSpin } from '../../components/FullPageSpin';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { useScopeUnit } from './useScope';

// Each sub-page loads on demand: ECharts and MapLibre are only fetched by the dashboard.
const Dashboard = lazy(() => import('./dashboard'));
const Orgs = lazy(() => import('./orgs'));
const Members = lazy(() => import('./members'));
const Recruitment = lazy(() => import('./recruitment'));
const Services = lazy(() => import('./services'));
const Points = lazy(() => import('./points'));
const Posts = lazy(() => import('./posts'));
const Training = lazy(() => import('./training'));

const SECTIONS = ['', 'orgs', 'members', 'recruitment', 'services', 'points', 'posts', 'training'] as const;
type Section = (typeof SECTIONS)[number];
const LABEL: Record<Section, 'nav.dashboard' | `nav.${Exclude<Section, ''>}`> = {
  '': 'nav.dashboard', orgs: 'nav.orgs', members: 'nav.members', recruitment: 'nav.recruitment',
  services: 'nav.services', points: 'nav.points', posts: 'nav.posts', training: 'nav.training',
};

/** 党建引领: one menu entry, eight pages behind a tab bar (scrolls sideways on a phone). */
export default function PartySection() {
  const { t } = useTranslation('party');
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = (pathname.replace(/^\/party\/?/, '').split('/')[0] ?? '') as Section;
  const screens = Grid.useBreakpoint();
  const [unitId, setUnitId] = useScopeUnit();
  const picker = (
    <UnitTreeSelect
      value={unitId}
      onChange={setUnitId}
      placeholder={t('scope.all')}
      style={{ width: screens.md ? 260 : '100%' }}
      data-testid="party-unit-select"
    />
  );

  return (
    <div data-testid="party-section">
      <Tabs
        className="gg-party-tabs"
        activeKey={current}
        onChange={(k) => navigate({ pathname: k ? `/party/${k}` : '/party', search: unitId ? `?unitId=${unitId}` : '' })}
        tabBarExtraContent={screens.md ? { right: picker } : undefined}
        items={SECTIONS.map((s) => ({ key: s, label: <span data-testid={`party-tab-${s || 'dashboard'}`}>{t(LABEL[s])}</span> }))}
        tabBarStyle={{ margin: 0, padding: '0 16px', background: '#fff' }}
      />
      {!screens.md && <Flex style={{ padding: '10px 10px 0' }}>{picker}</Flex>}
      <Suspense fallback={<FullPageSpin />}>
        <Routes>
          <Route index element={<Dashboard />} />
          <Route path="orgs" element={<Orgs />} />
          <Route path="members" element={<Members />} />
          <Route path="recruitment" element={<Recruitment />} />
          <Route path="services" element={<Services />} />
          <Route path="points" element={<Points />} />
          <Route path="posts" element={<Posts />} />
          <Route path="training" element={<Training />} />
          <Route path="*" element={<Navigate to="/party" replace />} />
        </Routes>
      </Suspense>
    </div>
  );
}
