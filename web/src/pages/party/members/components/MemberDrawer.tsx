import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Flex, Grid, Skeleton, Statistic, Tag, Timeline, Typography } from 'antd';
import { EyeOutlined, SwapOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MEMBER_CLASS_LABELS, MEMBER_STATUS_LABELS } from '@gridgov/common';
import { useCan } from '../../../../auth/useMe';
import { QueryError } from '../../../../components/QueryError';
import { usePartyErrorText as useErrorText } from '../../errors';
import { fetchMember, partyKeys, unmaskMember } from '../../api';
import { useLabel } from '../../labels';
import { MemberRecordSection } from './MemberRecord';
import { TransferModal } from './TransferModal';

/** A member: masked numbers (full ones on request, audited), transfers history, service hours, points, training. */
export function MemberDrawer({ memberId, onClose }: { memberId: string | null; onClose: () => void }) {
  const { t } = useTranslation('party');
  const { t: tc } = useTranslation();
  const can = useCan();
  const errorText = useErrorText();
  const screens = Grid.useBreakpoint();
  const classLabel = useLabel(MEMBER_CLASS_LABELS);
  const statusLabel = useLabel(MEMBER_STATUS_LABELS);
  const [full, setFull] = useState<{ idNumber: string | null; phone: string | null } | null>(null);
  const [transferOpen, setTransferOpen] = useState(false);
  const q = useQuery({ queryKey: partyKeys.member(memberId ?? ''), queryFn: ({ signal }) => fetchMember(memberId!, signal), enabled: Boolean(memberId) });
  const unmask = useMutation({ mutationFn: () => unmaskMember(memberId!), gcTime: 0, onSuccess: setFull });
  const m = q.data;
  const close = () => { setFull(null); unmask.reset(); onClose(); };

  return (
    <Drawer open={Boolean(memberId)} onClose={close} size={screens.md ? 560 : '100%'} title={m?.name ?? t('members.detail')} destroyOnHidden
      extra={m && can('party.write') ? <Button icon={<SwapOutlined />} onClick={() => setTransferOpen(true)} data-testid="party-member-transfer">{t('transfer.button')}</Button> : null}
    >
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {q.isPending && <Skeleton active />}
      {m && (
        <Flex vertical gap={16} data-testid="party-member-detail">
          <Flex gap={24} wrap>
            <Statistic title={t('members.serviceHours')} value={m.serviceHours} data-testid="party-member-hours" />
            <Statistic title={t('members.points')} value={m.points} />
            <Statistic title={t('members.trainedThisYear')} value={m.trainedThisYear ? tc('state.yes') : tc('state.no')} styles={{ content: { color: m.trainedThisYear ? '#389e0d' : '#d46b08' } }} />
          </Flex>
          <Descriptions styles={{ label: { whiteSpace: 'nowrap' } }} size="small" column={1} bordered>
            <Descriptions.Item label={t('members.col.class')}><Tag color="red">{classLabel(m.memberClass)}</Tag></Descriptions.Item>
            <Descriptions.Item label={t('members.col.status')}>{statusLabel(m.status)}</Descriptions.Item>
            <Descriptions.Item label={t('members.col.org')}>{m.orgName}</Descriptions.Item>
            <Descriptions.Item label={t('members.col.grid')}>{m.homeGridName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('members.col.joinedOn')}>{m.joinedOn ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('register.workUnit')}>{m.workUnit ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('members.col.dual')}>{m.dualRegistered ? tc('state.yes') : tc('state.no')}</Descriptions.Item>
            <Descriptions.Item label={t('members.col.idNumber')}><span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{full ? full.idNumber ?? '—' : m.idNumber ?? '—'}</span></Descriptions.Item>
            <Descriptions.Item label={t('members.col.phone')}><span style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>{full ? full.phone ?? '—' : m.phone ?? '—'}</span></Descriptions.Item>
          </Descriptions>
          {(can('residents.unmask') || can('party.manage')) && (full
            ? <Alert type="warning" showIcon title={t('members.unmaskShown')} action={<Button size="small" onClick={() => setFull(null)}>{t('members.hide')}</Button>} />
            : <Flex gap={8} align="center"><Button icon={<EyeOutlined />} loading={unmask.isPending} onClick={() => unmask.mutate()}>{t('members.unmask')}</Button>
                <Typography.Text type="secondary">{t('members.unmaskAudited')}</Typography.Text></Flex>)}
          {unmask.isError && <Alert type="error" showIcon title={errorText(unmask.error)} />}
          <MemberRecordSection memberId={m.id} />
          <div>
            <Typography.Title level={5}>{t('members.transfers')}</Typography.Title>
            {m.transfers.length === 0 ? <Typography.Text type="secondary">{t('members.noTransfers')}</Typography.Text> : (
              <Timeline items={m.transfers.map((tr) => ({
                key: tr.id,
                children: <><b>{tr.on}</b> {tr.fromOrgName ?? '—'} → {tr.toOrgName}{tr.reason ? <div style={{ color: '#8c8c8c' }}>{tr.reason}</div> : null}</>,
              }))} />
            )}
          </div>
        </Flex>
      )}
      {m && <TransferModal member={m} open={transferOpen} onClose={() => setTransferOpen(false)} />}
    </Drawer>
  );
}
