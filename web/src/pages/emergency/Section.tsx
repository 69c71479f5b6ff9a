import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { useMe } from '../../auth/useMe';
import { FullPageSpin } from '../../components/FullPageSpin';
import { NoAccess } from '../../components/NoAccess';
import { NotFound } from '../../components/NotFound';

const ListPage = lazy(() => import('./index'));
const DetailPage = lazy(() => import('./detail'));
const ReviewPage = lazy(() => import('./review'));
const MyDirectivesPage = lazy(() => import('./FieldDirectives'));

/** Commanders (emergency.command) and responders (emergency.respond: community, grid staff) both open these. */
function Guard({ perms, children }: { perms: string[]; children: ReactNode }) {
  const { data } = useMe();
  if (!perms.some((p) => data?.permissions.includes(p))) return <NoAccess />;
  return <Suspense fallback={<FullPageSpin />}>{children}</Suspense>;
}

const ANY = ['emergency.command', 'emergency.respond'];

/** /emergency/*: list and plans, one emergency with its board, after-action report, my grid's directives. */
export default function EmergencySection() {
  return (
    <Routes>
      <Route index element={<Guard perms={ANY}><ListPage /></Guard>} />
      <Route path="my-directives" element={<Guard perms={['emergency.respond']}><MyDirectivesPage /></Guard>} />
      <Route path=":id" element={<Guard perms={ANY}><DetailPage /></Guard>} />
      <Route path=":id/review" element={<Guard perms={ANY}><ReviewPage /></Guard>} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
