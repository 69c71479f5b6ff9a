import { useState } from 'react';
import { Breadcrumb, Card, Col, Empty, List, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { QueryError } from '../../../components/QueryError';
import { emergencyKeys, fetchSitreps, type Emergency, type SitrepSummary } from '../api';
import { usePair } from '../labels';

type UnitRow = SitrepSummary['byUnit'][number];
const show = (v: number | string | null | undefined) => (v == null ? '—' : String(v));

/** 情况报告: the current period's figures rolled up by template (sum/max/latest), per child unit, and who is missing. */
export function SitrepsTab({ em }: { em: Emergency }) {
  const { t } = useTranslation('emergency');
  const pair = usePair();
  const [trail, setTrail] = useState<{ unitId: string; name: string }[]>([]);
  const unitId = trail.at(-1)?.unitId;
  const q = useQuery({
    queryKey: emergencyKeys.sitreps(em.id, unitId),
    queryFn: ({ signal }) => fetchSitreps(em.id, unitId, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Skeleton active />;
  const s = q.data;

  return (
    <Row gutter={[12, 12]} data-testid="sitreps">
      <Col xs={24}>
        <Breadcrumb items={[{ title: <a onClick={() => setTrail([])}>{em.unitName}</a> }, ...trail.map((x, i) => ({
          title: i === trail.length - 1 ? x.name : <a onClick={() => setTrail(trail.slice(0, i + 1))}>{x.name}</a>,
        }))]} />
        <Typography.Text type="secondary">{t('sitrep.period', { period: Number.isNaN(Date.parse(s.period)) ? s.period : dayjs(s.period).format('YYYY-MM-DD HH:mm') })}</Typography.Text>
      </Col>
      <Col xs={24}>
        <Row gutter={[12, 12]}>
          {s.fields.map((f) => (
            <Col xs={12} md={8} xl={24 / Math.min(6, Math.max(1, s.fields.length)) < 4 ? 4 : Math.floor(24 / s.fields.length)} key={f.key}>
              <Card size="small"><Statistic title={`${pair(f)} · ${t(`aggregate.${f.aggregate}`)}`} value={show(s.totals[f.key])} suffix={f.unit || undefined} /></Card>
            </Col>
          ))}
        </Row>
      </Col>
      <Col xs={24} xl={16}>
        <Table<UnitRow>
          className="gg-hscroll"
          size="small"
          rowKey="unitId"
          pagination={false}
          dataSource={s.byUnit}
          onRow={(r) => (r.expected > 1 ? { onClick: () => setTrail([...trail, { unitId: r.unitId, name: r.name }]), style: { cursor: 'pointer' } } : {})}
          columns={[
            { title: t('board.unit'), dataIndex: 'name', key: 'name' },
            { title: t('sitrep.reported'), key: 'rep', width: 90, align: 'right', render: (_, r) => `${r.reported}/${r.expected}` },
            ...s.fields.map((f) => ({ title: pair(f), key: f.key, align: 'right' as const, render: (_: unknown, r: UnitRow) => show(r.values[f.key]) })),
          ]}
        />
      </Col>
      <Col xs={24} xl={8}>
        <Card size="small" title={t('sitrep.missing', { count: s.missingTotal })} data-testid="sitrep-missing" data-count={s.missingTotal}>
          {s.missing.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('sitrep.noneMissing')} /> : (
            <List size="small" dataSource={s.missing} renderItem={(g) => <List.Item key={g.gridId}>{g.gridName}</List.Item>} style={{ maxHeight: 360, overflow: 'auto' }} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
