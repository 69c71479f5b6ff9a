import { Breadcrumb } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { get } from '../../../api/client';
import { useUnitName } from '../../../lib/labels';
import type { UnitDetail } from '../../territory/types';

/**
 * Where the cockpit looks: the chain from the user's own unit down to the current scope, each step a way back
 * up (units above the user's scope are not shown: the cockpit could not open them).
 */
export function ScopeBreadcrumb({ unitId, homeUnitId, onPick }: { unitId: string; homeUnitId: string | null | undefined; onPick: (id: string) => void }) {
  const unitName = useUnitName();
  const detail = useQuery({
    queryKey: ['territory', 'unit', unitId],
    queryFn: ({ signal }) => get<UnitDetail>(`/territory/units/${unitId}`, undefined, signal),
    staleTime: 5 * 60_000,
  });
  if (!detail.data) return <span data-testid="cockpit-breadcrumb" />;
  const chain = [...detail.data.ancestors, { id: detail.data.unit.id, kind: detail.data.unit.kind, code: detail.data.unit.code, name: unitName(detail.data.unit) }];
  const start = homeUnitId ? chain.findIndex((u) => u.id === homeUnitId) : 0;
  const shown = chain.slice(Math.max(0, start));
  return (
    <Breadcrumb
      data-testid="cockpit-breadcrumb"
      items={shown.map((u, i) => ({
        key: u.id,
        title: i === shown.length - 1
          ? <span data-testid="cockpit-scope-name" data-unit-id={u.id} data-kind={u.kind} style={{ color: '#fff', fontWeight: 600 }}>{u.name}</span>
          : <a onClick={() => onPick(u.id)} data-testid="cockpit-crumb" style={{ color: '#9fd1ff' }}>{u.name}</a>,
      }))}
    />
  );
}
