import { useState } from 'react';
import { Badge, Button, Card, Flex, Grid, List, Segmented, Space, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../components/QueryError';
import { fmtTime, useActionLabel } from '../cases/shared/labels';
import { fetchInbox, inboxKeys, markAllRead, markRead, type InboxItem } from './api';

/** 消息: in-app notifications, newest first; opening one marks it read and goes to its matter. */
export default function InboxPage() {
  const { t } = useTranslation('cases', { keyPrefix: 'inbox' });
  const kind = useActionLabel();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const phone = !Grid.useBreakpoint().md;
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const q = { unread: unreadOnly, page: page.current, pageSize: page.pageSize };
  const list = useQuery({
    queryKey: inboxKeys.list(q),
    queryFn: ({ signal }) => fetchInbox({ unread: unreadOnly, limit: page.pageSize, offset: (page.current - 1) * page.pageSize }, signal),
    placeholderData: keepPreviousData,
  });
  const afterRead = (unread: number) => {
    qc.setQueryData(inboxKeys.unread, unread);
    void qc.invalidateQueries({ queryKey: ['inbox', 'list'] });
  };
  const read = useMutation({ mutationFn: markRead, onSuccess: (r) => afterRead(r.unread) });
  const readAll = useMutation({ mutationFn: markAllRead, onSuccess: (r) => afterRead(r.unread) });

  const open = (n: InboxItem) => {
    if (!n.readAt) read.mutate(n.id);
    if (n.caseId) navigate(`/cases/${n.caseId}`);
  };

  return (
    <div className="gg-page" style={{ maxWidth: 960 }}>
      <Card title={<Space>{t('title')}<Badge count={list.data?.unread ?? 0} overflowCount={999} /></Space>}>
        <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            options={[{ value: 'all', label: t('all') }, { value: 'unread', label: t('unread') }]}
            onChange={(v) => { setUnreadOnly(v === 'unread'); setPage((p) => ({ ...p, current: 1 })); }}
          />
          <Button icon={<CheckOutlined />} disabled={!list.data?.unread} loading={readAll.isPending} onClick={() => readAll.mutate()} data-testid="inbox-read-all">
            {t('readAll')}
          </Button>
        </Flex>
        {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        <List<InboxItem>
          data-testid="inbox-list"
          loading={list.isFetching && !list.data}
          dataSource={list.data?.items ?? []}
          locale={{ emptyText: t('empty') }}
          pagination={(list.data?.total ?? 0) > page.pageSize ? {
            current: page.current, pageSize: page.pageSize, total: list.data?.total ?? 0,
            onChange: (current, pageSize) => setPage({ current, pageSize }),
          } : false}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              data-testid="inbox-item"
              data-unread={n.readAt ? 'false' : 'true'}
              style={{ cursor: n.caseId ? 'pointer' : 'default', background: n.readAt ? undefined : '#f0f7ff', paddingInline: 12, borderRadius: 6 }}
              onClick={() => open(n)}
              actions={n.readAt || phone ? [] : [
                <Button key="r" size="small" type="link" onClick={(e) => { e.stopPropagation(); read.mutate(n.id); }}>{t('markRead')}</Button>,
              ]}
            >
              <List.Item.Meta
                avatar={n.readAt ? <Badge status="default" /> : <Badge status="processing" />}
                title={(
                  <Space size={6} wrap>
                    <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
                    <Tag>{kind(n.kind)}</Tag>
                  </Space>
                )}
                description={(
                  <>
                    {n.body && <div className="gg-pre-line" style={{ color: '#595959' }}>{n.body}</div>}
                    <div style={{ fontSize: 12 }}>{fmtTime(n.createdAt)}</div>
                  </>
                )}
              />
            </List.Item>
          )}
        />
      </Card>
    </div>
  );
}
