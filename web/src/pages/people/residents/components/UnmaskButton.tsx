import { useState } from 'react';
import { Alert, Button, Input, Popconfirm, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../../lib/errors';
import { unmaskPerson } from '../api';

interface Props {
  personId: string;
  onShown: (full: { idNumber: string | null; phone: string | null } | null) => void;
  shown: boolean;
}

/** 显示完整信息: asks first, says the view is audited; the full values live only in component state. */
export function UnmaskButton({ personId, onShown, shown }: Props) {
  const { t } = useTranslation('residents');
  const errorText = useErrorText();
  const [reason, setReason] = useState('');
  const unmask = useMutation({
    mutationFn: () => unmaskPerson(personId, reason.trim() || undefined),
    // Full numbers must not linger in the mutation cache after the drawer closes.
    gcTime: 0,
    onSuccess: (full) => onShown(full),
  });
  if (shown) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('unmask.shown')}
        action={<Button size="small" onClick={() => onShown(null)}>{t('unmask.hide')}</Button>}
      />
    );
  }
  return (
    <>
      <Popconfirm
        title={t('unmask.confirmTitle')}
        description={(
          <div style={{ maxWidth: 300 }}>
            <Typography.Paragraph style={{ marginBottom: 8 }}>{t('unmask.confirmText')}</Typography.Paragraph>
            <Input size="small" placeholder={t('unmask.reason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={200} />
          </div>
        )}
        onConfirm={() => unmask.mutate()}
      >
        <Button icon={<EyeOutlined />} loading={unmask.isPending} data-testid="unmask-button">{t('unmask.button')}</Button>
      </Popconfirm>
      {unmask.isError && <Typography.Text type="danger" style={{ marginLeft: 8 }}>{errorText(unmask.error)}</Typography.Text>}
    </>
  );
}
