import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { MemberDetail } from '@gridgov/common';
import { usePartyErrorText as useErrorText } from '../../errors';
import { partyKeys, transferMember } from '../../api';
import { OrgSelect } from '../../components/OrgSelect';

/** 组织关系转接: the member moves to another organisation; the history keeps the old one. */
export function TransferModal({ member, open, onClose }: { member: MemberDetail; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('party');
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ toOrgId: string; on: Dayjs; reason?: string }>();
  const move = useMutation({
    mutationFn: (v: { toOrgId: string; on: Dayjs; reason?: string }) =>
      transferMember(member.id, { toOrgId: v.toOrgId, on: v.on.format('YYYY-MM-DD'), reason: v.reason?.trim() || undefined }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: partyKeys.all }); onClose(); },
  });
  return (
    <Modal open={open} title={t('transfer.title', { name: member.name })} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: move.isPending }} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ on: dayjs() }} onFinish={(v) => move.mutate(v)}>
        <Form.Item label={t('transfer.from')}>{member.orgName}</Form.Item>
        <Form.Item name="toOrgId" label={t('transfer.to')} rules={[{ required: true }, { validator: (_, v) => (v === member.orgId ? Promise.reject(new Error(t('transfer.same'))) : Promise.resolve()) }]}>
          <OrgSelect />
        </Form.Item>
        <Form.Item name="on" label={t('transfer.on')} rules={[{ required: true }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="reason" label={t('transfer.reason')}><Input.TextArea maxLength={200} rows={2} /></Form.Item>
      </Form>
      {move.isError && <Alert type="error" showIcon title={errorText(move.error)} />}
    </Modal>
  );
}
