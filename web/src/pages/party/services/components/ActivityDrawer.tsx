import { useState } from 'react';
import { Alert, Button, Descriptions, Drawer, Flex, Grid, InputNumber, Table, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useCan } from '../../../../auth/useMe';
import { usePartyErrorText as useErrorText } from '../../errors';
import { checkIn, fetchSignups, partyKeys, recordHours, signUp, type Activity, type SignupItem } from '../../api';
import { MemberSelect } from '../../components/MemberSelect';

/** One activity: sign a member up, check them in on the day, record the hours served. */
export function ActivityDrawer({ activity, onClose }: { activity: Activity | null; onClose: () => void }) {
  const { t } = useTranslation('party');
  const can = useCan();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const screens = Grid.useBreakpoint();
  const [memberId, setMemberId] = useState<string>();
  const [hours, setHours] = useState<Record<string, number>>({});
  const id = activity?.id ?? '';
  // The key starts with 'party', so the invalidation after every change below reloads the list too.
  const listed = useQuery({ queryKey: ['party', 'signups', id], queryFn: ({ signal }) => fetchSignups(id, signal), enabled: Boolean(activity) });
  const rows = listed.data?.items ?? [];

  const done = () => { void qc.invalidateQueries({ queryKey: partyKeys.all }); };
  const join = useMutation({ mutationFn: () => signUp(id, memberId!), onSuccess: () => { done(); setMemberId(undefined); } });
  const arrive = useMutation({ mutationFn: checkIn, onSuccess: done });
  const served = useMutation({ mutationFn: ({ sid, h }: { sid: string; h: number }) => recordHours(sid, h), onSuccess: done });
  const error = join.error ?? arrive.error ?? served.error;

  return (
    <Drawer open={Boolean(activity)} onClose={onClose} size={screens.md ? 640 : '100%'} title={activity?.title} destroyOnHidden>
      {activity && (
        <Flex vertical gap={16} data-testid="party-activity-detail">
          <Descriptions styles={{ label: { whiteSpace: 'nowrap' } }} size="small" column={screens.md ? 2 : 1} bordered>
            <Descriptions.Item label={t('services.col.community')}>{activity.communityName}</Descriptions.Item>
            <Descriptions.Item label={t('services.col.startsAt')}>{dayjs(activity.startsAt).format('YYYY-MM-DD HH:mm')}</Descriptions.Item>
            <Descriptions.Item label={t('services.col.place')}>{activity.place ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('services.plannedHours')}>{activity.plannedHours}</Descriptions.Item>
            <Descriptions.Item label={t('services.col.signups')}>{activity.signups}{activity.capacity ? ` / ${activity.capacity}` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('services.col.hours')}>{activity.hours}</Descriptions.Item>
          </Descriptions>
          {can('party.write') && (
            <Flex gap={8} wrap>
              <MemberSelect value={memberId} onChange={setMemberId} placeholder={t('services.pickMember')} style={{ flex: 1, minWidth: 220 }} data-testid="party-signup-member" />
              <Button type="primary" disabled={!memberId} loading={join.isPending} onClick={() => join.mutate()} data-testid="party-signup-submit">{t('services.signUp')}</Button>
            </Flex>
          )}
          {(error ?? listed.error) && <Alert type="error" showIcon title={errorText(error ?? listed.error)} />}
          <Typography.Title level={5} style={{ margin: 0 }}>{t('services.signups')}</Typography.Title>
          <Table<SignupItem>
            rowKey="id" size="small" className="gg-hscroll" dataSource={rows} pagination={false} loading={listed.isLoading} data-testid="party-signups-table"
            columns={[
              { title: t('services.col.member'), dataIndex: 'memberName', width: 100 },
              { title: t('members.col.phone'), dataIndex: 'memberPhone', width: 120, render: (v: string | null) => v ?? '—' },
              { title: t('members.col.org'), dataIndex: 'memberOrgName', width: 140, ellipsis: true },
              {
                title: t('services.col.checkedIn'), key: 'in', width: 130,
                render: (_, s) => (s.checkedInAt ? <Tag color="green">{dayjs(s.checkedInAt).format('MM-DD HH:mm')}</Tag>
                  : can('party.write') ? <Button size="small" icon={<CheckOutlined />} loading={arrive.isPending} onClick={() => arrive.mutate(s.id)} data-testid="party-checkin">{t('services.checkIn')}</Button> : '—'),
              },
              {
                title: t('services.col.hours'), key: 'hours', width: 200,
                render: (_, s) => (can('party.write') ? (
                  <Flex gap={4}>
                    <InputNumber size="small" min={0} max={24} step={0.5} value={hours[s.id] ?? s.hours} onChange={(v) => setHours((h) => ({ ...h, [s.id]: Number(v ?? 0) }))} style={{ width: 80 }} data-testid="party-hours-input" />
                    <Button size="small" loading={served.isPending} onClick={() => served.mutate({ sid: s.id, h: hours[s.id] ?? s.hours })} data-testid="party-hours-save">{t('services.saveHours')}</Button>
                  </Flex>
                ) : s.hours),
              },
            ]}
          />
        </Flex>
      )}
    </Drawer>
  );
}
