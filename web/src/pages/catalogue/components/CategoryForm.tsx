import { useEffect } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Flex, Form, Input, Row, Select, Space, Switch, Tag } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CHANNELS, DEADLINE_CLASS_KEYS, LEVELS, RISK_LEVELS } from '@gridgov/common';
import { useErrorText } from '../../../lib/errors';
import type { CategoryNode } from '../../cases/shared/useCatalogue';
import { useChannelLabel, useDeadlineClassLabel } from '../../cases/shared/labels';
import { updateCategory, type CategoryPatch } from '../api';

interface FormValues extends Omit<CategoryPatch, 'guidance'> {
  guidanceOn?: boolean;
  guidance?: { channels: string[]; zh: string; en: string };
}

/** Edits one category's settings (PUT /api/catalogue/categories/:code, audited). */
export function CategoryForm({ node, deptKeys }: { node: CategoryNode; deptKeys: string[] }) {
  const { t } = useTranslation('catalogue');
  const { t: tcase } = useTranslation('cases');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const channel = useChannelLabel();
  const cls = useDeadlineClassLabel();
  const [form] = Form.useForm<FormValues>();
  const group = node.kind === 'group';
  const guidanceOn = Form.useWatch('guidanceOn', form);

  useEffect(() => {
    form.setFieldsValue({
      name: node.name, nameEn: node.nameEn, lowestLevel: node.lowestLevel, deadlineClass: node.deadlineClass,
      leadDepartment: node.leadDepartment ?? undefined, assistDepartments: node.assistDepartments ?? [],
      urgent: node.urgent, dispute: node.dispute, defaultRisk: node.defaultRisk, active: node.active ?? true,
      requiredFields: node.requiredFields ?? [],
      guidanceOn: Boolean(node.guidance), guidance: node.guidance ?? { channels: ['web'], zh: '', en: '' },
    });
  }, [node, form]);

  const save = useMutation({
    mutationFn: (v: FormValues) => {
      const { guidanceOn: on, guidance, ...rest } = v;
      const body: CategoryPatch = { ...rest, leadDepartment: rest.leadDepartment || null, guidance: on && guidance ? guidance : null };
      if (group) {
        // Groups only structure the tree: their names and the active flag are what matter.
        return updateCategory(node.code, { name: body.name, nameEn: body.nameEn, active: body.active });
      }
      return updateCategory(node.code, body);
    },
    onSuccess: () => {
      void message.success(t('saved', { code: node.code }));
      void qc.invalidateQueries({ queryKey: ['catalogue'] });
    },
  });

  const deptOptions = deptKeys.map((k) => ({ value: k, label: k }));
  return (
    <Card
      size="small"
      title={<Space wrap><Tag>{node.code}</Tag>{node.name}<Tag color={group ? 'purple' : 'blue'}>{group ? t('group') : t('leaf')}</Tag></Space>}
      data-testid="category-form"
    >
      <Form<FormValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Row gutter={12}>
          <Col xs={24} md={12}><Form.Item name="name" label={t('fields.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={80} /></Form.Item></Col>
          <Col xs={24} md={12}><Form.Item name="nameEn" label={t('fields.nameEn')} rules={[{ required: true, whitespace: true }]}><Input maxLength={120} /></Form.Item></Col>
        </Row>
        {!group && (
          <>
            <Row gutter={12}>
              <Col xs={24} md={8}>
                <Form.Item name="lowestLevel" label={t('fields.lowestLevel')}>
                  <Select options={LEVELS.map((l) => ({ value: l, label: tcase(`intake.levels.${l}`) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="deadlineClass" label={t('fields.deadlineClass')}>
                  <Select options={DEADLINE_CLASS_KEYS.map((c) => ({ value: c, label: cls(c) }))} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item name="defaultRisk" label={t('fields.defaultRisk')}>
                  <Select options={RISK_LEVELS.map((r) => ({ value: r, label: tcase(`riskLong.${r}`) }))} />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <Form.Item name="leadDepartment" label={t('fields.leadDepartment')} extra={t('fields.deptKeyHelp')}>
                  <Select allowClear showSearch options={deptOptions} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item name="assistDepartments" label={t('fields.assistDepartments')}>
                  <Select mode="tags" options={deptOptions} />
                </Form.Item>
              </Col>
            </Row>
            <Flex wrap gap={24}>
              <Form.Item name="urgent" valuePropName="checked"><Checkbox>{t('fields.urgent')}</Checkbox></Form.Item>
              <Form.Item name="dispute" valuePropName="checked"><Checkbox>{t('fields.dispute')}</Checkbox></Form.Item>
              <Form.Item name="guidanceOn" valuePropName="checked"><Checkbox>{t('fields.guidance')}</Checkbox></Form.Item>
            </Flex>
            {guidanceOn && (
              <Card size="small" style={{ marginBottom: 16 }}>
                <Form.Item name={['guidance', 'channels']} label={t('fields.guidanceChannels')} rules={[{ required: true }]}>
                  <Select mode="multiple" options={CHANNELS.map((c) => ({ value: c, label: channel(c) }))} />
                </Form.Item>
                <Form.Item name={['guidance', 'zh']} label={t('fields.guidanceZh')} rules={[{ required: true, whitespace: true }]}><Input maxLength={300} /></Form.Item>
                <Form.Item name={['guidance', 'en']} label={t('fields.guidanceEn')} rules={[{ required: true, whitespace: true }]}><Input maxLength={300} /></Form.Item>
              </Card>
            )}
            <Form.Item label={t('fields.requiredFields')}>
              <Form.List name="requiredFields">
                {(fields, { add, remove }) => (
                  <Flex vertical gap={6}>
                    {fields.map((f) => (
                      <Flex key={f.key} gap={6} wrap>
                        <Form.Item name={[f.name, 'key']} noStyle rules={[{ required: true, pattern: /^[A-Za-z][A-Za-z0-9_]{0,39}$/ }]}><Input placeholder={t('fields.fieldKey')} style={{ width: 120 }} /></Form.Item>
                        <Form.Item name={[f.name, 'zh']} noStyle rules={[{ required: true }]}><Input placeholder={t('fields.fieldZh')} style={{ width: 140 }} /></Form.Item>
                        <Form.Item name={[f.name, 'en']} noStyle rules={[{ required: true }]}><Input placeholder={t('fields.fieldEn')} style={{ width: 160 }} /></Form.Item>
                        <Form.Item name={[f.name, 'type']} noStyle initialValue="text">
                          <Select style={{ width: 100 }} options={(['text', 'number', 'date'] as const).map((x) => ({ value: x, label: t(`fieldTypes.${x}`) }))} />
                        </Form.Item>
                        <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="remove" />
                      </Flex>
                    ))}
                    {fields.length < 8 && <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ key: '', zh: '', en: '', type: 'text' })}>{t('fields.addField')}</Button>}
                  </Flex>
                )}
              </Form.List>
            </Form.Item>
          </>
        )}
        <Form.Item name="active" valuePropName="checked" label={t('fields.active')}><Switch /></Form.Item>
        {save.isError && <Alert type="error" showIcon title={errorText(save.error)} style={{ marginBottom: 12 }} />}
        <Flex justify="flex-end" gap={8}>
          <Button onClick={() => form.resetFields()}>{tc('action.reset')}</Button>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="category-save">{tc('action.save')}</Button>
        </Flex>
      </Form>
    </Card>
  );
}
