import { Alert, Card, Col, Grid, Row, Skeleton, Statistic } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MEMBER_CLASSES, MEMBER_CLASS_LABELS, RECRUIT_STAGES, RECRUIT_STAGE_LABELS } from '@gridgov/common';
import { QueryError } from '../../../components/QueryError';
import { fetchDashboard, partyKeys } from '../api';
import { Chart } from '../components/Chart';
import { pct, useLabel } from '../labels';
import { useScopeUnit } from '../useScope';
import { classRing, coverageBars, pipelineBars, rateGauges } from './charts';
import { OrgCoverageMap } from './OrgCoverageMap';

/** 党建总览: the figures a district is judged by, for the chosen unit (or the whole scope). */
export default function PartyDashboardPage() {
  const { t } = useTranslation('party');
  const [unitId] = useScopeUnit();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  const classLabel = useLabel(MEMBER_CLASS_LABELS);
  const stageLabel = useLabel(RECRUIT_STAGE_LABELS);
  const q = useQuery({ queryKey: partyKeys.dashboard(unitId), queryFn: ({ signal }) => fetchDashboard(unitId, signal) });

  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  const d = q.data;
  const c = d?.coverage;
  const gridsWithout = c ? c.grids - c.gridsWithOrg : 0;

  return (
    <div className="gg-page" data-testid="party-dashboard">
      <Row gutter={[12, 12]}>
        {([
          ['members', c?.members, undefined],
          ['gridCoverage', c ? pct(c.grids ? c.gridsWithOrg / c.grids : 0) : undefined, c ? t('dashboard.ofGrids', { n: c.gridsWithOrg, total: c.grids }) : ''],
          ['dualReportRate', c ? pct(c.dualReportRate) : undefined, undefined],
          ['trainingCoverage', c ? pct(c.trainingCoverage) : undefined, undefined],
        ] as const).map(([key, value, sub]) => (
          <Col xs={12} lg={6} key={key}>
            <Card size="small" data-testid={`party-kpi-${key}`}>
              <Statistic title={t(`dashboard.kpi.${key}`)} value={value ?? '–'} loading={q.isPending} styles={{ content: { color: '#c8102e' } }} />
              {sub && <div style={{ color: '#8c8c8c', fontSize: 12 }}>{sub}</div>}
            </Card>
          </Col>
        ))}
      </Row>
      {c && gridsWithout > 0 && (
        <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('dashboard.gridsWithout', { count: gridsWithout })} />
      )}
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('dashboard.map')}>
            {d ? <OrgCoverageMap unitId={unitId} grids={d.grids} height={narrow ? 300 : 420} /> : <Skeleton active />}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Row gutter={[12, 12]}>
            <Col xs={24} md={12} xl={24}>
              <Card size="small" title={t('dashboard.coverage')}>
                {d && c ? (
                  <Chart testId="party-chart-coverage" height={150} option={coverageBars([
                    { name: t('dashboard.grids'), with: c.gridsWithOrg, total: c.grids },
                    { name: t('dashboard.estates'), with: c.estatesWithOrg, total: c.estates },
                    { name: t('dashboard.buildings'), with: d.buildingsWithOrg, total: d.buildings },
                  ])} />
                ) : <Skeleton active />}
              </Card>
            </Col>
            <Col xs={24} md={12} xl={24}>
              <Card size="small" title={t('dashboard.rates')}>
                {c ? (
                  <Chart testId="party-chart-rates" height={220} option={rateGauges([
                    { name: t('dashboard.kpi.dualReportRate'), value: c.dualReportRate },
                    { name: t('dashboard.kpi.trainingCoverage'), value: c.trainingCoverage },
                  ], narrow)} />
                ) : <Skeleton active />}
              </Card>
            </Col>
          </Row>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('dashboard.byClass')}>
            {c ? (
              <Chart testId="party-chart-classes" height={narrow ? 360 : 280} option={classRing(
                MEMBER_CLASSES.map((k) => ({ name: classLabel(k), value: c.membersByClass[k] })), narrow,
              )} />
            ) : <Skeleton active />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('dashboard.pipeline')}>
            {d ? (
              <Chart testId="party-chart-pipeline" height={280} option={pipelineBars(
                RECRUIT_STAGES.filter((s) => s !== 'dropped').map((s) => ({ name: stageLabel(s), value: d.recruitment[s] ?? 0 })), narrow,
              )} />
            ) : <Skeleton active />}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
