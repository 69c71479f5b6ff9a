import { Button, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TablePaginationConfig } from 'antd';
import { EditOutlined, KeyOutlined, UnlockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { UserItem } from '@gridgov/common';
import { useRoleLabel } from '../../../../lib/labels';

interface Props {
  items: UserItem[] | undefined;
  loading: boolean;
  pagination: TablePaginationConfig;
  onEdit: (u: UserItem) => void;
  onReset: (u: UserItem) => void;
  onUnlock: (u: UserItem) => void;
}

function Status({ u }: { u: UserItem }) {
  const { t } = useTranslation('users');
  return (
    <Space size={4} wrap>
      {u.active ? <Tag color="green">{t('status.active')}</Tag> : <Tag>{t('status.inactive')}</Tag>}
      {u.locked && (
        <Tooltip title={u.lockedUntil ? t('status.lockedUntil', { time: dayjs(u.lockedUntil).format('YYYY-MM-DD HH:mm') }) : undefined}>
          <Tag color="red">{t('status.locked')}</Tag>
        </Tooltip>
      )}
      {u.mustChangePassword && <Tag color="orange">{t('status.mustChange')}</Tag>}
    </Space>
  );
}

export function UsersTable({ items, loading, pagination, onEdit, onReset, onUnlock }: Props) {
  const { t } = useTranslation('users');
  const roleLabel = useRoleLabel();
  return (
    <Table<UserItem>
      data-testid="users-table"
      rowKey="id"
      loading={loading}
      dataSource={items}
      pagination={pagination}
      className="gg-hscroll"
      columns={[
        { title: t('col.username'), dataIndex: 'username', width: 160, render: (v: string) => <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>{v}</Typography.Text> },
        { title: t('col.displayName'), dataIndex: 'displayName', width: 100 },
        { title: t('col.role'), dataIndex: 'role', width: 130, render: (r: string) => <Tag color="blue">{roleLabel(r)}</Tag> },
        { title: t('col.homeUnit'), dataIndex: 'homeUnitName', width: 160, render: (v: string | null) => v ?? '—' },
        { title: t('col.status'), key: 'status', width: 160, render: (_, u) => <Status u={u} /> },
        {
          title: t('col.lastLoginAt'), dataIndex: 'lastLoginAt', width: 150,
          render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : <Typography.Text type="secondary">{t('never')}</Typography.Text>),
        },
        {
          title: t('col.actions'), key: 'actions', width: 220,
          render: (_, u) => (
            <Space size={0} wrap>
              <Button type="link" size="small" icon={<EditOutlined />} onClick={() => onEdit(u)}>{t('actions.edit')}</Button>
              <Popconfirm title={t('actions.resetConfirm', { name: u.displayName })} onConfirm={() => onReset(u)}>
                <Button type="link" size="small" icon={<KeyOutlined />}>{t('actions.reset')}</Button>
              </Popconfirm>
              {u.locked && <Button type="link" size="small" icon={<UnlockOutlined />} onClick={() => onUnlock(u)}>{t('actions.unlock')}</Button>}
            </Space>
          ),
        },
      ]}
    />
  );
}
