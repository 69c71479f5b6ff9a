import { useEffect, type ReactNode } from 'react';
import { Flex, Typography } from 'antd';
import { FileSearchOutlined, FormOutlined, LoginOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, NavLink } from 'react-router';
import { Brand } from '../../layout/Brand';
import { LangSwitch } from '../../layout/LangSwitch';
import './public.css';

/** Frame of the resident pages: brand, language, the two tasks (report / track) as big tabs; no login. */
export function PublicLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation('public');
  const { t: tc } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${tc('app.name')}`;
  }, [title, tc]);
  return (
    <div className="gg-public">
      <header className="gg-public-header">
        <Link to="/report" aria-label={t('title')} style={{ minWidth: 0 }}>
          <Brand compact />
        </Link>
        <Typography.Text type="secondary" className="gg-public-sub" ellipsis>{t('title')}</Typography.Text>
        <div style={{ flex: 1 }} />
        <LangSwitch />
      </header>
      <nav className="gg-public-tabs" aria-label={t('title')}>
        <NavLink to="/report" end data-testid="public-tab-report"><FormOutlined /> {t('nav.report')}</NavLink>
        <NavLink to="/report/track" data-testid="public-tab-track"><FileSearchOutlined /> {t('nav.track')}</NavLink>
      </nav>
      <main className="gg-public-main">{children}</main>
      <Flex component="footer" justify="center" className="gg-public-footer">
        <Link to="/login"><LoginOutlined /> {t('nav.staff')}</Link>
      </Flex>
    </div>
  );
}
