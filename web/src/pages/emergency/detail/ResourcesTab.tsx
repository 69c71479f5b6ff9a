import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Col, Flex, Popconfirm, Progress as Bar, Row, Skeleton, Table, Tag, Typography, type ButtonProps } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import gcoord from 'gcoord';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import maplibregl, { type GeoJSONSource, type Map as MlMap } from 'maplibre-gl';
import { MapCanvas } from '../../../lib/map/MapCanvas';
import { bboxOf, pointToDisplay, toDisplay } from '../../../lib/map/geo';
import { usePublicConfig } from '../../../lib/map/config';
import { QueryError } from '../../../components/QueryError';
import { fetchGrids, mapKeys } from '../../territory/map/api';
import { addGridLayers } from '../../territory/map/components/layers';
import { deleteResource, emergencyKeys, fetchResources, type Emergency, type Resource } from '../api';
import { useErrorText } from '../../../lib/errors';
import { useResourceLabel } from '../labels';
import { ResourceForm } from './ResourceForm';
import { ResourceEdit } from './ResourceEdit';
import { useHomeInArea } from './useHomeInArea';

const KIND_COLOURS: Record<string, string> = { shelter: '#1677ff', supply_point: '#389e0d', equipment: '#d46b08' };
const load = (r: Resource) => (r.capacity ? r.occupancy / r.capacity : 0);
const loadColour = (x: number) => (x >= 0.9 ? '#cf1322' : x >= 0.7 ? '#faad14' : '#389e0d');

/**
 * 应急资源: shelters, supply points and equipment in the area on the map and in a table, with occupancy. A click on
 * the map opens the add form at that point (shown in the base map's datum, stored as WGS-84); 更新 keeps occupancy current.
 */
