import { useEffect } from 'react';
import { Alert, Form, Input, Modal, Radio, Select, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { codeProblem, DEDICATED_TYPES, GRID_KINDS, type UnitKind } from '@gridgov/common';
import { useErrorText } from '../../../../lib/errors';
import { useEnumLabel, useUnitName } from '../../../../lib/labels';
import { fetchGridTypes, mapKeys } from '../../map/api';
import type { UnitDetail } from '../../types';
import { childKinds, codeLength, codePrefix, createUnit, SUBKINDS, type UnitCreateBody } from '../adminApi';

type Values = {
  kind: UnitKind; code: string; name: string; nameEn?: string; subkind?: string;
  gridKind?: 'basic' | 'dedicated'; dedicatedType?: string; gridTypeId?: string;
};

/**
 * 新增下级: the child's kind follows the parent (a community takes grids or villager groups); the code starts
 * with the parent's prefix and must have the kind's full length. The boundary comes later through import.
 */
export function AddChildModal({ detail, open, onClose }: { detail: UnitDetail; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation('territory');
  const { t: tc } = useTranslation();
  const label = useEnumLabel();
  const unitName = useUnitName();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const parent = detail.unit;
  const kinds = childKinds(parent.kind);
  const kind = Form.useWatch('kind', form) ?? kinds[0];
  const gridKind = Form.useWatch('gridKind', form);
  const isGrid = kind === 'grid';
  const subkinds = kind ? SUBKINDS[kind] : undefined;
  const en = i18n.language === 'en-US';
  const types = useQuery({ queryKey: mapKeys.gridTypes, queryFn: ({ signal }) => fetchGridTypes(signal), staleTime: 10 * 60_000, enabled: open && isGrid });

  const prefill = (k: UnitKind | undefined) => {
    if (!k) return;
    form.setFieldsValue({ kind: k, code: codePrefix(k, parent.code) });
  };
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ gridKind: 'basic' });
    prefill(kinds[0]);
    // Only on opening: the prefix follows the kind picked afterwards via onChange.
  }, [open]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: UnitCreateBody = { kind: v.kind, code: v.code.trim(), name: v.name.trim(), parentId: parent.id };
      if (v.nameEn?.trim()) body.nameEn = v.nameEn.trim();
      if (subkinds && v.subkind) body.subkind = v.subkind;
      if (v.kind === 'grid') {
        body.gridKind = v.gridKind ?? 'basic';
        if (body.gridKind === 'dedicated' && v.dedicatedType) body.dedicatedType = v.dedicatedType;
        if (v.gridTypeId) body.gridTypeId = v.gridTypeId;
      }
      return createUnit(body);
    },
    onSuccess: (created) => {
      void qc.invalidateQueries({ queryKey: ['territory'] });
      onClose();
      void navigate(`/units/${created.id}`);
    },
  });
  const close = () => { save.reset(); onClose(); };
  const len = kind ? codeLength(kind) : 12;
  const prefix = kind ? codePrefix(kind, parent.code) : '';

  return (
    <Modal
      open={open}
      title={t('admin.addTitle', { parent: unitName(parent) })}
      onCancel={close}
      onOk={() => form.submit()}
      okText={tc('action.create')}
      confirmLoading={save.isPending}
      forceRender
    >
      <Alert type="info" showIcon title={t('admin.addHint')} style={{ marginBottom: 12 }} />
      {save.isError && <Alert type="error" showIcon title={errorText(save.error)} style={{ marginBottom: 12 }} data-testid="unit-add-error" />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)} autoComplete="off">
        <Form.Item name="kind" label={t('admin.kind')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" options={kinds.map((k) => ({ value: k, label: label('kind', k) }))} onChange={(e) => prefill(e.target.value as UnitKind)} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('unit.code')}
          extra={prefix ? t('admin.codeHint', { len, prefix, parentCode: parent.code }) : t('admin.codeLen', { len })}
          rules={[
            { required: true, whitespace: true },
            {
              validator: (_, v: string | undefined) => {
                if (!v || !kind) return Promise.resolve();
                if (!/^\d+$/.test(v)) return Promise.reject(new Error(t('admin.codeDigits')));
                if (v.length !== len) return Promise.reject(new Error(t('admin.codeLen', { len })));
                if (codeProblem(kind, v, parent.code)) return Promise.reject(new Error(t('admin.codePrefix', { prefix })));
                return Promise.resolve();
              },
            },
          ]}
        >
          <Input inputMode="numeric" maxLength={len} showCount data-testid="unit-add-code" />
        </Form.Item>
        <Form.Item name="name" label={t('admin.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
          <Input data-testid="unit-add-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('admin.nameEn')} rules={[{ max: 200 }]}>
          <Input />
        </Form.Item>
        {subkinds && (
          <Form.Item name="subkind" label={t('admin.subkind')}>
            <Select allowClear options={subkinds.map((s) => ({ value: s, label: label('subkind', s) }))} />
          </Form.Item>
        )}
        {isGrid && (
          <>
            <Form.Item name="gridKind" label={t('admin.gridKind')}>
              <Radio.Group optionType="button" options={GRID_KINDS.map((g) => ({ value: g, label: label('gridKind', g) }))} />
            </Form.Item>
            {gridKind === 'dedicated' && (
              <Form.Item name="dedicatedType" label={t('admin.dedicatedType')} rules={[{ required: true }]}>
                <Select options={DEDICATED_TYPES.map((d) => ({ value: d, label: label('dedicatedType', d) }))} />
              </Form.Item>
            )}
            <Form.Item name="gridTypeId" label={t('unit.gridType')}>
              <Select
                allowClear
                loading={types.isLoading}
                placeholder={t('admin.gridTypeNone')}
                options={(types.data ?? []).map((g) => ({ value: g.id, label: <><Tag color={g.color}>{label('gridCategory', g.category)}</Tag>{en ? g.nameEn : g.nameZh}</> }))}
              />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
