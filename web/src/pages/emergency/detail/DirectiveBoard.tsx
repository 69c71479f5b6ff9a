import { useState } from 'react';
import { Breadcrumb, Button, Card, Col, Collapse, Flex, Progress as Bar, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { ShareAltOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { QueryError } from '../../../components/QueryError';
import { KindTag } from '../../../components/KindTag';
import { useMe } from '../../../auth/useMe';
import { emergencyKeys, fetchProgress, type Directive, type Emergency, type Progress } from '../api';
import { STATE_COLOURS } from '../labels';
import { ReportFieldTags } from '../components/ReportFieldTags';
import { Laggards } from './Laggards';
import { BoardMap } from './BoardMap';
import { ForwardModal } from './ForwardModal';
import { useHomeInArea } from './useHomeInArea';
import { DirectivePhotos } from './DirectivePhotos';

type Row = Progress['byUnit'][number];
/** The server sends percentages (0–100, one decimal). */
const pct = (x: number) => Math.round(x);
/** " · 0.4%" beside a count: small shares keep their decimal so the first grids show. */
const share = (x: number) => <span style={{ fontSize: 14 }}>{` · ${x > 0 && x < 10 ? x.toFixed(1) : Math.round(x)}%`}</span>;

/**
 * 指令看板: acknowledged and executed shares for the directive, drilled town → community → grid, the laggards and
 * a map of grids by state. Refreshed by the page's live listener (directive.progress events).
 */
export function DirectiveBoard({ directive: d, em }: { directive: Directive; em: Emergency }) {
  const { t } = useTranslation('emergency');
  const { data: me } = useMe();
  const [trail, setTrail] = useState<{ unitId: string; name: string }[]>([]);
  const [forward, setForward] = useState(false);
  const unitId = trail.at(-1)?.unitId;
  const q = useQuery({
    queryKey: emergencyKeys.progress(d.id, unitId),
    queryFn: ({ signal }) => fetchProgress(d.id, unitId, signal),
    placeholderData: keepPreviousData,
  });
  const p = q.data;
  // 转发 is for the levels in between: a home unit inside the area (not the area itself, nor a unit above it), above grids.
  const { below, home, root } = useHomeInArea(em);
  const canForward = em.state === 'active' && below && home !== null && home.kind !== 'grid' && home.kind !== 'cell'
    && (me?.permissions.includes('emergency.respond') || me?.permissions.includes('emergency.command'));

  return (
    <Flex vertical gap={12} data-testid="directive-board" data-directive={d.id}>
      <Card size="small" title={<Typography.Text strong>{d.title}</Typography.Text>}
        extra={canForward && <Button size="small" icon={<ShareAltOutlined />} onClick={() => setForward(true)} data-testid="forward-open">{t('forward.open')}</Button>}>
        <Collapse ghost size="small" items={[{
          key: 'body',
          label: t('directive.details', { due: dayjs(d.dueAt).format('YYYY-MM-DD HH:mm'), by: d.issuedBy ?? '—' }),
          children: (
            <>
              <Typography.Paragraph className="gg-pre-line" style={{ marginBottom: 4 }}>{d.body}</Typography.Paragraph>
              {d.additions.map((a) => (
                <Typography.Paragraph key={a.id} className="gg-pre-line" style={{ marginBottom: 4, borderLeft: '3px solid #faad14', paddingLeft: 8 }}>
                  <Tag color="gold">{t('forward.addition', { unit: a.unitName })}</Tag>{a.note}
                </Typography.Paragraph>
              ))}
              <ReportFieldTags fields={d.reportFields} />
            </>
          ),
        }]} />
        {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
        {!p ? <Skeleton active /> : (
          <Row gutter={[16, 8]}>
            <Col xs={8}><Statistic title={t('board.grids')} value={p.total} valueStyle={{ fontSize: 22 }} /></Col>
            <Col xs={8}>
              <Statistic title={t('board.ack')} value={p.acknowledged} suffix={share(p.ackPct)} valueStyle={{ fontSize: 22, color: STATE_COLOURS.acknowledged }}
                data-testid="board-ack" data-count={p.acknowledged} data-total={p.total} />
            </Col>
            <Col xs={8}>
              <Statistic title={t('board.exec')} value={p.executed} suffix={share(p.execPct)} valueStyle={{ fontSize: 22, color: STATE_COLOURS.executed }}
                data-testid="board-exec" data-count={p.executed} />
            </Col>
          </Row>
        )}
      </Card>
      {p && (
        <Row gutter={[12, 12]}>
          <Col xs={24}>
            <Card size="small" title={
              <Breadcrumb items={[{ title: <a onClick={() => setTrail([])}>{t('board.whole')}</a> }, ...trail.map((x, i) => ({
                title: i === trail.length - 1 ? x.name : <a onClick={() => setTrail(trail.slice(0, i + 1))}>{x.name}</a>,
              }))]} />
            }>
              <Table<Row>
                className="gg-hscroll"
                data-testid="board-table"
                size="small"
                rowKey="unitId"
                pagination={false}
                dataSource={p.byUnit}
                onRow={(r) => ({ onClick: () => r.kind !== 'grid' && setTrail([...trail, { unitId: r.unitId, name: r.name }]), style: { cursor: r.kind !== 'grid' ? 'pointer' : undefined } })}
                columns={[
                  { title: t('board.unit'), key: 'name', render: (_, r) => <span data-testid="board-row" data-kind={r.kind}><KindTag kind={r.kind} /> {r.name}</span> },
                  { title: t('board.grids'), dataIndex: 'total', key: 'total', width: 70, align: 'right' },
                  { title: t('board.ack'), key: 'ack', width: 150, render: (_, r) => <Bar percent={pct(r.ackPct)} size="small" strokeColor={STATE_COLOURS.acknowledged} format={() => `${r.acknowledged}/${r.total}`} /> },
                  { title: t('board.exec'), key: 'exec', width: 150, render: (_, r) => <Bar percent={pct(r.execPct)} size="small" strokeColor={STATE_COLOURS.executed} format={() => `${r.executed}/${r.total}`} /> },
                ]}
              />
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <BoardMap directive={d} unitId={unitId ?? root} progress={p} />
          </Col>
          <Col xs={24} xl={12}>
            <Laggards progress={p} />
          </Col>
          <Col xs={24}>
            <DirectivePhotos directiveId={d.id} unitId={unitId} />
          </Col>
        </Row>
      )}
      {forward && me?.homeUnitId && <ForwardModal directive={d} unitId={me.homeUnitId} unitName={me.homeUnitName ?? ''} onClose={() => setForward(false)} />}
    </Flex>
  );
}
