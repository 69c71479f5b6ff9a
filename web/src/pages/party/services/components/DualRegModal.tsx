import { Alert, Form, Input, Modal, Radio } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { UnitTreeSelect } from '../../../../components/UnitTreeSelect';
import { usePartyErrorText as useErrorText } from '../../errors';
import { createDualReg, partyKeys } from '../../api';
import { MemberSelect } from '../../components/MemberSelect';

interface Values { kind: 'organ' | 'member'; communityId: string; organName?: string; memberId?: string }

/** 双报到: an organ (单位报到) or an in-service member (个人报到) registers with a community. */
export function DualRegModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('party');
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const save = useMutation({
    mutationFn: (v: Values) => createDualReg(v.kind === 'organ' ? { kind: 'organ', communityId: v.communityId, organName: v.organName?.trim() } : { kind: 'member', communityId: v.communityId, memberId: v.memberId }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: partyKeys.all }); form.resetFields(); onClose(); },
  });
  return (
    <Modal open={open} title={t('services.register')} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending }} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: 'member' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="kind" label={t('services.col.kind')}>
          <Radio.Group options={[{ value: 'member', label: t('services.kindMember') }, { value: 'organ', label: t('services.kindOrgan') }]} />
        </Form.Item>
        <Form.Item name="communityId" label={t('services.col.community')} rules={[{ required: true }]}><UnitTreeSelect selectableKinds={['community']} /></Form.Item>
        {kind === 'organ'
          ? <Form.Item name="organName" label={t('services.organName')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
          : <Form.Item name="memberId" label={t('services.col.member')} rules={[{ required: true }]}><MemberSelect /></Form.Item>}
      </Form>
      {save.isError && <Alert type="error" showIcon title={errorText(save.error)} />}
    </Modal>
  );
}
