import { Flex, Form, Input, Switch, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export const PHONE_RE = /^1[3-9]\d{9}$/;

/** Name, phone, anonymous switch: all optional; the phone is what lets a resident track and rate. */
export function ContactFields() {
  const { t } = useTranslation('public');
  const anonymous = Form.useWatch('anonymous') as boolean | undefined;
  return (
    <>
      <Flex gap={12} align="flex-start" style={{ marginBottom: 16 }}>
        <Form.Item name="anonymous" valuePropName="checked" noStyle>
          <Switch id="report-anonymous" data-testid="report-anonymous" aria-describedby="report-anonymous-hint" style={{ marginTop: 2 }} />
        </Form.Item>
        <label htmlFor="report-anonymous" style={{ cursor: 'pointer' }}>
          <Typography.Text strong style={{ fontSize: 16, display: 'block' }}>{t('report.anonymous')}</Typography.Text>
          <Typography.Text type="secondary" id="report-anonymous-hint">{t('report.anonymousHint')}</Typography.Text>
        </label>
      </Flex>
      {!anonymous && (
        <Form.Item name="name" label={t('report.name')}>
          <Input size="large" autoComplete="name" maxLength={40} data-testid="report-name" />
        </Form.Item>
      )}
      <Form.Item
        name="phone"
        label={t('report.phone')}
        extra={t('report.phoneHint')}
        rules={[{ pattern: PHONE_RE, message: t('report.phoneInvalid') }]}
        normalize={(v: string) => v.replace(/[\s-]/g, '')}
      >
        <Input size="large" type="tel" inputMode="numeric" autoComplete="tel" maxLength={13} data-testid="report-phone" />
      </Form.Item>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}><LockOutlined /> {t('report.privacy')}</Typography.Text>
    </>
  );
}
