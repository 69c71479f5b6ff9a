import { Empty, Grid, List, Skeleton, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { QueryError } from '../../../components/QueryError';
import { emergencyKeys, fetchEmergencies, type Emergency } from '../api';
import { LevelTag, useIncidentLabel } from '../labels';

const fmt = (s: string | null) => (s ? dayjs(s).format('YYYY-MM-DD HH:mm') : '—');

/** Emergencies in the user's scope: a table on wide screens, cards on phones. */
export function EmergencyList({ state }: { state: 'active' | 'ended' }) {
  const { t } = useTranslation('emergency');
  const incident = useIncidentLabel();
  const screens = Grid.useBreakpoint();
  const q = useQuery({ queryKey: emergencyKeys.list(state), queryFn: ({ signal }) => fetchEmergencies(state, signal) });

  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (q.isPending) return <Skeleton active />;
  if (q.data.length === 0) return <Empty description={t(state === 'active' ? 'list.noneActive' : 'list.noneEnded')} />;

  const link = (e: Emergency) => (
    <Link to={`/emergency/${e.id}`} data-testid="emergency-link" data-id={e.id}>{e.title}</Link>
  );

  if (!screens.md) {
    return (
      <List
        data-testid="emergency-list"
        dataSource={q.data}
        renderItem={(e) => (
          <List.Item key={e.id}>
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap size={6}><LevelTag level={e.level} />{link(e)}</Space>
              <Typography.Text type="secondary">
                {incident(e.incidentType)} · {e.unitName} · {fmt(e.declaredAt)}{e.endedAt ? ` → ${fmt(e.endedAt)}` : ''}
              </Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    );
  }

  return (
    <Table<Emergency>
      className="gg-hscroll"
      data-testid="emergency-list"
      rowKey="id"
      size="middle"
      pagination={false}
      dataSource={q.data}
      columns={[
        { title: t('list.colTitle'), key: 'title', render: (_, e) => link(e) },
        { title: t('list.colLevel'), key: 'level', width: 110, render: (_, e) => <LevelTag level={e.level} /> },
        { title: t('list.colType'), key: 'type', width: 140, render: (_, e) => incident(e.incidentType) },
        { title: t('list.colArea'), dataIndex: 'unitName', key: 'area' },
        { title: t('list.colDeclared'), key: 'declared', width: 170, render: (_, e) => fmt(e.declaredAt) },
        ...(state === 'ended'
          ? [{ title: t('list.colEnded'), key: 'ended', width: 170, render: (_: unknown, e: Emergency) => fmt(e.endedAt) },
            { title: '', key: 'review', width: 120, render: (_: unknown, e: Emergency) => <Link to={`/emergency/${e.id}/review`}>{t('review.open')}</Link> }]
          : []),
      ]}
    />
  );
}
