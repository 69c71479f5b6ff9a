import { useMemo } from 'react';
import { Card, Col, Flex, Grid, List, Row, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EChartsOption } from 'echarts';
import type { QuarterlyBulletin as Bulletin } from '@gridgov/common';
import { useUnitName } from '../../../lib/labels';
import { Chart } from '../components/Chart';
import { fmtRate, fmtScore } from '../components/format';
import { useIndicatorText } from '../components/indicatorText';
import { IndicatorSummary } from './IndicatorSummary';

type Town = Bulletin['towns'][number];
type Dept = Bulletin['departments'][number];
type Entry = Bulletin['redList'][number];

/** Long names (English department names) are cut to `labelWidth` px so the bars keep their room; the tooltip has them whole. */
function scoreBars(rows: { name: string; score: number | null }[], labelWidth: number): EChartsOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100 },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true, axisLabel: { width: labelWidth, overflow: 'truncate' } },
    series: [{ type: 'bar', barMaxWidth: 16, label: { show: true, position: 'right' }, data: rows.map((r) => (r.score == null ? 0 : Number(r.score.toFixed(1)))) }],
  };
}

/** 季通报: rankings of towns and departments, red and black lists, charts. */
export function QuarterlyBulletinView({ bulletin }: { bulletin: Bulletin }) {
  const { t, i18n } = useTranslation('analytics');
  const en = i18n.language === 'en-US';
  const text = useIndicatorText();
  const unitName = useUnitName();
  const labelWidth = Grid.useBreakpoint().md ? 240 : 120;
  const townChart = useMemo(() => scoreBars(bulletin.towns.map((x) => ({ name: unitName(x), score: x.score })), labelWidth), [bulletin.towns, unitName, labelWidth]);
  const deptChart = useMemo(() => scoreBars(bulletin.departments.map((x) => ({ name: unitName(x), score: x.score })), labelWidth), [bulletin.departments, unitName, labelWidth]);
  const rate = (k: 'responseRate' | 'resolutionRate' | 'satisfactionRate' | 'onTimeHandlingRate') =>
    ({ title: text(k).short, key: k, width: 90, align: 'right' as const, render: (_: unknown, r: Town | Dept) => fmtRate(r.indicators[k]) });
  const list = (title: string, rows: Entry[], color: string, testId: string) => (
    <Card size="small" title={<span style={{ color }}>{title}</span>} data-testid={testId}>
      <List size="small" dataSource={rows} locale={{ emptyText: t('reports.listEmpty') }}
        renderItem={(e) => <List.Item data-testid="report-list-entry"><span><b>{unitName(e)}</b> · {en ? e.en : e.zh}</span></List.Item>} />
    </Card>
  );
  const h = (n: number) => Math.max(120, n * 28 + 20);
  return (
    <Flex vertical gap={16} data-testid="report-quarterly">
      <Typography.Title level={5} style={{ margin: 0 }} data-testid="report-title">{en ? bulletin.titleEn : bulletin.title}</Typography.Title>
      <IndicatorSummary values={bulletin.indicators} />
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>{list(t('reports.redList'), bulletin.redList, '#cf1322', 'report-red-list')}</Col>
        <Col xs={24} md={12}>{list(t('reports.blackList'), bulletin.blackList, '#262626', 'report-black-list')}</Col>
        <Col xs={24} lg={12}><Card size="small" title={t('reports.townScores')}><Chart option={townChart} height={h(bulletin.towns.length)} testId="report-town-chart" empty={!bulletin.towns.some((x) => x.score != null)} /></Card></Col>
        <Col xs={24} lg={12}><Card size="small" title={t('reports.deptScores')}><Chart option={deptChart} height={h(bulletin.departments.length)} testId="report-dept-chart" empty={!bulletin.departments.some((x) => x.score != null)} /></Card></Col>
      </Row>
      <Typography.Title level={5} style={{ margin: 0 }}>{t('reports.townRanking')}</Typography.Title>
      <Table<Town> size="small" rowKey="unitId" dataSource={bulletin.towns} pagination={false} scroll={{ x: 640 }} data-testid="report-town-ranking"
        columns={[
          { title: t('reports.rank'), dataIndex: 'rank', width: 60 },
          { title: t('col.unit'), dataIndex: 'name', render: (_: string, r) => unitName(r) },
          rate('responseRate'), rate('resolutionRate'), rate('satisfactionRate'),
          { title: t('reports.score'), dataIndex: 'score', width: 80, align: 'right', render: (v: number | null) => <b>{fmtScore(v)}</b> },
        ]} />
      <Typography.Title level={5} style={{ margin: 0 }}>{t('reports.deptRanking')}</Typography.Title>
      <Table<Dept> size="small" rowKey="departmentId" dataSource={bulletin.departments} pagination={false} scroll={{ x: 640 }} data-testid="report-dept-ranking"
        columns={[
          { title: t('reports.rank'), dataIndex: 'rank', width: 60 },
          { title: t('col.department'), dataIndex: 'name', render: (_: string, r) => unitName(r) },
          rate('onTimeHandlingRate'), rate('satisfactionRate'),
          { title: t('reports.rating'), dataIndex: 'rating', width: 100, align: 'right', render: (v: number | null, r) => (v == null ? '—' : `${fmtScore(v)} (${r.ratingCount})`) },
          { title: t('reports.score'), dataIndex: 'score', width: 80, align: 'right', render: (v: number | null) => <b>{fmtScore(v)}</b> },
        ]} />
    </Flex>
  );
}
