import { useState } from 'react';
import { App, Avatar, Dropdown, Flex, Grid, Modal, Tag, Typography } from 'antd';
import { LockOutlined, LogoutOutlined, UserOutlined, ApartmentOutlined } from '@ant-design/icons';
import { ChangePasswordForm } from '../pages/auth/password/ChangePasswordForm';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Me } from '../auth/types';
import { useLogout } from '../auth/useMe';
import { useRoleLabel } from '../lib/labels';

/** Current user, role and home unit; the dropdown holds logout (and the details hidden on phones). */
export function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const logout = useLogout();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const { t: tl } = useTranslation('login');
  const [changing, setChanging] = useState(false);
  const { message } = App.useApp();
  const unit = me.homeUnitName ?? t('header.allTerritory');
  const items = [
    {
      key: 'who',
      disabled: true,
      label: (
        <Flex vertical gap={2} style={{ color: 'rgba(0,0,0,0.88)' }}>
          <Typography.Text strong>{me.displayName} <Typography.Text type="secondary">({me.username})</Typography.Text></Typography.Text>
          <span>{t('header.role')}: {roleLabel(me.role)}</span>
          <span><ApartmentOutlined /> {t('header.homeUnit')}: {unit}</span>
        </Flex>
      ),
    },
    { type: 'divider' as const },
    { key: 'password', icon: <LockOutlined />, label: tl('change.title'), onClick: () => setChanging(true) },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      label: <span data-testid="logout">{t('header.logout')}</span>,
      onClick: async () => {
        await logout();
        navigate('/login', { replace: true });
      },
    },
  ];
  return (
    <>
      <Modal open={changing} title={tl('change.title')} footer={null} onCancel={() => setChanging(false)} destroyOnHidden>
        <ChangePasswordForm onDone={() => { setChanging(false); void message.success(tl('change.done')); }} />
      </Modal>
      <Dropdown menu={{ items }} trigger={['click']} placement="bottomRight">
        <Flex align="center" gap={8} style={{ cursor: 'pointer', minWidth: 0 }} data-testid="user-menu">
          <Avatar size="small" icon={<UserOutlined />} style={{ background: '#c8102e', flex: 'none' }} />
          {screens.sm && (
            <Flex vertical style={{ lineHeight: 1.25, minWidth: 0 }}>
              <span style={{ fontWeight: 500 }}>{me.displayName}</span>
              <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                {unit}
              </Typography.Text>
            </Flex>
          )}
          {screens.md && <Tag color="blue" style={{ marginInlineEnd: 0 }}>{roleLabel(me.role)}</Tag>}
        </Flex>
      </Dropdown>
    </>
  );
}
