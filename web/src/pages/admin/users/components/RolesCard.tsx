import { Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { PERMISSION_LABELS, type Permission } from '@gridgov/common';
import { useEnumLabel, useRoleLabel, type RoleInfo } from '../../../../lib/labels';

/** 角色与权限: what each role may do and where its home unit sits (roles are fixed; permissions deny by default). */
export function RolesCard({ roles, loading }: { roles: RoleInfo[]; loading: boolean }) {
  const { t, i18n } = useTranslation('users');
  const roleLabel = useRoleLabel();
  const enumLabel = useEnumLabel();
  const en = i18n.language === 'en-US';
  return (
    <Card title={t('rolesCard.title')} style={{ marginTop: 16 }} data-testid="roles-table">
      <Table<RoleInfo>
        rowKey="role"
        size="small"
        pagination={false}
        loading={loading}
        dataSource={roles}
        columns={[
          { title: t('rolesCard.role'), dataIndex: 'role', width: 180, render: (r: string) => roleLabel(r) },
          {
            title: t('rolesCard.homeUnit'),
            dataIndex: 'homeUnitKinds',
            width: 200,
            render: (kinds: string[] | null, r) => (r.staff ? (kinds && kinds.length ? kinds.map((k) => enumLabel('kind', k)).join(' / ') : (r.role === 'admin' ? t('rolesCard.anyOrGlobal') : t('rolesCard.anyUnit'))) : '—'),
          },
          {
            title: t('rolesCard.permissions'),
            dataIndex: 'permissions',
            render: (ps: string[]) => (ps.length
              ? ps.map((p) => {
                const l = PERMISSION_LABELS[p as Permission];
                return <Tag key={p}>{l ? (en ? l.en : l.zh) : p}</Tag>;
              })
              : t('rolesCard.none')),
          },
        ]}
      />
    </Card>
  );
}
