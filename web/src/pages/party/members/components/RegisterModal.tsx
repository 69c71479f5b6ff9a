import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { isValidIdNumber, isValidMobile, MEMBER_CLASSES, MEMBER_CLASS_LABELS, MEMBER_STATUSES, MEMBER_STATUS_LABELS, normaliseIdNumber } from '@gridgov/common';
import { UnitTreeSelect } from '../../../../components/UnitTreeSelect';
import { usePartyErrorText as useErrorText } from '../../errors';
import { createMember, partyKeys } from '../../api';
import { OrgSelect } from '../../components/OrgSelect';
import { useLabel } from '../../labels';
import { useScopeUnit } from '../../useScope';

interface Values {
  name: string;
  idNumber: string;
  phone?: string;
  orgId: string;
  memberClass: string;
  status: string;
  joinedOn?: Dayjs;
  homeGridId?: string;
  workUnit?: string;
}

/** 登记党员: linked to one person by ID number (an existing resident is reused, never duplicated). */
export function RegisterModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation('party');
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [scopeUnit] = useScopeUnit();
  const [form] = Form.useForm<Values>();
  const classLabel = useLabel(MEMBER_CLASS_LABELS);
  const statusLabel = useLabel(MEMBER_STATUS_LABELS);
  const create = useMutation({
    mutationFn: (v: Values) => createMember({
      name: v.name.trim(), idNumber: normaliseIdNumber(v.idNumber), phone: v.phone?.trim() || undefined, orgId: v.orgId,
      memberClass: v.memberClass, status: v.status, joinedOn: v.joinedOn?.format('YYYY-MM-DD'),
      homeGridId: v.homeGridId, workUnit: v.workUnit?.trim() || undefined,
    }),
    gcTime: 0,
    onSuccess: (m) => {
      void qc.invalidateQueries({ queryKey: partyKeys.all });
      form.resetFields();
      onCreated(m.id);
    },
  });

  return (
    <Modal
      open={open} title={t('register.title')} onCancel={() => { create.reset(); onClose(); }} onOk={() => form.submit()}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'party-register-submit' } as never} destroyOnHidden width={560}
    >
      <Form<Values> form={form} layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ status: 'full', memberClass: 'in_service' }} data-testid="party-register-form">
        <Form.Item name="name" label={t('register.name')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={64} data-testid="party-register-name" />
        </Form.Item>
        <Form.Item
          name="idNumber" label={t('register.idNumber')} extra={t('register.idHint')}
          rules={[{ required: true }, { validator: (_, v?: string) => (!v || isValidIdNumber(normaliseIdNumber(v)) ? Promise.resolve() : Promise.reject(new Error(t('register.badId')))) }]}
        >
          <Input maxLength={18} autoComplete="off" data-testid="party-register-id" />
        </Form.Item>
        <Form.Item name="phone" label={t('register.phone')} rules={[{ validator: (_, v?: string) => (!v || isValidMobile(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('register.badPhone')))) }]}>
          <Input maxLength={20} autoComplete="off" data-testid="party-register-phone" />
        </Form.Item>
        <Form.Item name="orgId" label={t('register.org')} rules={[{ required: true }]}>
          <OrgSelect unitId={scopeUnit} data-testid="party-register-org" />
        </Form.Item>
        <Form.Item name="memberClass" label={t('register.class')} rules={[{ required: true }]}>
          <Select options={MEMBER_CLASSES.map((c) => ({ value: c, label: classLabel(c) }))} data-testid="party-register-class" />
        </Form.Item>
        <Form.Item name="status" label={t('register.status')}>
          <Select options={MEMBER_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))} />
        </Form.Item>
        <Form.Item name="joinedOn" label={t('register.joinedOn')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="homeGridId" label={t('register.homeGrid')} extra={t('register.homeGridHint')}>
          <UnitTreeSelect selectableKinds={['grid']} />
        </Form.Item>
        <Form.Item name="workUnit" label={t('register.workUnit')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
      {create.isError && <Alert type="error" showIcon title={errorText(create.error)} data-testid="party-register-error" />}
    </Modal>
  );
}
