import { App, Button, Card, Flex, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ME_KEY, useLogout } from '../../../auth/useMe';
import { Brand } from '../../../layout/Brand';
import { LangSwitch } from '../../../layout/LangSwitch';
import { ChangePasswordForm } from './ChangePasswordForm';

/** Shown instead of the app while a temporary password is in use (the API refuses everything else). */
export function MustChangePassword() {
  const { t } = useTranslation('login');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const logout = useLogout();
  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16, position: 'relative' }}>
      <div style={{ position: 'absolute', top: 12, right: 16 }}><LangSwitch /></div>
      <Card style={{ width: '100%', maxWidth: 400 }} data-testid="must-change-password">
        <Flex vertical align="center" gap={4} style={{ marginBottom: 16 }}><Brand /></Flex>
        <Typography.Title level={4} style={{ marginTop: 0 }}>{t('change.mustTitle')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('change.mustHint')}</Typography.Paragraph>
        <ChangePasswordForm
          onDone={() => {
            void message.success(t('change.done'));
            void qc.invalidateQueries({ queryKey: ME_KEY });
          }}
        />
        <Button type="link" block style={{ marginTop: 8 }} onClick={() => void logout()}>{tc('header.logout')}</Button>
      </Card>
    </Flex>
  );
}
