import { useState } from 'react';
import { App, Button, Card, Flex, Input, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { STAFF_ROLES, type UserItem } from '@gridgov/common';
import { QueryError } from '../../../components/QueryError';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect';
import { useErrorText } from '../../../lib/errors';
import { useRoleLabel, useRoles, type RoleInfo } from '../../../lib/labels';
import { fetchUsers, resetPassword, unlockUser, userKeys, type UserQuery } from './api';
import { UsersTable } from './components/UsersTable';
import { UserFormModal } from './components/UserFormModal';
import { PasswordOnceModal, type ShownPassword } from './components/PasswordOnceModal';
import { RolesCard } from './components/RolesCard';

/** 用户管理: accounts inside the manager's own territory; passwords are generated and shown once. */
export default function UsersPage() {
  const { t } = useTranslation('users');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const roleLabel = useRoleLabel();
  const qc = useQueryClient();
  const [filters, setFilters] = useState<Omit<UserQuery, 'limit' | 'offset'>>({});
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [editing, setEditing] = useState<UserItem | 'new' | null>(null);
  const [shown, setShown] = useState<ShownPassword | null>(null);

  const rolesQ = useRoles();
  // Without GET /api/roles the staff roles are still offered (the server checks every assignment anyway).
  const roles: RoleInfo[] = rolesQ.data ?? STAFF_ROLES.map((role) => ({ role, zh: role, en: role, staff: true, homeUnitKinds: null, permissions: [] }));
  const query: UserQuery = { ...filters, limit: page.pageSize, offset: (page.current - 1) * page.pageSize };
  const list = useQuery({ queryKey: userKeys.list(query), queryFn: ({ signal }) => fetchUsers(query, signal), placeholderData: keepPreviousData });

  const reset = useMutation({
    mutationFn: (u: UserItem) => resetPassword(u.id).then((r) => ({ u, password: r.password })),
    onSuccess: ({ u, password }) => {
      setShown({ name: u.displayName, password, created: false });
      void qc.invalidateQueries({ queryKey: userKeys.all });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const unlock = useMutation({
    mutationFn: (u: UserItem) => unlockUser(u.id),
    onSuccess: () => {
      void message.success(t('actions.unlocked'));
      void qc.invalidateQueries({ queryKey: userKeys.all });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const setFilter = (patch: Partial<typeof filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setPage((p) => ({ ...p, current: 1 }));
  };

  return (
    <div className="gg-page">
      <Card
        title={t('title')}
        extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="user-create">{t('create')}</Button>}
      >
        <Flex vertical gap={12}>
          <Flex gap={8} wrap className="gg-filters">
            <Input.Search allowClear placeholder={t('searchPlaceholder')} onSearch={(q) => setFilter({ q: q.trim() || undefined })} style={{ width: 240, maxWidth: '100%' }} data-testid="users-search" />
            <Select
              allowClear
              placeholder={t('allRoles')}
              value={filters.role}
              onChange={(role?: string) => setFilter({ role })}
              options={roles.map((r) => ({ value: r.role, label: roleLabel(r.role) }))}
              style={{ width: 180 }}
            />
            <UnitTreeSelect value={filters.unitId} onChange={(unitId) => setFilter({ unitId })} placeholder={t('allUnits')} style={{ width: 220, maxWidth: '100%' }} />
          </Flex>
          {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
          <UsersTable
            items={list.data?.items}
            loading={list.isFetching}
            onEdit={setEditing}
            onReset={(u) => reset.mutate(u)}
            onUnlock={(u) => unlock.mutate(u)}
            pagination={{
              current: page.current,
              pageSize: page.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              showTotal: (n) => tc('state.total', { count: n }),
              onChange: (current, pageSize) => setPage({ current: pageSize === page.pageSize ? current : 1, pageSize }),
            }}
          />
        </Flex>
      </Card>
      <RolesCard roles={rolesQ.data ?? []} loading={rolesQ.isLoading} />
      <UserFormModal
        target={editing}
        roles={roles}
        onClose={() => setEditing(null)}
        onCreated={(u, password) => {
          if (password) setShown({ name: u.displayName, password, created: true });
          else void message.success(t('actions.saved'));
        }}
      />
      <PasswordOnceModal shown={shown} onClose={() => setShown(null)} />
    </div>
  );
}
