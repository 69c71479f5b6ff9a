import { Descriptions, Flex, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUnitName } from '../../../lib/labels';
import { ASSESSED_INDICATORS, type AnnualAssessment as Annual } from '@gridgov/common';
import { fmtRate, fmtScore } from '../components/format';
import { useIndicatorText } from '../components/indicatorText';

type Street = Annual['streets'][number];
type Dept = Annual['departments'][number];
const pct = (v: number) => `${Math.round(v * 100)}%`;

/** 年考核: the weighted indicators, the weights they used, and what governance adds to each annual score. */
export function AnnualAssessmentView({ report }: { report: Annual }) {
  const { t, i18n } = useTranslation('analytics');
  const unitName = useUnitName();
  const text = useIndicatorText();
  const w = report.weights;
  const totalW = ASSESSED_INDICATORS.reduce((s, k) => s + w.indicatorWeights[k], 0) || 1;
  return (
    <Flex vertical gap={16} data-testid="report-annual">
      <Typography.Title level={5} style={{ margin: 0 }} data-testid="report-title">{i18n.language === 'en-US' ? report.titleEn : report.title}</Typography.Title>
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 4 }} title={t('reports.weights')} data-testid="report-weights"
        items={[
          { key: 'street', label: t('reports.streetShare'), children: pct(w.streetShare) },
          { key: 'dept', label: t('reports.departmentShare'), children: pct(w.departmentShare) },
          { key: 'rating', label: t('reports.ratingWeight'), children: pct(w.departmentRatingWeight) },
          ...ASSESSED_INDICATORS.map((k) => ({ key: k, label: text(k).name, children: pct(w.indicatorWeights[k] / totalW) })),
        ]} />
      <Typography.Title level={5} style={{ margin: 0 }}>{t('reports.streets')}</Typography.Title>
      <Table<Street> size="small" rowKey="unitId" dataSource={report.streets} pagination={false} scroll={{ x: 720 }} data-testid="report-annual-streets"
        columns={[
          { title: t('reports.rank'), dataIndex: 'rank', width: 60 },
          { title: t('col.unit'), dataIndex: 'name', render: (_: string, r) => unitName(r) },
          ...ASSESSED_INDICATORS.map((k) => ({ title: text(k).short, key: k, width: 90, align: 'right' as const, render: (_: unknown, r: Street) => fmtRate(r.indicators[k]) })),
          { title: t('reports.score'), dataIndex: 'score', width: 80, align: 'right', render: (v: number | null) => fmtScore(v) },
          { title: t('reports.weighted', { share: pct(w.streetShare) }), dataIndex: 'weighted', width: 110, align: 'right', render: (v: number | null) => <b>{fmtScore(v)}</b> },
        ]} />
      <Typography.Title level={5} style={{ margin: 0 }}>{t('reports.departments')}</Typography.Title>
      <Table<Dept> size="small" rowKey="departmentId" dataSource={report.departments} pagination={false} scroll={{ x: 720 }} data-testid="report-annual-departments"
        columns={[
          { title: t('reports.rank'), dataIndex: 'rank', width: 60 },
          { title: t('col.department'), dataIndex: 'name', render: (_: string, r) => unitName(r) },
          { title: t('reports.indicatorScore'), dataIndex: 'indicatorScore', width: 100, align: 'right', render: (v: number | null) => fmtScore(v) },
          { title: t('reports.rating'), dataIndex: 'rating', width: 100, align: 'right', render: (v: number | null, r) => (v == null ? '—' : `${fmtScore(v)} (${r.ratingCount})`) },
          { title: t('reports.score'), dataIndex: 'score', width: 80, align: 'right', render: (v: number | null) => fmtScore(v) },
          { title: t('reports.weighted', { share: pct(w.departmentShare) }), dataIndex: 'weighted', width: 110, align: 'right', render: (v: number | null) => <b>{fmtScore(v)}</b> },
        ]} />
    </Flex>
  );
}