export function ResourcesTab({ em }: { em: Emergency }) {
  const { t } = useTranslation('emergency');
  const kind = useResourceLabel();
  const config = usePublicConfig();
  const [map, setMap] = useState<MlMap | null>(null);
  const [adding, setAdding] = useState<{ point: { lon: number; lat: number } | null } | null>(null);
  const [editing, setEditing] = useState<Resource | null>(null);
  const { message } = App.useApp();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const remove = useMutation({
    mutationFn: (r: Resource) => deleteResource(r.id),
    onSuccess: (_, r) => {
      void qc.invalidateQueries({ queryKey: ['emergency', 'resources'] });
      message.success(t('resources.deleted', { name: r.name }));
    },
    onError: (e) => message.error(errorText(e)),
  });
  // A community or grid user reads (and adds to) their own part of the area: the street itself is outside their scope.
  const { root, ready } = useHomeInArea(em);
  const q = useQuery({ queryKey: emergencyKeys.resources(root), queryFn: ({ signal }) => fetchResources(root, signal), refetchInterval: 60_000, enabled: ready });
  const grids = useQuery({ queryKey: mapKeys.grids(root, 'basic'), queryFn: ({ signal }) => fetchGrids(root, 'basic', signal), enabled: ready });
  const crs = config.data?.mapTileUrl ? config.data.mapTileCrs : 'wgs84';
  const shownGrids = useMemo(() => (grids.data ? toDisplay(grids.data, crs) : undefined), [grids.data, crs]);

  const onReady = useCallback((m: MlMap) => {
    addGridLayers(m);
    m.setPaintProperty('grids-fill', 'fill-opacity', 0.15);
    setMap(m);
    return () => setMap(null);
  }, []);

  useEffect(() => {
    if (!map || !shownGrids) return;
    (map.getSource('grids') as GeoJSONSource).setData(shownGrids);
    const b = bboxOf(shownGrids.features.map((f) => f.geometry));
    if (b) map.fitBounds(b, { padding: 24, maxZoom: 15, duration: 0 });
  }, [map, shownGrids]);

  useEffect(() => {
    if (!map) return;
    const onClick = (e: maplibregl.MapMouseEvent) => {
      const p: [number, number] = [e.lngLat.lng, e.lngLat.lat];
      const [lon, lat] = crs === 'gcj02' ? gcoord.transform(p, gcoord.GCJ02, gcoord.WGS84) as [number, number] : p;
      setAdding({ point: { lon: Math.round(lon * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 } });
    };
    map.on('click', onClick);
    return () => void map.off('click', onClick);
  }, [map, crs]);

  // Resources as HTML markers (the offline map has no glyphs): a dot in the kind's colour, load in the title.
  useEffect(() => {
    if (!map || !q.data) return;
    const markers = q.data.map((r) => {
      const el = document.createElement('div');
      el.className = 'gg-resource-marker';
      el.style.background = KIND_COLOURS[r.kind] ?? '#595959';
      el.style.boxShadow = `0 0 0 3px ${loadColour(load(r))}`;
      el.title = `${r.name} · ${kind(r.kind)} · ${r.occupancy}/${r.capacity}`;
      el.textContent = r.capacity ? String(Math.round(load(r) * 100)) : '';
      return new maplibregl.Marker({ element: el }).setLngLat(pointToDisplay([r.lon, r.lat], crs)).addTo(map);
    });
    return () => markers.forEach((mk) => mk.remove());
  }, [map, q.data, crs, kind]);

  return (
    <Row gutter={[12, 12]} data-testid="resources">
      <Col xs={24} xl={12}>
        <Card size="small" styles={{ body: { padding: 8 } }} title={t('resources.map')}>
          <Flex wrap gap={4} align="center" style={{ marginBottom: 6 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 'auto' }}>{t('resources.mapHint')}</Typography.Text>
            {Object.entries(KIND_COLOURS).map(([k, c]) => <Tag key={k} color={c} style={{ marginInlineEnd: 0 }}>{kind(k)}</Tag>)}
          </Flex>
          {!config.isPending && <MapCanvas tileUrl={config.data?.mapTileUrl ?? null} onReady={onReady} testId="resources-map" style={{ height: 380 }} />}
        </Card>
      </Col>
      <Col xs={24} xl={12}>
        <Flex justify="flex-end" style={{ marginBottom: 8 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding({ point: null })} data-testid="resource-add">{t('resources.add')}</Button>
        </Flex>
        {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
        {q.isPending ? <Skeleton active /> : (
          <Table<Resource>
            className="gg-hscroll"
            size="small"
            rowKey="id"
            data-testid="resources-table"
            dataSource={q.data}
            pagination={{ pageSize: 12, hideOnSinglePage: true }}
            columns={[
              { title: t('resources.name'), dataIndex: 'name', key: 'name' },
              { title: t('resources.kind'), key: 'kind', width: 110, render: (_, r) => <Tag color={KIND_COLOURS[r.kind]}>{kind(r.kind)}</Tag> },
              { title: t('resources.unit'), dataIndex: 'unitName', key: 'unit' },
              { title: t('resources.load'), key: 'load', width: 170, render: (_, r) => (
                <span data-testid="resource-load" data-name={r.name} data-occupancy={r.occupancy}>
                  <Bar percent={Math.round(load(r) * 100)} size="small" strokeColor={loadColour(load(r))} format={() => `${r.occupancy}/${r.capacity}`} />
                </span>
              ) },
              { title: '', key: 'edit', width: 88, render: (_, r) => (
                <Flex gap={0}>
                  <Button size="small" type="link" icon={<EditOutlined />} aria-label={t('resources.edit')} title={t('resources.edit')} onClick={() => setEditing(r)} data-testid="resource-edit" />
                  <Popconfirm title={t('resources.deleteConfirm', { name: r.name })} okText={t('resources.delete')} okButtonProps={{ danger: true, 'data-testid': 'resource-delete-ok' } as ButtonProps}
                    onConfirm={() => remove.mutateAsync(r)}>
                    <Button size="small" type="link" danger icon={<DeleteOutlined />} aria-label={t('resources.delete')} title={t('resources.delete')} data-testid="resource-delete" />
                  </Popconfirm>
                </Flex>
              ) },
            ]}
          />
        )}
      </Col>
      {adding && <ResourceForm unitId={root} point={adding.point} onClose={() => setAdding(null)} />}
      {editing && <ResourceEdit resource={editing} onClose={() => setEditing(null)} />}
    </Row>
  );
}
