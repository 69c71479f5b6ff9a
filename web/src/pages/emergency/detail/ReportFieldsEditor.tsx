import { Button, Checkbox, Form, Input, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** 反馈字段: what every grid must report back (label zh/en, type, required); inside a Form as `reportFields`. */
export function ReportFieldsEditor({ name = 'reportFields', max = 30 }: { name?: string; max?: number }) {
  const { t } = useTranslation('emergency');
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div data-testid="report-fields-editor">
          <Typography.Text strong>{t('fields.title')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>{t('fields.hint')}</Typography.Paragraph>
          {fields.map((f) => (
            <Space key={f.key} wrap align="start" style={{ marginBottom: 8 }}>
              <Form.Item name={[f.name, 'key']} hidden><Input /></Form.Item>
              <Form.Item name={[f.name, 'zh']} noStyle rules={[{ required: true, whitespace: true, message: t('fields.labelRequired') }]}>
                <Input placeholder={t('fields.zh')} style={{ width: 150 }} maxLength={60} data-testid="report-field-zh" />
              </Form.Item>
              <Form.Item name={[f.name, 'en']} noStyle>
                <Input placeholder={t('fields.en')} style={{ width: 150 }} maxLength={80} />
              </Form.Item>
              <Form.Item name={[f.name, 'type']} noStyle initialValue="number">
                <Select style={{ width: 100 }} options={(['number', 'text', 'boolean'] as const).map((v) => ({ value: v, label: t(`fields.type.${v}`) }))} />
              </Form.Item>
              <Form.Item name={[f.name, 'required']} noStyle valuePropName="checked">
                <Checkbox>{t('fields.required')}</Checkbox>
              </Form.Item>
              <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('action.remove')} />
            </Space>
          ))}
          {fields.length < max && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ zh: '', en: '', type: 'number', required: false })} data-testid="report-field-add">{t('fields.add')}</Button>
          )}
        </div>
      )}
    </Form.List>
  );
}
