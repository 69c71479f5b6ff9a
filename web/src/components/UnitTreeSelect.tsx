import { useCallback, useEffect, useMemo, useState, type CSSProperties, type ReactNode } from 'react';
import { TreeSelect } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { get } from '../api/client';
import { useUnitName } from '../lib/labels';
import type { UnitDetail, UnitItem } from '../pages/territory/types';
import { fetchChildren, fetchRoots, unitKeys } from '../api/territory';
import { kindIcon } from './KindTag';

interface SimpleNode {
  id: string;
  pId: string | null;
  value: string;
  title: string;
  isLeaf: boolean;
  icon: ReactNode;
}

interface Props {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  /** Only units of these kinds may be picked (others stay visible to navigate through). */
  selectableKinds?: string[];
  disabled?: boolean;
  'data-testid'?: string;
}

/** Territory picker over the user's scope, loading each level on demand (used by filters and forms). */
export function UnitTreeSelect({ value, onChange, placeholder, allowClear = true, style, selectableKinds, disabled, ...rest }: Props) {
  const qc = useQueryClient();
  const unitName = useUnitName();
  const [nodes, setNodes] = useState<Map<string, SimpleNode>>(new Map());
  const roots = useQuery({ queryKey: unitKeys.roots, queryFn: ({ signal }) => fetchRoots(signal) });

  const toNode = useCallback((u: UnitItem): SimpleNode => ({
    id: u.id, pId: u.parentId, value: u.id, title: unitName(u), isLeaf: u.childCount === 0,
    icon: kindIcon(u.kind, u.gridKind),
    ...(selectableKinds && !selectableKinds.includes(u.kind) ? { selectable: false } : {}),
  }), [unitName, selectableKinds]);

  const addUnits = useCallback((items: UnitItem[], rootLevel: boolean) => {
    setNodes((prev) => {
      const next = new Map(prev);
      // Roots of the user's scope have parents outside it: show them at the top level.
      items.forEach((u) => next.set(u.id, { ...toNode(u), pId: rootLevel ? null : u.parentId }));
      return next;
    });
  }, [toNode]);

  useEffect(() => {
    if (roots.data) addUnits(roots.data, true);
  }, [roots.data, addUnits]);

  // A preset value (from the URL or a record) that is not loaded yet still shows its name.
  const known = value ? nodes.has(value) : true;
  const preset = useQuery({
    queryKey: ['territory', 'unit', value],
    queryFn: ({ signal }) => get<UnitDetail>(`/territory/units/${value}`, undefined, signal),
    enabled: Boolean(value) && !known,
    staleTime: 60_000,
  });

  const treeData = useMemo(() => [...nodes.values()], [nodes]);
  const labelled = value
    ? { value, label: nodes.get(value)?.title ?? (preset.data ? unitName(preset.data.unit) : value) }
    : undefined;

  return (
    <TreeSelect
      {...rest}
      treeDataSimpleMode
      treeData={treeData}
      labelInValue
      value={labelled}
      onChange={(v: { value: string } | undefined) => onChange?.(v?.value)}
      loadData={async (node) => {
        const id = String(node.value);
        const items = await qc.fetchQuery({ queryKey: unitKeys.children(id), queryFn: ({ signal }) => fetchChildren(id, signal) });
        addUnits(items, false);
      }}
      treeIcon
      showSearch={false}
      allowClear={allowClear}
      placeholder={placeholder}
      loading={roots.isPending}
      disabled={disabled}
      style={{ minWidth: 200, ...style }}
      popupMatchSelectWidth={false}
      treeNodeFilterProp="title"
    />
  );
}
