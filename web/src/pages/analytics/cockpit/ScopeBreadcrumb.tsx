import { Breadcrumb } from 'antd';
import type { Cockpit } from '@gridgov/common';
import { useUnitName } from '../../../lib/labels';

/**
 * Where the cockpit looks: the chain from the user's own unit down to the current scope (from the cockpit's own
 * answer, names in the user's language), each step a way back up. Units above the user's scope are not shown: the
 * cockpit could not open them.
 */
export function ScopeBreadcrumb({ cockpit, homeUnitId, onPick }: { cockpit: Cockpit; homeUnitId: string | null | undefined; onPick: (id: string) => void }) {
  const unitName = useUnitName();
  const chain = [
    ...cockpit.ancestors,
    { id: cockpit.unitId, kind: cockpit.unitKind, name: cockpit.unitName, nameEn: cockpit.unitNameEn },
  ];
  const start = homeUnitId ? chain.findIndex((u) => u.id === homeUnitId) : 0;
  const shown = chain.slice(Math.max(0, start));
  return (
    <Breadcrumb
      data-testid="cockpit-breadcrumb"
      items={shown.map((u, i) => ({
        key: u.id,
        title: i === shown.length - 1
          ? <span data-testid="cockpit-scope-name" data-unit-id={u.id} data-kind={u.kind} style={{ color: '#fff', fontWeight: 600 }}>{unitName(u)}</span>
          : <a onClick={() => onPick(u.id)} data-testid="cockpit-crumb" style={{ color: '#9fd1ff' }}>{unitName(u)}</a>,
      }))}
    />
  );
}
