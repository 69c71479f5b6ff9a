import { Button, Card, Col, Flex, Image, Row, Skeleton, Space, Statistic, Table, Timeline, Typography } from 'antd';
import { ArrowLeftOutlined, FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { QueryError } from '../../../components/QueryError';
import { emergencyKeys, fetchReview, reviewPdfUrl, reviewXlsxUrl, type Review } from '../api';
import { LevelTag, useIncidentLabel, useResponderLabel } from '../labels';
import { useDuration } from '../components/PlanDrawer';

type DirRow = Review['directives'][number];
const fmt = (s: string | null | undefined) => (s ? dayjs(s).format('YYYY-MM-DD HH:mm') : '—');
const pct = (n: number, d: number) => {
  if (!d) return '—';
  const x = (n / d) * 100;
  return `${x > 0 && x < 10 ? x.toFixed(1) : Math.round(x)}%`;
};

/** 复盘报告: timeline, directive performance, mobilisation, cases, resources and the 反馈 photos; Excel (and PDF when offered). */
export default function ReviewPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('emergency');
  const incident = useIncidentLabel();
  const responder = useResponderLabel();
  const dur = useDuration();
  const q = useQuery({ queryKey: emergencyKeys.review(id), queryFn: ({ signal }) => fetchReview(id, signal) });
  // The PDF is offered unless the server says it has no such route (a HEAD answering 404).
  const pdf = useQuery({
    queryKey: ['emergency', 'review-pdf', id],
    queryFn: () => fetch(reviewPdfUrl(id), { method: 'HEAD', credentials: 'same-origin' }).then((r) => r.status !== 404),
    staleTime: Infinity,
    retry: false,
  });

  if (q.isError) return <div className="gg-page"><QueryError error={q.error} onRetry={() => void q.refetch()} /></div>;
  if (q.isPending) return <div className="gg-page"><Skeleton active /></div>;
  const r = q.data;
  const em = r.emergency;

  return (
    <div className="gg-page" data-testid="review-page">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space wrap>
          <Link to={`/emergency/${em.id}`}><Button icon={<ArrowLeftOutlined />} aria-label={t('review.back')} /></Link>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('review.title')} · {em.title}</Typography.Title>
          <LevelTag level={em.level} />
        </Space>
        <Space wrap>
          <Button icon={<FileExcelOutlined />} href={reviewXlsxUrl(id)} data-testid="review-xlsx">{t('review.excel')}</Button>
          {pdf.data !== false && <Button icon={<FilePdfOutlined />} href={reviewPdfUrl(id)} data-testid="review-pdf">{t('review.pdf')}</Button>}
        </Space>
      </Flex>
      <Row gutter={[12, 12]}>
        <Col xs={24}>
          <Card size="small">
            <Typography.Text>
              {incident(em.incidentType)} · {em.unitName} · {fmt(em.declaredAt)} → {fmt(em.endedAt)}
              {em.endedAt ? ` · ${t('review.duration', { d: dur(Math.max(1, dayjs(em.endedAt).diff(dayjs(em.declaredAt), 'minute'))) })}` : ''}
            </Typography.Text>
            {em.note && <Typography.Paragraph type="secondary" className="gg-pre-line" style={{ marginTop: 8, marginBottom: 0 }}>{em.note}</Typography.Paragraph>}
          </Card>
        </Col>
        <Col xs={24} xl={16}>
          <Card size="small" title={t('review.directives')}>
            <Table<DirRow>
              className="gg-hscroll"
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={r.directives}
              columns={[
                { title: t('directive.title'), dataIndex: 'title', key: 'title' },
                { title: t('review.issued'), key: 'issued', width: 140, render: (_, d) => fmt(d.issuedAt) },
                { title: t('board.grids'), dataIndex: 'total', key: 'total', align: 'right', width: 70 },
                { title: t('board.ack'), key: 'ack', align: 'right', width: 80, render: (_, d) => pct(d.acknowledged, d.total) },
                { title: t('board.exec'), key: 'exec', align: 'right', width: 80, render: (_, d) => pct(d.executed, d.total) },
                { title: t('review.onTime'), key: 'ontime', align: 'right', width: 80, render: (_, d) => pct(d.onTime, d.total) },
                { title: t('review.escalated'), dataIndex: 'escalated', key: 'esc', align: 'right', width: 80 },
                { title: t('review.medianAck'), key: 'median', align: 'right', width: 110, render: (_, d) => (d.medianAckMinutes == null ? '—' : t('time.minutes', { n: Math.round(d.medianAckMinutes) })) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title={t('review.timeline')} styles={{ body: { maxHeight: 420, overflow: 'auto', paddingTop: 16 } }}>
            <Timeline items={r.timeline.map((e) => ({ children: <><Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmt(e.at)}{e.actor ? ` · ${e.actor}` : ''}</Typography.Text><div>{e.text}</div></> }))} />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('tabs.mobilisation')}>
            <Row gutter={8}>
              {(['called', 'confirmed', 'declined', 'checkedIn'] as const).map((k) => (
                <Col span={6} key={k}><Statistic title={t(`mobilise.${k}`)} value={r.mobilisation[k]} valueStyle={{ fontSize: 20 }} /></Col>
              ))}
            </Row>
            <Typography.Text type="secondary">{r.mobilisation.byKind.map((k) => `${responder(k.kind)} ${k.checkedIn}/${k.called}`).join(' · ')}</Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('review.cases')}>
            <Row gutter={8}>
              <Col span={12}><Statistic title={t('review.casesTotal')} value={r.cases.total} valueStyle={{ fontSize: 20 }} /></Col>
              <Col span={12}><Statistic title={t('review.casesClosed')} value={r.cases.closed} valueStyle={{ fontSize: 20 }} /></Col>
            </Row>
            <Typography.Text type="secondary">{r.cases.byCategory.map((c) => `${c.category} ${c.count}`).join(' · ')}</Typography.Text>
          </Card>
        </Col>
        {r.photoTotal > 0 && (
          <Col xs={24}>
            <Card size="small" title={t('photos.title', { n: r.photoTotal })} data-testid="review-photos" data-count={r.photoTotal}>
              <Image.PreviewGroup>
                <Flex gap={8} wrap>
                  {r.photos.map((p) => (
                    <figure key={p.id} className="gg-directive-photo" data-testid="review-photo">
                      <Image src={p.thumbUrl} preview={{ src: p.url }} width={104} height={104} style={{ objectFit: 'cover', borderRadius: 4 }} alt={`${p.directiveTitle} · ${p.gridName}`} />
                      <figcaption>
                        <Typography.Text ellipsis style={{ fontSize: 12, display: 'block', maxWidth: 104 }} title={p.directiveTitle}>{p.directiveTitle}</Typography.Text>
                        <Typography.Text ellipsis style={{ fontSize: 11, display: 'block', maxWidth: 104 }} type="secondary" title={p.gridName}>{p.gridName} · {dayjs(p.at).format('MM-DD HH:mm')}</Typography.Text>
                      </figcaption>
                    </figure>
                  ))}
                </Flex>
              </Image.PreviewGroup>
              {r.photoTotal > r.photos.length && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('photos.moreFirst', { n: r.photoTotal, shown: r.photos.length })}</Typography.Text>}
            </Card>
          </Col>
        )}
      </Row>
    </div>
  );
}
