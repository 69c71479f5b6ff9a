import { useState } from 'react';
import { Card, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { QueryError } from '../../../components/QueryError';
import { auditKeys, fetchAudit, type AuditItem } from './api';
import { AuditFilters, type AuditFilterValues } from './components/AuditFilters';
import { JsonDiff } from './components/JsonDiff';

const ACTION_COLOR: Record<string, string> = { auth: 'default', user: 'blue', person: 'orange', unit: 'green', grid: 'cyan', grid_layout: 'purple' };

/** 审计日志: who did what to which object, with the before/after content, filtered and paged on the server. */
export default function AuditPage() {
  const { t } = useTranslation('audit');
  const { t: tc } = useTranslation();
  const [filters, setFilters] = useState<AuditFilterValues>({});
  const [page, setPage] = useState({ current: 1, pageSize: 50 });
  const query = { ...filters, limit: page.pageSize, offset: (page.current - 1) * page.pageSize };
  const list = useQuery({ queryKey: auditKeys.list(query), queryFn: ({ signal }) => fetchAudit(query, signal), placeholderData: keepPreviousData });
  const actionLabels = t('actionLabels', { returnObjects: true }) as Record<string, string>;
  const entityLabels = t('entityLabels', { returnObjects: true }) as Record<string, string>;

  return (
    <div className="gg-page">
      <Card title={t('title')}>
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t('hint')}</Typography.Text>
          <AuditFilters
            value={filters}
            onChange={(f) => { setFilters(f); setPage((p) => ({ ...p, current: 1 })); }}
            actionLabels={actionLabels}
            entityLabels={entityLabels}
          />
          {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
          <Table<AuditItem>
            data-testid="audit-table"
            rowKey="id"
            size="small"
            loading={list.isFetching}
            dataSource={list.data?.items}
            className="gg-hscroll"
            expandable={{
              expandedRowRender: (r) => <JsonDiff before={r.before} after={r.after} />,
              rowExpandable: (r) => r.before != null || r.after != null,
            }}
            pagination={{
              current: page.current,
              pageSize: page.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100, 200],
              showTotal: (n) => tc('state.total', { count: n }),
              onChange: (current, pageSize) => setPage({ current: pageSize === page.pageSize ? current : 1, pageSize }),
            }}
            columns={[
              { title: t('col.at'), dataIndex: 'at', width: 170, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm:ss') },
              { title: t('col.actor'), dataIndex: 'actorName', width: 130, render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('diff.system')}</Typography.Text> },
              {
                title: t('col.action'), dataIndex: 'action', width: 220,
                render: (a: string) => (
                  <Flex vertical gap={0}>
                    <span><Tag color={ACTION_COLOR[a.split('.')[0] ?? ''] ?? 'default'}>{actionLabels[a] ?? a}</Tag></span>
                    {actionLabels[a] && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{a}</Typography.Text>}
                  </Flex>
                ),
              },
              {
                title: t('col.entity'), key: 'entity', width: 160,
                render: (_, r) => {
                  const label = `${entityLabels[r.entityType] ?? r.entityType}${r.entityId ? ` #${r.entityId}` : ''}`;
                  return r.entityType === 'unit' && r.entityId ? <Link to={`/units/${r.entityId}`}>{label}</Link> : label;
                },
              },
              {
                // The path is a chain of unit ids; its last element is the unit the event belongs to.
                title: t('col.unit'), dataIndex: 'unitPath', width: 120,
                render: (v: string | null) => {
                  const id = v?.split('.').pop();
                  return id ? <Tooltip title={v}><Link to={`/units/${id}`}>#{id}</Link></Tooltip> : '—';
                },
              },
              { title: t('col.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
            ]}
          />
        </Flex>
      </Card>
    </div>
  );
}
