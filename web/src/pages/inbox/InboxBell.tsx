import { Badge, Button, Tooltip } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { fetchUnread, inboxKeys } from './api';
import { useLiveEvents } from './useLiveEvents';

/** Header bell: unread count (kept live over SSE) and the way to the inbox. */
export function InboxBell() {
  const { t } = useTranslation();
  const { t: tc } = useTranslation('cases');
  const navigate = useNavigate();
  const connected = useLiveEvents(true);
  const unread = useQuery({ queryKey: inboxKeys.unread, queryFn: ({ signal }) => fetchUnread(signal), refetchInterval: connected ? false : 60_000, retry: false });
  return (
    <Tooltip title={`${t('nav.inbox')} · ${connected ? tc('live.connected') : tc('live.offline')}`}>
      <Button type="text" aria-label={t('nav.inbox')} onClick={() => navigate('/inbox')} data-testid="inbox-bell" data-live={connected ? 'true' : 'false'}>
        <Badge count={unread.data ?? 0} size="small" overflowCount={99} data-testid="inbox-badge" data-count={unread.data ?? 0}>
          <BellOutlined style={{ fontSize: 18 }} />
        </Badge>
      </Button>
    </Tooltip>
  );
}
