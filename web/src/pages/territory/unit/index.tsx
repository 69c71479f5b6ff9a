import { useMemo } from 'react';
import { Card, Col, Flex, Row, Spin, Tabs } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { QueryError } from '../../../components/QueryError';
import { fetchChildren, unitKeys as treeKeys } from '../tree/api';
import { fetchUnit, unitKeys } from './api';
import { UnitHeader } from './components/UnitHeader';
import { ProfileCard } from './components/ProfileCard';
import { UnitMiniMap } from './components/UnitMiniMap';
import { DutyList } from './components/DutyList';
import { HistoryTab } from './components/HistoryTab';
import { ChildrenTable } from './components/ChildrenTable';
import { BuildingsTable, KeySitesTable, StaffTable, type GridNames } from './components/tables';

/** Unit / grid page: breadcrumb, profile, map, and tabs for duties, people, buildings, key sites, history. */
export default function UnitPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('territory');
  const detail = useQuery({ queryKey: unitKeys.detail(id), queryFn: ({ signal }) => fetchUnit(id, signal) });
  const kind = detail.data?.unit.kind;
  const isGrid = kind === 'grid';
  const children = useQuery({
    queryKey: treeKeys.children(id),
    queryFn: ({ signal }) => fetchChildren(id, signal),
    enabled: Boolean(detail.data) && (!isGrid || (detail.data?.counts.children ?? 0) > 0),
  });
  // Under a community the lists say which grid each row belongs to.
  const gridNames = useMemo<GridNames | null>(() => {
    if (kind !== 'community' || !children.data) return null;
    return new Map(children.data.filter((c) => c.kind === 'grid').map((c) => [c.id, c.name]));
  }, [kind, children.data]);

  if (detail.isPending) return <Flex justify="center" style={{ padding: 48 }}><Spin size="large" /></Flex>;
  if (detail.isError) return <div className="gg-page"><QueryError error={detail.error} onRetry={() => void detail.refetch()} /></div>;
  const d = detail.data;
  const unitId = d.unit.id;
  const withHistory = kind === 'community' || isGrid;

  const tabs = [
    ...(isGrid || d.gridType ? [{ key: 'duties', label: t('tabs.duties'), children: <DutyList gridType={d.gridType} /> }] : []),
    ...(!isGrid || d.counts.children > 0 ? [{ key: 'children', label: `${t('tabs.children')} (${d.counts.children})`, children: <ChildrenTable query={children} /> }] : []),
    { key: 'staff', label: `${t('tabs.staff')} (${d.counts.staff})`, children: <StaffTable unitId={unitId} gridNames={gridNames} /> },
    { key: 'buildings', label: `${t('tabs.buildings')} (${d.counts.buildings})`, children: <BuildingsTable unitId={unitId} gridNames={gridNames} /> },
    { key: 'keySites', label: `${t('tabs.keySites')} (${d.counts.keySites})`, children: <KeySitesTable unitId={unitId} gridNames={gridNames} /> },
    ...(withHistory ? [{ key: 'history', label: t('tabs.history'), children: <HistoryTab unitId={unitId} /> }] : []),
  ];

  return (
    <Flex vertical gap={16} className="gg-page" data-testid="unit-page">
      <UnitHeader detail={d} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={13}><ProfileCard detail={d} /></Col>
        <Col xs={24} lg={11}><UnitMiniMap detail={d} /></Col>
      </Row>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs key={unitId} items={tabs} />
      </Card>
    </Flex>
  );
}
