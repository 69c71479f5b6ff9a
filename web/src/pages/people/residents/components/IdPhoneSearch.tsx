import { useState } from 'react';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface IdPhoneQuery {
  idNumber?: string;
  phone?: string;
}

interface Props {
  open: boolean;
  onClose: () => void;
  onSearch: (q: IdPhoneQuery) => void;
}

/** ID / phone search: the values stay in this form and go out in a POST body only. */
export function IdPhoneSearch({ open, onClose, onSearch }: Props) {
  const { t } = useTranslation('residents');
  const [form] = Form.useForm<IdPhoneQuery>();
  const [missing, setMissing] = useState(false);
  const submit = (v: IdPhoneQuery) => {
    const idNumber = v.idNumber?.trim() || undefined;
    const phone = v.phone?.trim() || undefined;
    if (!idNumber && !phone) {
      setMissing(true);
      return;
    }
    setMissing(false);
    onSearch({ idNumber, phone });
    form.resetFields();
  };
  return (
    <Modal open={open} title={t('idSearchTitle')} onCancel={onClose} onOk={() => form.submit()} okText={t('idSearch')} destroyOnHidden>
      <Typography.Paragraph type="secondary">{t('idSearchHint')}</Typography.Paragraph>
      {missing && <Alert type="warning" showIcon title={t('idOrPhoneRequired')} style={{ marginBottom: 12 }} />}
      <Form<IdPhoneQuery> form={form} layout="vertical" onFinish={submit} autoComplete="off">
        <Form.Item name="idNumber" label={t('idNumber')}>
          <Input maxLength={18} autoComplete="off" data-testid="search-id-number" />
        </Form.Item>
        <Form.Item name="phone" label={t('phone')}>
          <Input maxLength={20} inputMode="tel" autoComplete="off" data-testid="search-phone" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
