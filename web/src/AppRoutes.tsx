import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { useMe } from './auth/useMe';
import { AppShell } from './layout/AppShell';
import { FullPageSpin } from './components/FullPageSpin';
import { NotFound } from './components/NotFound';
import { NoAccess } from './components/NoAccess';
import { MENU_ITEMS } from './layout/menuItems';
import LoginPage from './pages/auth/login';

// Pages load on demand: MapLibre (~800 kB) is only fetched by the map and unit pages.
const TerritoryPage = lazy(() => import('./pages/territory/tree'));
const UnitPage = lazy(() => import('./pages/territory/unit'));
const GridMapPage = lazy(() => import('./pages/territory/map'));
const BoundaryImportPage = lazy(() => import('./pages/territory/import'));
const ResidentsPage = lazy(() => import('./pages/people/residents'));
const UsersPage = lazy(() => import('./pages/admin/users'));
const AuditPage = lazy(() => import('./pages/admin/audit'));
const CasesPage = lazy(() => import('./pages/cases/list'));
const CaseNewPage = lazy(() => import('./pages/cases/new'));
const CasePage = lazy(() => import('./pages/cases/detail'));
const InboxPage = lazy(() => import('./pages/inbox'));
const CataloguePage = lazy(() => import('./pages/catalogue'));
const PartySection = lazy(() => import('./pages/party'));
const CockpitPage = lazy(() => import('./pages/analytics/cockpit'));
const RiskPage = lazy(() => import('./pages/analytics/risk'));
const ReportsPage = lazy(() => import('./pages/analytics/reports'));
const FieldPage = lazy(() => import('./pages/field'));
const EmergencySection = lazy(() => import('./pages/emergency/Section'));
// Public resident pages (no login): report a matter, track it and rate it.
const ReportPage = lazy(() => import('./pages/public/report'));
const TrackPage = lazy(() => import('./pages/public/track'));
const MobilisePage = lazy(() => import('./pages/mobilise'));

function Page({ perm, children }: { perm: string; children: ReactNode }) {
  const { data } = useMe();
  if (!data?.permissions.includes(perm)) return <NoAccess />;
  return <Suspense fallback={<FullPageSpin />}>{children}</Suspense>;
}

/** The first page the user may open; a worker without admin rights never lands on an admin page. */
function Home() {
  const { data } = useMe();
  // Grid staff on a phone work in the field view (the installed app opens there too).
  if (data && ['grid_worker', 'grid_leader'].includes(data.role) && window.matchMedia('(max-width: 767px)').matches) return <Navigate to="/field" replace />;
  const first = MENU_ITEMS.find((m) => data?.permissions.includes(m.perm));
  return first ? <Navigate to={first.path} replace /> : <NoAccess />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route path="/report" element={<Suspense fallback={<FullPageSpin />}><ReportPage /></Suspense>} />
      <Route path="/report/track" element={<Suspense fallback={<FullPageSpin />}><TrackPage /></Suspense>} />
      <Route path="/mobilise/:token" element={<Suspense fallback={<FullPageSpin />}><MobilisePage /></Suspense>} />
      <Route element={<RequireAuth><AppShell /></RequireAuth>}>
        <Route index element={<Home />} />
        <Route path="territory" element={<Page perm="territory.read"><TerritoryPage /></Page>} />
        <Route path="territory/import" element={<Page perm="territory.import"><BoundaryImportPage /></Page>} />
        <Route path="units/:id" element={<Page perm="territory.read"><UnitPage /></Page>} />
        <Route path="map" element={<Page perm="territory.read"><GridMapPage /></Page>} />
        <Route path="residents" element={<Page perm="residents.read"><ResidentsPage /></Page>} />
        <Route path="admin/users" element={<Page perm="users.manage"><UsersPage /></Page>} />
        <Route path="admin/audit" element={<Page perm="audit.read"><AuditPage /></Page>} />
        <Route path="cases" element={<Page perm="cases.read"><CasesPage /></Page>} />
        <Route path="cases/new" element={<Page perm="cases.intake"><CaseNewPage /></Page>} />
        <Route path="cases/:id" element={<Page perm="cases.read"><CasePage /></Page>} />
        <Route path="inbox" element={<Page perm="cases.read"><InboxPage /></Page>} />
        <Route path="catalogue" element={<Page perm="catalogue.manage"><CataloguePage /></Page>} />
        <Route path="party/*" element={<Page perm="party.read"><PartySection /></Page>} />
        <Route path="cockpit" element={<Page perm="analytics.read"><CockpitPage /></Page>} />
        <Route path="analytics/risk" element={<Page perm="analytics.read"><RiskPage /></Page>} />
        <Route path="analytics/reports" element={<Page perm="analytics.read"><ReportsPage /></Page>} />
        <Route path="field" element={<Page perm="cases.intake"><FieldPage /></Page>} />
        <Route path="emergency/*" element={<Page perm="territory.read"><EmergencySection /></Page>} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
