import { useCallback, useState } from 'react';
import { App, Button, Card, Empty, Flex, List, Skeleton, Space, Tag, Typography } from 'antd';
import { CheckOutlined, FormOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { QueryError } from '../../components/QueryError';
import { useErrorText } from '../../lib/errors';
import { ackDirective, emergencyKeys, fetchMyDirectives, type MyDirective } from './api';
import { LevelTag, STATE_COLOURS, useGridStateLabel } from './labels';
import { useEmergencyLive } from './useEmergencyLive';
import { ReportModal } from './components/ReportModal';
import { SitrepModal } from './components/SitrepModal';
import './emergency.css';

/** Open directives first (pending, then acknowledged), each by deadline; executed ones last. */
const ORDER = { pending: 0, acknowledged: 1, executed: 2 } as const;
const sortMine = (a: MyDirective, b: MyDirective) =>
  ORDER[a.grid.state] - ORDER[b.grid.state] || a.dueAt.localeCompare(b.dueAt);

function Due({ at }: { at: string }) {
  const { t } = useTranslation('emergency');
  const late = dayjs(at).isBefore(dayjs());
  return <Typography.Text type={late ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>{t(late ? 'field.overdue' : 'field.due', { at: dayjs(at).format('MM-DD HH:mm') })}</Typography.Text>;
}

/**
 * 我的指令 (phone card): directives reaching my grid(s) with 签收 and 反馈. Used by the field view and by
 * /emergency/my-directives. New directives arrive over the shared live stream.
 */
export function FieldDirectives({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation('emergency');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const stateLabel = useGridStateLabel();
  const qc = useQueryClient();
  const [reporting, setReporting] = useState<MyDirective | null>(null);
  const [sitrep, setSitrep] = useState<{ emergencyId: string; gridId: string; gridName: string; title: string } | null>(null);
  const q = useQuery({ queryKey: emergencyKeys.mine, queryFn: ({ signal }) => fetchMyDirectives(signal), refetchInterval: 60_000 });
  useEmergencyLive(useCallback(() => void qc.invalidateQueries({ queryKey: emergencyKeys.mine }), [qc]));
  const ack = useMutation({
    mutationFn: (d: MyDirective) => ackDirective(d.id, d.grid.gridId),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: emergencyKeys.mine });
      message.success(t('field.acked'));
    },
    onError: (e) => message.error(errorText(e)),
  });
  const items = [...(q.data ?? [])].sort(sortMine);
  const open = items.filter((d) => d.grid.state !== 'executed').length;
  // One 情况报告 button per emergency and grid among my directives.
  const sitreps = [...new Map(items.map((d) => [`${d.emergencyId}-${d.grid.gridId}`, { emergencyId: d.emergencyId, gridId: d.grid.gridId, gridName: d.grid.gridName, title: d.emergencyTitle }])).values()];

  return (
    <Card
      size="small"
      data-testid="field-directives"
      data-open={open}
      title={<Space>{t('field.title')}{open > 0 && <Tag color="red" style={{ marginInlineEnd: 0 }}>{t('field.open', { n: open })}</Tag>}</Space>}
      styles={{ body: { padding: compact ? 8 : 12 } }}
    >
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {q.isPending ? <Skeleton active /> : items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('field.none')} /> : (
        <List
          dataSource={items}
          split
          renderItem={(d) => (
            <List.Item key={`${d.id}-${d.grid.gridId}`} data-testid="field-directive" data-id={d.id} data-state={d.grid.state} style={{ display: 'block', padding: '10px 0' }}>
              <Flex gap={6} wrap align="center">
                <LevelTag level={d.level} />
                <Tag color={STATE_COLOURS[d.grid.state]} style={{ marginInlineEnd: 0 }} data-testid="field-directive-state">{stateLabel(d.grid.state)}</Tag>
                <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>{d.emergencyTitle}</Typography.Text>
              </Flex>
              <Typography.Text strong style={{ display: 'block', fontSize: 15, margin: '4px 0 2px' }}>{d.title}</Typography.Text>
              <Typography.Paragraph className="gg-pre-line" ellipsis={{ rows: 3, expandable: true, symbol: t('field.more') }} style={{ marginBottom: 4 }}>{d.body}</Typography.Paragraph>
              {d.additions.map((a) => (
                <Typography.Paragraph key={a.id} style={{ marginBottom: 4, fontSize: 13, borderLeft: '3px solid #faad14', paddingLeft: 6 }}>
                  {t('forward.addition', { unit: a.unitName })}: {a.note}
                </Typography.Paragraph>
              ))}
              <Flex justify="space-between" align="center" wrap gap={8}>
                <Space direction="vertical" size={0}>
                  <Due at={d.dueAt} />
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{d.grid.gridName}</Typography.Text>
                </Space>
                <Space>
                  {d.grid.state === 'pending' && (
                    <Button type="primary" danger icon={<CheckOutlined />} loading={ack.isPending && ack.variables?.id === d.id} onClick={() => ack.mutate(d)} data-testid="directive-ack">
                      {t('field.ack')}
                    </Button>
                  )}
                  {d.grid.state !== 'executed' && (
                    <Button type={d.grid.state === 'acknowledged' ? 'primary' : 'default'} icon={<FormOutlined />} onClick={() => setReporting(d)} data-testid="directive-report">
                      {t('field.report')}
                    </Button>
                  )}
                  {d.grid.state === 'executed' && d.grid.reportedAt && (
                    <Typography.Text type="success" style={{ fontSize: 12 }}>{t('field.reportedAt', { at: dayjs(d.grid.reportedAt).format('MM-DD HH:mm') })}</Typography.Text>
                  )}
                </Space>
              </Flex>
            </List.Item>
          )}
        />
      )}
      {sitreps.length > 0 && (
        <Flex gap={8} wrap style={{ marginTop: 8 }}>
          {sitreps.map((x) => (
            <Button key={`${x.emergencyId}-${x.gridId}`} block={sitreps.length === 1} onClick={() => setSitrep(x)} data-testid="sitrep-open">
              {t('sitrep.open')}{sitreps.length > 1 ? ` · ${x.title}` : ''}
            </Button>
          ))}
        </Flex>
      )}
      {reporting && <ReportModal directive={reporting} onClose={() => setReporting(null)} />}
      {sitrep && <SitrepModal {...sitrep} onClose={() => setSitrep(null)} />}
    </Card>
  );
}

/** /emergency/my-directives: the card on its own page, until the field view mounts it. */
export default function MyDirectivesPage() {
  return (
    <div className="gg-page" style={{ maxWidth: 720 }}>
      <FieldDirectives />
    </div>
  );
}
