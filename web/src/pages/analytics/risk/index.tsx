import { useCallback, useMemo } from 'react';
import { Alert, Card, Col, Flex, Grid, Row, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/QueryError';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect';
import { useUnitName } from '../../../lib/labels';
import { usePublicConfig } from '../../../lib/map/config';
import { toDisplay } from '../../../lib/map/geo';
import { useCatalogue } from '../../cases/shared/useCatalogue';
import { fetchGrids, mapKeys } from '../../territory/map/api';
import { analyticsKeys, fetchRisk } from '../api';
import { ScopeMap, type CasePointFC } from '../components/ScopeMap';
import { useAnalyticsScope } from '../components/useAnalyticsScope';
import { HotspotTable, RepeatTable, RisingTable } from './RiskLists';
import { RiskTable } from './RiskTable';
import { RISK_STEPS, scoreColour } from './scoreColour';
import { TopProblem } from './TopProblem';

/** 风险研判: grids by risk score with reasons, hot spots, repeat places, rising categories and 每月一题. */
export default function RiskPage() {
  const { t, i18n } = useTranslation('analytics');
  const en = i18n.language === 'en-US';
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const { unitId, setUnitId } = useAnalyticsScope();
  const risk = useQuery({ queryKey: analyticsKeys.risk(unitId ?? ''), queryFn: ({ signal }) => fetchRisk(unitId!, signal), enabled: unitId != null });
  const grids = useQuery({ queryKey: mapKeys.grids(unitId, 'basic'), queryFn: ({ signal }) => fetchGrids(unitId, 'basic', signal), enabled: unitId != null });
  const config = usePublicConfig();
  const crs = config.data?.mapTileUrl ? config.data.mapTileCrs : 'wgs84';
  const { byCode } = useCatalogue();
  const unitName = useUnitName();

  // Every grid a list names has a risk entry (each list item is one of its reasons), which carries nameEn.
  const names = useMemo(() => new Map<string, string>([
    ...(grids.data?.features ?? []).map((f) => [f.properties.id, f.properties.name] as const),
    ...(risk.data?.grids ?? []).map((g) => [g.gridId, unitName(g)] as const),
  ]), [grids.data, risk.data, unitName]);
  const gridName = useCallback((id: string) => names.get(id) ?? id, [names]);
  const categoryName = useCallback((code: string | null) => {
    const c = code ? byCode.get(code) : undefined;
    return c ? (en ? c.nameEn : c.name) : (code ?? '—');
  }, [byCode, en]);

  // Grids coloured by score (relative to the highest in scope); hot spots as points over them.
  const coloured = useMemo(() => {
    if (!grids.data) return undefined;
    const scores = new Map((risk.data?.grids ?? []).map((g) => [g.gridId, g.score]));
    const max = risk.data?.grids[0]?.score ?? 0;
    const fc = { ...grids.data, features: grids.data.features.map((f) => {
      const fill = scoreColour(scores.get(f.properties.id) ?? 0, max);
      return fill ? { ...f, properties: { ...f.properties, fill } } : f;
    }) };
    return toDisplay(fc, crs);
  }, [grids.data, risk.data, crs]);
  const hotspots = useMemo<CasePointFC | undefined>(() => (risk.data ? toDisplay({
    type: 'FeatureCollection',
    features: risk.data.hotspots.map((h) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [h.lng, h.lat] }, properties: { id: h.id, overdue: true } })),
  } as CasePointFC, crs) : undefined), [risk.data, crs]);

  const openGrid = (id: string) => navigate(`/cockpit?unitId=${id}`);
  const d = risk.data;

  return (
    <Flex vertical gap={12} className="gg-page" data-testid="risk-page">
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('risk.title')}</Typography.Title>
        <UnitTreeSelect value={unitId} onChange={(v) => setUnitId(v)} allowClear={false} style={{ width: screens.sm ? 280 : '100%' }} data-testid="risk-unit-select" />
        {d && <Typography.Text type="secondary">{t('risk.window', { days: d.days, asOf: d.asOf })}</Typography.Text>}
      </Flex>
      {risk.error ? <QueryError error={risk.error} onRetry={() => void risk.refetch()} /> : null}
      {risk.isPending && unitId && <Flex justify="center" style={{ padding: 40 }}><Spin /></Flex>}
      {d && (d.topProblem ? <TopProblem problem={d.topProblem} /> : <Alert type="info" showIcon title={t('risk.noTopProblem')} />)}
      <Row gutter={[12, 12]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('risk.map')} extra={
            <Flex gap={8} align="center" style={{ fontSize: 12 }}>
              {RISK_STEPS.map((s) => <span key={s.key}><span style={{ display: 'inline-block', width: 10, height: 10, background: s.color, marginInlineEnd: 4 }} />{t(`risk.level.${s.key}`)}</span>)}
            </Flex>
          }>
            {!config.isPending && <ScopeMap tileUrl={config.data?.mapTileUrl ?? null} grids={coloured} points={hotspots} height={screens.md ? 460 : 300} testId="risk-map" cluster={false} onGridClick={(g) => openGrid(g.id)} />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('risk.scores')}>
            {d && <RiskTable rows={d.grids} onOpen={openGrid} />}
          </Card>
        </Col>
        <Col xs={24} lg={12} xxl={8}><Card size="small" title={t('risk.hotspots')}>{d && <HotspotTable rows={d.hotspots} gridName={gridName} categoryName={categoryName} />}</Card></Col>
        <Col xs={24} lg={12} xxl={8}><Card size="small" title={t('risk.repeats')}>{d && <RepeatTable rows={d.repeats} gridName={gridName} />}</Card></Col>
        <Col xs={24} lg={12} xxl={8}><Card size="small" title={t('risk.rising')}>{d && <RisingTable rows={d.rising} gridName={gridName} />}</Card></Col>
      </Row>
    </Flex>
  );
}
