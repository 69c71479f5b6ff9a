import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Dayjs } from 'dayjs';
import { CADRE_KIND_LABELS, isValidIdNumber, normaliseIdNumber } from '@gridgov/common';
import { UnitTreeSelect } from '../../../../components/UnitTreeSelect';
import { usePartyErrorText as useErrorText } from '../../errors';
import { createCadre, partyKeys } from '../../api';
import { useLabel } from '../../labels';

type Kind = keyof typeof CADRE_KIND_LABELS;
interface Values { kind: Kind; name: string; idNumber: string; unitId: string; fromOrgan?: string; since?: Dayjs; until?: Dayjs; note?: string }

/**
 * 后备干部 / 村级储备干部 / 第一书记: the person is found by ID number (an existing resident is reused) and
 * placed on the unit they serve (a village or community for a first secretary).
 */
export function CadreModal({ open, kinds, onClose }: { open: boolean; kinds: Kind[]; onClose: () => void }) {
  const { t } = useTranslation('party');
  const errorText = useErrorText();
  const qc = useQueryClient();
  const kindLabel = useLabel(CADRE_KIND_LABELS);
  const [form] = Form.useForm<Values>();
  const kind = Form.useWatch('kind', form);
  const save = useMutation({
    mutationFn: (v: Values) => createCadre({
      kind: v.kind, name: v.name.trim(), idNumber: normaliseIdNumber(v.idNumber), unitId: v.unitId,
      fromOrgan: v.fromOrgan?.trim() || null, since: v.since?.format('YYYY-MM-DD') ?? null, until: v.until?.format('YYYY-MM-DD') ?? null,
      note: v.note?.trim() || null,
    }),
    gcTime: 0,
    onSuccess: () => { void qc.invalidateQueries({ queryKey: partyKeys.all }); form.resetFields(); onClose(); },
  });
  const title = kinds.includes('first_secretary') ? t('cadre.addFirst') : t('cadre.addReserve');
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ loading: save.isPending }} destroyOnHidden>
      <Form<Values> form={form} layout="vertical" initialValues={{ kind: kinds[0] }} onFinish={(v) => save.mutate(v)} data-testid="party-cadre-form">
        {kinds.length > 1 && (
          <Form.Item name="kind" label={t('recruit.col.kind')} rules={[{ required: true }]}>
            <Select options={kinds.map((k) => ({ value: k, label: kindLabel(k) }))} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('register.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={64} /></Form.Item>
        <Form.Item name="idNumber" label={t('register.idNumber')} extra={t('register.idHint')}
          rules={[{ required: true }, { validator: (_, v?: string) => (!v || isValidIdNumber(normaliseIdNumber(v)) ? Promise.resolve() : Promise.reject(new Error(t('register.badId')))) }]}>
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item name="unitId" label={kind === 'first_secretary' ? t('cadre.village') : t('recruit.col.unit')} rules={[{ required: true }]}>
          <UnitTreeSelect selectableKinds={['town', 'community', 'grid']} />
        </Form.Item>
        <Form.Item name="fromOrgan" label={t('recruit.col.fromOrgan')}><Input maxLength={100} /></Form.Item>
        <Form.Item label={t('cadre.period')} style={{ marginBottom: 0 }}>
          <div style={{ display: 'flex', gap: 8 }}>
            <Form.Item name="since" style={{ flex: 1 }}><DatePicker style={{ width: '100%' }} placeholder={t('recruit.col.since')} /></Form.Item>
            <Form.Item name="until" style={{ flex: 1 }}><DatePicker style={{ width: '100%' }} placeholder={t('recruit.col.until')} /></Form.Item>
          </div>
        </Form.Item>
        <Form.Item name="note" label={t('recruit.col.note')}><Input.TextArea maxLength={500} rows={2} /></Form.Item>
      </Form>
      {save.isError && <Alert type="error" showIcon title={errorText(save.error)} />}
    </Modal>
  );
}
