import { useEffect, useMemo, useState } from 'react';
import { Button, Drawer, Grid, Layout, Menu } from 'antd';
import { MenuOutlined } from '@ant-design/icons';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/useMe';
import { MENU_ITEMS } from './menuItems';
import { Brand } from './Brand';
import { LangSwitch } from './LangSwitch';
import { UserMenu } from './UserMenu';
import { InboxBell } from '../pages/inbox/InboxBell';
import { WartimeBanner } from '../pages/emergency/WartimeBanner';

const { Header, Sider, Content } = Layout;

function selectedKey(pathname: string): string {
  if (pathname.startsWith('/units/')) return '/territory';
  // Longest match wins: /territory/import is its own entry, not a part of /territory.
  const hits = MENU_ITEMS.filter((m) => pathname === m.path || pathname.startsWith(m.path + '/'));
  return hits.sort((a, b) => b.path.length - a.path.length)[0]?.path ?? '';
}

/** Header + side menu; below the md breakpoint the menu moves into a drawer opened from the header. */
export function AppShell() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const screens = Grid.useBreakpoint();
  const mobile = !screens.md;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  // The browser tab names the section, so several open tabs can be told apart.
  const section = MENU_ITEMS.find((m) => m.path === selectedKey(pathname));
  useEffect(() => {
    document.title = section ? `${t(section.labelKey)} · ${t('app.name')}` : `${t('app.name')} ${t('app.nameEn')}`;
  }, [section, t]);

  const items = useMemo(
    () => MENU_ITEMS.filter((m) => me?.permissions.includes(m.perm)).map((m) => ({ key: m.path, icon: m.icon, label: t(m.labelKey) })),
    [me, t],
  );
  const menu = (
    <Menu
      data-testid="app-menu"
      mode="inline"
      items={items}
      selectedKeys={[selectedKey(pathname)]}
      onClick={({ key }) => {
        navigate(key);
        setDrawerOpen(false);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Header style={{ display: 'flex', alignItems: 'center', gap: 12, borderBottom: '1px solid #f0f0f0', position: 'sticky', top: 0, zIndex: 20 }}>
        {mobile && (
          <Button type="text" icon={<MenuOutlined />} aria-label={t('nav.menu')} data-testid="menu-toggle" onClick={() => setDrawerOpen(true)} />
        )}
        <a onClick={() => navigate('/')} style={{ cursor: 'pointer' }}>
          <Brand compact={mobile} />
        </a>
        <div style={{ flex: 1 }} />
        {me?.permissions.includes('cases.read') && <InboxBell />}
        <LangSwitch />
        {me && <UserMenu me={me} />}
      </Header>
      <WartimeBanner />
      <Layout>
        {mobile ? (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={240}
            title={<Brand />}
            styles={{ body: { padding: 0 } }}
          >
            <div data-testid="menu-drawer">{menu}</div>
          </Drawer>
        ) : (
          <Sider
            width={200}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            theme="light"
            breakpoint="lg"
            style={{ borderInlineEnd: '1px solid #f0f0f0', position: 'sticky', top: 56, height: 'calc(100vh - 56px)', overflow: 'auto' }}
          >
            {menu}
          </Sider>
        )}
        <Content style={{ minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
