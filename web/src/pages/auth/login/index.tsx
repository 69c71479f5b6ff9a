import { useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { LockOutlined, NotificationOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { ApiError } from '../../../api/client';
import { ME_KEY, useMe } from '../../../auth/useMe';
import { useErrorText } from '../../../lib/errors';
import { Brand } from '../../../layout/Brand';
import { LangSwitch } from '../../../layout/LangSwitch';
import { login } from './api';

interface FormValues {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useTranslation('login');
  const errorText = useErrorText();
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const me = useMe();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from;
  const target = from && from !== '/login' ? from : '/';

  if (me.data) return <Navigate to={target} replace />;

  const describe = (e: unknown): string => {
    if (e instanceof ApiError && e.code === 'INVALID_CREDENTIALS') return t('wrongPassword');
    if (e instanceof ApiError && e.code === 'ACCOUNT_LOCKED') {
      const until = e.details?.lockedUntil;
      return typeof until === 'string' ? t('locked', { time: dayjs(until).format('YYYY-MM-DD HH:mm') }) : t('lockedNoTime');
    }
    return errorText(e);
  };

  const onFinish = async (v: FormValues) => {
    setBusy(true);
    setError(null);
    try {
      const user = await login(v.username.trim(), v.password);
      qc.setQueryData(ME_KEY, user);
      navigate(target, { replace: true });
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16, position: 'relative', background: 'linear-gradient(160deg, #fff5f5 0%, #f5f6f8 45%, #eef2f7 100%)' }}>
      <div style={{ position: 'absolute', top: 12, right: 16 }}>
        <LangSwitch />
      </div>
      <Card style={{ width: '100%', maxWidth: 380, boxShadow: '0 8px 28px rgba(0,0,0,0.08)' }}>
        <Flex vertical align="center" gap={4} style={{ marginBottom: 20 }}>
          <Brand />
          <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
        </Flex>
        <Typography.Title level={4} style={{ marginTop: 0 }}>{t('title')}</Typography.Title>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<FormValues> layout="vertical" onFinish={onFinish} requiredMark={false} disabled={busy}>
          <Form.Item name="username" label={t('username')} rules={[{ required: true, whitespace: true, message: t('usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" size="large" />
          </Form.Item>
          <Form.Item name="password" label={t('password')} rules={[{ required: true, message: t('passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" size="large" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">
            {t('submit')}
          </Button>
        </Form>
      </Card>
      {/* Residents land here too: the public report form needs no account. */}
      <Link to="/report" data-testid="report-link" style={{ marginTop: 16, fontSize: 16, padding: '8px 12px' }} title={t('report.hint')}>
        <NotificationOutlined /> {t('report.link')}
      </Link>
      <Typography.Text type="secondary" style={{ marginTop: 8, fontSize: 12, textAlign: 'center' }}>{t('footer')}</Typography.Text>
    </Flex>
  );
}
