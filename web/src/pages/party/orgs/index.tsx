import { useMemo, useState } from 'react';
import { Card, Col, Empty, Grid, Input, Row, Skeleton, Tabs, Tree } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ORG_TYPE_LABELS, type OrgItem } from '@gridgov/common';
import { QueryError } from '../../../components/QueryError';
import { fetchOrgs, partyKeys } from '../api';
import { useLabel } from '../labels';
import { useScopeUnit } from '../useScope';
import { OrgDetailCard } from './components/OrgDetailCard';
import { OneShoulderTable } from './components/OneShoulderTable';
import { GridsWithoutOrg } from './components/GridsWithoutOrg';

interface Node { key: string; title: string; children: Node[] }

/** Builds the typed tree from the flat list (ordered by tree; an org whose parent is out of scope is a root). */
function toTree(items: OrgItem[], label: (o: OrgItem) => string): Node[] {
  const byId = new Map<string, Node>();
  const roots: Node[] = [];
  for (const o of items) byId.set(o.id, { key: o.id, title: label(o), children: [] });
  for (const o of items) {
    const n = byId.get(o.id)!;
    const parent = o.parentId ? byId.get(o.parentId) : undefined;
    (parent ? parent.children : roots).push(n);
  }
  return roots;
}

/** 党组织: 街道大工委 → 社区大党委 → branches → building groups, with the 一肩挑 check and grids still lacking one. */
export default function PartyOrgsPage() {
  const { t } = useTranslation('party');
  const [unitId] = useScopeUnit();
  const screens = Grid.useBreakpoint();
  const typeLabel = useLabel(ORG_TYPE_LABELS);
  const [selected, setSelected] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const orgs = useQuery({ queryKey: partyKeys.orgs(unitId), queryFn: ({ signal }) => fetchOrgs(unitId, signal) });

  const tree = useMemo(() => {
    const f = filter.trim();
    const items = orgs.data?.items ?? [];
    const shown = f ? items.filter((o) => o.name.includes(f) || (o.unitName ?? '').includes(f)) : items;
    return toTree(shown, (o) => `${o.name} · ${typeLabel(o.type)}${o.memberCount ? ` (${o.memberCount})` : ''}`);
  }, [orgs.data, filter, typeLabel]);
  const rootKeys = useMemo(() => tree.map((n) => n.key), [tree]);
  const current = selected ?? orgs.data?.items[0]?.id ?? null;

  return (
    <div className="gg-page">
      <Card>
        <Tabs
          items={[
            {
              key: 'tree', label: t('orgs.tabTree'),
              children: (
                <Row gutter={[16, 16]}>
                  <Col xs={24} lg={9}>
                    <Input.Search allowClear placeholder={t('orgs.search')} onChange={(e) => setFilter(e.target.value)} style={{ marginBottom: 8 }} />
                    {orgs.isError && <QueryError error={orgs.error} onRetry={() => void orgs.refetch()} />}
                    {orgs.isPending ? <Skeleton active /> : tree.length === 0 ? <Empty /> : (
                      <div style={{ maxHeight: screens.lg ? 'calc(100vh - 260px)' : 320, overflow: 'auto' }}>
                        <Tree
                          className="gg-tree" data-testid="party-org-tree" treeData={tree} blockNode
                          key={`${unitId ?? 'all'}-${filter}`} defaultExpandedKeys={filter ? undefined : rootKeys} defaultExpandAll={Boolean(filter)}
                          selectedKeys={current ? [current] : []} onSelect={(keys) => keys[0] && setSelected(String(keys[0]))}
                        />
                      </div>
                    )}
                  </Col>
                  <Col xs={24} lg={15}>{current ? <OrgDetailCard orgId={current} onOpen={setSelected} /> : null}</Col>
                </Row>
              ),
            },
            { key: 'one-shoulder', label: t('orgs.tabOneShoulder'), children: <OneShoulderTable unitId={unitId} /> },
            { key: 'no-org', label: t('orgs.tabNoOrg'), children: <GridsWithoutOrg unitId={unitId} /> },
          ]}
        />
      </Card>
    </div>
  );
}
