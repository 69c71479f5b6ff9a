import { useState } from 'react';
import { Button, Card, Col, Row, Statistic, Table, Tabs, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useCan } from '../../../auth/useMe';
import { QueryError } from '../../../components/QueryError';
import { fetchActivities, fetchDualRegs, partyKeys, type Activity } from '../api';
import { useScopeUnit } from '../useScope';
import { ActivityDrawer } from './components/ActivityDrawer';
import { PublishModal } from './components/PublishModal';
import { DualRegModal } from './components/DualRegModal';
import { ServiceStatsTab } from './components/ServiceStatsTab';

/** 双报到双服务: organs and in-service members register with their home community; communities publish activities. */
export default function PartyServicesPage() {
  const { t } = useTranslation('party');
  const can = useCan();
  const [unitId] = useScopeUnit();
  const [openId, setOpenId] = useState<string | null>(null);
  const [publishOpen, setPublishOpen] = useState(false);
  const [regOpen, setRegOpen] = useState(false);
  const acts = useQuery({ queryKey: partyKeys.activities(unitId), queryFn: ({ signal }) => fetchActivities(unitId, signal) });
  const regs = useQuery({ queryKey: partyKeys.dualRegs(unitId), queryFn: ({ signal }) => fetchDualRegs(unitId, signal) });
  const organs = regs.data?.items.filter((r) => r.kind === 'organ').length ?? 0;
  const members = regs.data?.items.filter((r) => r.kind === 'member').length ?? 0;
  const hours = acts.data?.items.reduce((s, a) => s + a.hours, 0) ?? 0;
  const open = acts.data?.items.find((a) => a.id === openId) ?? null;

  return (
    <div className="gg-page">
      <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('services.organs')} value={organs} loading={regs.isPending} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('services.members')} value={members} loading={regs.isPending} /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title={t('services.activities')} value={acts.data?.total ?? 0} loading={acts.isPending} /></Card></Col>
        <Col xs={12} md={6}><Card size="small" data-testid="party-services-hours"><Statistic title={t('services.hours')} value={hours} precision={1} loading={acts.isPending} /></Card></Col>
      </Row>
      <Card>
        <Tabs
          items={[
            {
              key: 'activities', label: t('services.tabActivities'),
              children: (
                <>
                  {can('party.write') && <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setPublishOpen(true)} data-testid="party-activity-publish">{t('services.publish')}</Button>}
                  {acts.isError && <QueryError error={acts.error} onRetry={() => void acts.refetch()} />}
                  <Table<Activity>
                    data-testid="party-activities-table" rowKey="id" size="middle" className="gg-hscroll" loading={acts.isFetching}
                    dataSource={acts.data?.items} pagination={{ pageSize: 20, hideOnSinglePage: true }}
                    onRow={(a) => ({ onClick: () => setOpenId(a.id), style: { cursor: 'pointer' } })}
                    columns={[
                      { title: t('services.col.title'), dataIndex: 'title', width: 220, render: (v: string, a) => <>{v}{a.category && <Tag style={{ marginLeft: 6 }}>{a.category}</Tag>}</> },
                      { title: t('services.col.community'), dataIndex: 'communityName', width: 150 },
                      { title: t('services.col.startsAt'), dataIndex: 'startsAt', width: 150, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
                      { title: t('services.col.place'), dataIndex: 'place', width: 160, ellipsis: true, render: (v: string | null) => v ?? '—' },
                      { title: t('services.col.signups'), key: 'signups', width: 100, render: (_, a) => `${a.signups}${a.capacity ? ` / ${a.capacity}` : ''}` },
                      { title: t('services.col.checkedIn'), dataIndex: 'checkedIn', width: 90 },
                      { title: t('services.col.hours'), dataIndex: 'hours', width: 90 },
                    ]}
                  />
                </>
              ),
            },
            {
              key: 'registrations', label: t('services.tabRegistrations'),
              children: (
                <>
                  {can('party.write') && <Button icon={<PlusOutlined />} style={{ marginBottom: 12 }} onClick={() => setRegOpen(true)}>{t('services.register')}</Button>}
                  {regs.isError && <QueryError error={regs.error} onRetry={() => void regs.refetch()} />}
                  <Table
                    rowKey="id" size="middle" className="gg-hscroll" loading={regs.isFetching} dataSource={regs.data?.items}
                    pagination={{ pageSize: 20, hideOnSinglePage: true }} data-testid="party-dual-table"
                    columns={[
                      { title: t('services.col.kind'), dataIndex: 'kind', width: 100, render: (k: string) => <Tag color={k === 'organ' ? 'blue' : 'red'}>{t(k === 'organ' ? 'services.kindOrgan' : 'services.kindMember')}</Tag> },
                      { title: t('services.col.who'), key: 'who', width: 220, render: (_, r) => r.organName ?? r.memberName ?? '—' },
                      { title: t('services.col.community'), dataIndex: 'communityName', width: 160 },
                      { title: t('services.col.registeredOn'), dataIndex: 'registeredOn', width: 120 },
                    ]}
                  />
                </>
              ),
            },
            { key: 'stats', label: t('services.tabStats'), children: <ServiceStatsTab unitId={unitId} /> },
          ]}
        />
      </Card>
      <ActivityDrawer activity={open} onClose={() => setOpenId(null)} />
      <PublishModal open={publishOpen} onClose={() => setPublishOpen(false)} />
      <DualRegModal open={regOpen} onClose={() => setRegOpen(false)} />
    </div>
  );
}
