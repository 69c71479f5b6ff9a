import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { isValidIdNumber, normaliseIdNumber } from '@gridgov/common';
import { usePartyErrorText as useErrorText } from '../../errors';
import { createRecruit, partyKeys } from '../../api';
import { OrgSelect } from '../../components/OrgSelect';

interface Values { name: string; idNumber: string; orgId: string; appliedOn: Dayjs }

/** 入党申请人: recorded with the date the application letter was handed in. */
export function NewApplicantModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('party');
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => createRecruit({ name: v.name.trim(), idNumber: normaliseIdNumber(v.idNumber), orgId: v.orgId, appliedOn: v.appliedOn.format('YYYY-MM-DD') }),
    gcTime: 0,
    onSuccess: () => { void qc.invalidateQueries({ queryKey: partyKeys.all }); form.resetFields(); onClose(); },
  });
  return (
    <Modal open={open} title={t('recruit.new')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending }} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" initialValues={{ appliedOn: dayjs() }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('register.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={64} /></Form.Item>
        <Form.Item name="idNumber" label={t('register.idNumber')} extra={t('register.idHint')}
          rules={[{ required: true }, { validator: (_, v?: string) => (!v || isValidIdNumber(normaliseIdNumber(v)) ? Promise.resolve() : Promise.reject(new Error(t('register.badId')))) }]}>
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item name="orgId" label={t('register.org')} rules={[{ required: true }]}><OrgSelect /></Form.Item>
        <Form.Item name="appliedOn" label={t('recruit.appliedOn')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
      </Form>
      {save.isError && <Alert type="error" showIcon title={errorText(save.error)} />}
    </Modal>
  );
}
