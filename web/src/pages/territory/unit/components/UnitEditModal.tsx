import { useEffect } from 'react';
import { Alert, App, Form, Input, Modal, Select, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../../lib/errors';
import { useEnumLabel } from '../../../../lib/labels';
import { fetchGridTypes, mapKeys } from '../../map/api';
import type { UnitDetail } from '../../types';
import { SUBKINDS, updateUnit, type UnitPatchBody } from '../adminApi';

type Values = { name: string; nameEn?: string; subkind?: string; gridTypeId?: string | null };

/** 编辑单位: name, English name, subkind (town / community) and grid type (grids; empty clears it). */
export function UnitEditModal({ detail, open, onClose }: { detail: UnitDetail; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation('territory');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const label = useEnumLabel();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const { unit } = detail;
  const subkinds = SUBKINDS[unit.kind];
  const isGrid = unit.kind === 'grid';
  const en = i18n.language === 'en-US';
  const types = useQuery({ queryKey: mapKeys.gridTypes, queryFn: ({ signal }) => fetchGridTypes(signal), staleTime: 10 * 60_000, enabled: open && isGrid });

  useEffect(() => {
    if (!open) return;
    form.setFieldsValue({ name: unit.name, nameEn: unit.nameEn ?? '', subkind: unit.subkind ?? undefined, gridTypeId: unit.gridTypeId });
  }, [open, unit, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: UnitPatchBody = { name: v.name.trim(), nameEn: v.nameEn?.trim() ? v.nameEn.trim() : null };
      if (subkinds && v.subkind) body.subkind = v.subkind;
      // allowClear leaves undefined: send null so the server clears the grid type.
      if (isGrid) body.gridTypeId = v.gridTypeId ?? null;
      return updateUnit(unit.id, body);
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['territory'] });
      void message.success(t('admin.saved'));
      onClose();
    },
  });
  const close = () => { save.reset(); onClose(); };

  return (
    <Modal
      open={open}
      title={t('admin.editTitle')}
      onCancel={close}
      onOk={() => form.submit()}
      okText={tc('action.save')}
      confirmLoading={save.isPending}
      forceRender
    >
      {save.isError && <Alert type="error" showIcon title={errorText(save.error)} style={{ marginBottom: 12 }} data-testid="unit-edit-error" />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} autoComplete="off">
        <Form.Item label={t('unit.code')}>
          <Tag>{unit.code}</Tag>
        </Form.Item>
        <Form.Item name="name" label={t('admin.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="unit-edit-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('admin.nameEn')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        {subkinds && (
          <Form.Item name="subkind" label={t('admin.subkind')}>
            <Select options={subkinds.map((s) => ({ value: s, label: label('subkind', s) }))} />
          </Form.Item>
        )}
        {isGrid && (
          <Form.Item name="gridTypeId" label={t('unit.gridType')} extra={t('admin.gridTypeHint')}>
            <Select
              allowClear
              loading={types.isLoading}
              placeholder={t('admin.gridTypeNone')}
              options={(types.data ?? []).map((g) => ({
                value: g.id,
                label: <><Tag color={g.color}>{label('gridCategory', g.category)}</Tag>{en ? g.nameEn : g.nameZh}</>,
              }))}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
