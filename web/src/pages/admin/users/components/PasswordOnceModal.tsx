import { Alert, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface ShownPassword {
  name: string;
  password: string;
  created: boolean;
}

/** A generated password is shown once, with a copy button, and never stored in the page afterwards. */
export function PasswordOnceModal({ shown, onClose }: { shown: ShownPassword | null; onClose: () => void }) {
  const { t } = useTranslation('users');
  return (
    <Modal open={Boolean(shown)} title={t('password.title')} onCancel={onClose} onOk={onClose} cancelButtonProps={{ style: { display: 'none' } }} destroyOnHidden>
      {shown && (
        <>
          <Typography.Paragraph>{shown.created ? t('password.createdFor', { name: shown.name }) : t('password.resetFor', { name: shown.name })}</Typography.Paragraph>
          <Typography.Paragraph
            copyable={{ text: shown.password }}
            style={{ fontSize: 22, fontFamily: 'ui-monospace, Menlo, Consolas, monospace', background: '#fafafa', padding: '8px 12px', borderRadius: 6 }}
            data-testid="one-time-password"
          >
            {shown.password}
          </Typography.Paragraph>
          <Alert type="warning" showIcon title={t('password.once')} />
        </>
      )}
    </Modal>
  );
}
