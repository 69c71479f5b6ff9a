import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { MEMBER_UNIT_KINDS, MEMBER_UNIT_KIND_LABELS } from '@gridgov/common';
import { usePartyErrorText as useErrorText } from '../../errors';
import { addMemberUnit, partyKeys } from '../../api';
import { useLabel } from '../../labels';

interface Values { name: string; kind: string; contact?: string; joinedOn?: Dayjs }

/** 成员单位: an organ, enterprise or school joins a big committee (共驻共建). */
export function MemberUnitModal({ orgId, onClose }: { orgId: string; onClose: () => void }) {
  const { t } = useTranslation('party');
  const errorText = useErrorText();
  const qc = useQueryClient();
  const kindLabel = useLabel(MEMBER_UNIT_KIND_LABELS);
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => addMemberUnit(orgId, { name: v.name.trim(), kind: v.kind, contact: v.contact?.trim() || null, joinedOn: v.joinedOn?.format('YYYY-MM-DD') ?? null }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: partyKeys.all }); onClose(); },
  });
  return (
    <Modal open title={t('orgs.addMemberUnit')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending }} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'organ' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('orgs.unitName')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="kind" label={t('orgs.unitKind')}><Select options={MEMBER_UNIT_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))} /></Form.Item>
        <Form.Item name="contact" label={t('orgs.contact')} extra={t('orgs.contactHint')}><Input maxLength={64} /></Form.Item>
        <Form.Item name="joinedOn" label={t('orgs.joinedOn')}><DatePicker style={{ width: '100%' }} /></Form.Item>
      </Form>
      {save.isError && <Alert type="error" showIcon title={errorText(save.error)} />}
    </Modal>
  );
}
