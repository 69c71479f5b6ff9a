import { Alert, Button, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../lib/errors';
import { changePassword } from './api';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** Old + new password twice; the server's rules (length, letters and digits, not the username) are shown upfront. */
export function ChangePasswordForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('login');
  const errorText = useErrorText();
  const save = useMutation({ mutationFn: (v: Values) => changePassword(v.oldPassword, v.newPassword), onSuccess: onDone });
  return (
    <Form<Values> layout="vertical" onFinish={(v) => save.mutate(v)} requiredMark={false} disabled={save.isPending}>
      {save.isError && <Alert type="error" showIcon title={errorText(save.error)} style={{ marginBottom: 12 }} />}
      <Form.Item name="oldPassword" label={t('change.old')} rules={[{ required: true, message: t('change.oldRequired') }]}>
        <Input.Password autoComplete="current-password" data-testid="password-old" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('change.new')}
        extra={t('change.rule')}
        rules={[{ required: true, min: 8, pattern: /^(?=.*[A-Za-z])(?=.*\d).+$/, message: t('change.rule') }]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('change.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('change.mismatch') },
          ({ getFieldValue }) => ({
            validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('change.mismatch')))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={save.isPending} data-testid="password-submit">{t('change.submit')}</Button>
    </Form>
  );
}
