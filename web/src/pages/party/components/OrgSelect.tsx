import { useMemo, type CSSProperties } from 'react';
import { TreeSelect } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { ORG_TYPE_LABELS, type OrgItem } from '@gridgov/common';
import { fetchOrgs, partyKeys } from '../api';
import { useLabel } from '../labels';

interface Props {
  unitId?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
  allowClear?: boolean;
  'data-testid'?: string;
}

/** Party organisations in scope as a tree (the list is flat, ordered by tree; parentId gives the nesting). */
export function OrgSelect({ unitId, value, onChange, placeholder, style, allowClear = true, ...rest }: Props) {
  const typeLabel = useLabel(ORG_TYPE_LABELS);
  const orgs = useQuery({ queryKey: partyKeys.orgs(unitId), queryFn: ({ signal }) => fetchOrgs(unitId, signal), staleTime: 60_000 });
  const treeData = useMemo(() => {
    const items = orgs.data?.items ?? [];
    const ids = new Set(items.map((o) => o.id));
    return items.map((o: OrgItem) => ({
      id: o.id, pId: o.parentId && ids.has(o.parentId) ? o.parentId : null, value: o.id,
      title: `${o.name}（${typeLabel(o.type)}）`,
    }));
  }, [orgs.data, typeLabel]);
  return (
    <TreeSelect
      {...rest}
      treeDataSimpleMode
      treeData={treeData}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      showSearch
      treeNodeFilterProp="title"
      allowClear={allowClear}
      placeholder={placeholder}
      loading={orgs.isPending}
      treeDefaultExpandedKeys={treeData.filter((n) => !n.pId).map((n) => n.id)}
      popupMatchSelectWidth={false}
      style={{ minWidth: 200, ...style }}
    />
  );
}
