import { useCallback, useMemo, useRef } from 'react';
import { Button, ConfigProvider, Grid, Space, Spin, theme, Tooltip } from 'antd';
import { FullscreenExitOutlined, FullscreenOutlined, RadarChartOutlined, FileTextOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../auth/useMe';
import { QueryError } from '../../../components/QueryError';
import { usePublicConfig } from '../../../lib/map/config';
import { toDisplay } from '../../../lib/map/geo';
import type { GridFeatureProps } from '../../territory/types';
import { fetchGrids, mapKeys } from '../../territory/map/api';
import { analyticsKeys, fetchBreakdown, fetchCockpit, fetchCockpitPoints } from '../api';
import { ScopeMap, type CasePointFC } from '../components/ScopeMap';
import { useAnalyticsScope } from '../components/useAnalyticsScope';
import { useFullscreen } from '../components/useFullscreen';
import { BreakdownTable } from './BreakdownTable';
import { CountCharts } from './CountCharts';
import { DepartmentTable } from './DepartmentTable';
import { EmergencyPanel } from './EmergencyPanel';
import { GridActivity } from './GridActivity';
import { KpiTiles } from './KpiTiles';
import { LiveFeed } from './LiveFeed';
import { OverdueList } from './OverdueList';
import { Panel } from './Panel';
import { PartyCoverage } from './PartyCoverage';
import { ScopeBreadcrumb } from './ScopeBreadcrumb';
import { useLiveFeed } from './useLiveFeed';
import '../analytics.css';

/** 指挥舱: the wall screen of the governance centre (1920×1080), also usable on a laptop and a phone. */
export default function CockpitPage() {
  const { t, i18n } = useTranslation('analytics');
  const navigate = useNavigate();
  const { data: me } = useMe();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const ref = useRef<HTMLDivElement>(null);
  const [fullscreen, toggleFullscreen] = useFullscreen(ref);
  const { unitId, setUnitId } = useAnalyticsScope();
  const feed = useLiveFeed();

  const cockpit = useQuery({
    queryKey: analyticsKeys.cockpit(unitId), queryFn: ({ signal }) => fetchCockpit(unitId, signal),
    enabled: unitId != null, refetchInterval: 60_000, placeholderData: (prev) => prev,
  });
  const c = cockpit.data;
  const scopeId = c?.unitId ?? unitId;
  const mapPoints = useQuery({
    queryKey: analyticsKeys.cockpitPoints(scopeId), queryFn: ({ signal }) => fetchCockpitPoints(scopeId, signal),
    enabled: scopeId != null, refetchInterval: 60_000, placeholderData: (prev) => prev,
  });
  const pointItems = mapPoints.data?.items;
  const breakdown = useQuery({
    queryKey: analyticsKeys.breakdown(scopeId, c?.monthStart ?? '', c?.today ?? ''),
    queryFn: ({ signal }) => fetchBreakdown(scopeId, c!.monthStart, c!.today, signal),
    enabled: c != null && c.unitKind !== 'grid',
  });
  const config = usePublicConfig();
  const crs = config.data?.mapTileUrl ? config.data.mapTileCrs : 'wgs84';
  const grids = useQuery({ queryKey: mapKeys.grids(scopeId, 'basic'), queryFn: ({ signal }) => fetchGrids(scopeId, 'basic', signal), enabled: scopeId != null });
  const gridsShown = useMemo(() => (grids.data ? toDisplay(grids.data, crs) : undefined), [grids.data, crs]);
  const points = useMemo<CasePointFC | undefined>(() => {
    if (!c || !pointItems) return undefined;
    const overdue = new Set(c.overdue.items.map((i) => i.id));
    const fc: CasePointFC = {
      type: 'FeatureCollection',
      features: pointItems.map((p) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [p.lng, p.lat] }, properties: { id: p.id, overdue: overdue.has(p.id) } })),
    };
    return toDisplay(fc, crs);
  }, [c, pointItems, crs]);

  const drill = useCallback((id: string) => setUnitId(id), [setUnitId]);
  // A grid clicked on the map: move one level down along its path (the child of the scope it lies in).
  const onGridClick = useCallback((g: GridFeatureProps) => {
    if (!scopeId) return;
    const labels = g.path.split('.');
    const i = labels.indexOf(scopeId);
    const next = i >= 0 ? labels[i + 1] : g.id;
    if (next) setUnitId(next);
  }, [scopeId, setUnitId]);

  const generated = c ? new Date(c.generatedAt).toLocaleTimeString('zh-CN', { hour12: false, hour: '2-digit', minute: '2-digit' }) : '';
  // Full screen on the wall gains the app header's height: the map takes it.
  const mapHeight = narrow ? 320 : fullscreen && screens.xxl ? 480 : screens.xxl ? 430 : 380;

  return (
    <ConfigProvider
      theme={{
        algorithm: theme.darkAlgorithm,
        token: { colorBgContainer: 'transparent', colorPrimary: '#3ba2ff' },
        components: { Table: { headerBg: 'rgba(59, 162, 255, 0.14)', headerColor: '#cfe6ff', rowHoverBg: 'rgba(59, 162, 255, 0.12)', cellPaddingBlockSM: 5 } },
      }} getPopupContainer={() => ref.current ?? document.body}>
      <div ref={ref} className="gg-cockpit" data-testid="cockpit-page" data-unit-id={c?.unitId ?? ''} data-kind={c?.unitKind ?? ''}>
        <header style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap', marginBottom: 10 }}>
          <h1 style={{ margin: 0, fontSize: narrow ? 20 : 26, color: '#fff', letterSpacing: i18n.language === 'en-US' ? 0 : 2 }} data-testid="cockpit-title">{t('cockpit.title')}</h1>
          {c && <ScopeBreadcrumb cockpit={c} homeUnitId={me?.homeUnitId} onPick={drill} />}
          <div style={{ flex: 1 }} />
          {c && <span style={{ color: 'rgba(255,255,255,0.55)', fontSize: 13 }} data-testid="cockpit-updated">{t('cockpit.updated', { time: generated, day: c.today })}</span>}
          <Space>
            {!fullscreen && <Button icon={<RadarChartOutlined />} onClick={() => navigate(`/analytics/risk${scopeId ? `?unitId=${scopeId}` : ''}`)} data-testid="cockpit-to-risk">{narrow ? null : t('nav.risk')}</Button>}
            {!fullscreen && <Button icon={<FileTextOutlined />} onClick={() => navigate(`/analytics/reports${scopeId ? `?unitId=${scopeId}` : ''}`)} data-testid="cockpit-to-reports">{narrow ? null : t('nav.reports')}</Button>}
            {document.fullscreenEnabled && <Tooltip title={fullscreen ? t('cockpit.exitFullscreen') : t('cockpit.fullscreen')}>
              <Button icon={fullscreen ? <FullscreenExitOutlined /> : <FullscreenOutlined />} onClick={toggleFullscreen} data-testid="cockpit-fullscreen" aria-label={t('cockpit.fullscreen')} />
            </Tooltip>}
          </Space>
        </header>
        {cockpit.error ? <QueryError error={cockpit.error} onRetry={() => void cockpit.refetch()} /> : null}
        {!c && !cockpit.error && <div style={{ textAlign: 'center', padding: 80 }}><Spin size="large" /></div>}
        {c && (
          <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            {c.emergency.active.length > 0 && <EmergencyPanel active={c.emergency.active} />}
            <KpiTiles today={c.indicators.today} month={c.indicators.month} />
            <div className="gg-cockpit-grid">
              <div className="gg-cockpit-col">
                <CountCharts counts={c.counts} narrow={narrow} />
                {c.party && <PartyCoverage party={c.party} />}
              </div>
              <div className="gg-cockpit-col gg-cockpit-center">
                <Panel title={t('cockpit.map')} extra={<span style={{ fontSize: 12, fontWeight: 400, color: 'rgba(255,255,255,0.55)' }}>{t(c.unitKind === 'grid' ? 'cockpit.mapHintGrid' : 'cockpit.mapHint', { count: pointItems?.length ?? 0 })}</span>} testId="cockpit-map-panel">
                  {!config.isPending && <ScopeMap tileUrl={config.data?.mapTileUrl ?? null} grids={gridsShown} points={points} dark height={mapHeight} testId="cockpit-map" onGridClick={c.unitKind === 'grid' ? undefined : onGridClick} />}
                </Panel>
                {c.unitKind !== 'grid' && <BreakdownTable data={breakdown.data} loading={breakdown.isPending} onDrill={drill} compact={!screens.xxl} />}
              </div>
              <div className="gg-cockpit-col">
                <LiveFeed items={feed} />
                <OverdueList overdue={c.overdue} />
                <DepartmentTable rows={c.departments} />
                {c.gridActivity.length > 0 && <GridActivity rows={c.gridActivity} onOpen={drill} />}
              </div>
            </div>
          </div>
        )}
      </div>
    </ConfigProvider>
  );
}
