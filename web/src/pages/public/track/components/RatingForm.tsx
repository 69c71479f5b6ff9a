import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Radio, Typography } from 'antd';
import { FrownOutlined, MehOutlined, SmileOutlined, StarOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Satisfaction } from '@gridgov/common';
import { ApiError } from '../../../../api/client';
import { useErrorText } from '../../../../lib/errors';
import { fieldErrors, rateReport } from '../../api';

interface Values { resolved?: 'yes' | 'no'; satisfaction?: Satisfaction; comment?: string }

/** Solved yes/no, satisfaction and a comment; "not solved" reopens the matter on the server. */
export function RatingForm({ trackingNo, phone, onRated }: { trackingNo: string; phone: string; onRated: (resolved: boolean) => void }) {
  const { t } = useTranslation('public');
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const resolved = Form.useWatch('resolved', form);

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await rateReport(trackingNo, { phone, resolved: v.resolved === 'yes', satisfaction: v.satisfaction!, comment: v.comment?.trim() || undefined });
      onRated(v.resolved === 'yes');
    } catch (e) {
      const byField = fieldErrors(e);
      const known = Object.entries(byField).filter(([f]) => ['resolved', 'satisfaction', 'comment'].includes(f));
      form.setFields(known.map(([name, msg]) => ({ name: name as keyof Values, errors: [msg] })));
      const code = e instanceof ApiError ? e.code : '';
      setError(code === 'CASE_INVALID_TRANSITION' || code === 'RATE_LIMITED' ? t(`errors.${code}`) : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const big = { height: 'auto', minHeight: 48, lineHeight: 1.3, paddingBlock: 12, paddingInline: 6, fontSize: 16, flex: 1, textAlign: 'center' as const, whiteSpace: 'normal' as const };
  return (
    <Card title={<><StarOutlined /> {t('rating.title')}</>} data-testid="rating-form">
      <Typography.Paragraph style={{ fontSize: 15 }}>{t('rating.intro')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} disabled={busy}>
        <Form.Item name="resolved" label={t('rating.resolved')} rules={[{ required: true, message: t('rating.resolvedRequired') }]}>
          <Radio.Group optionType="button" buttonStyle="solid" style={{ display: 'flex', width: '100%' }} data-testid="rating-resolved">
            <Radio.Button value="yes" style={big}><span data-testid="rating-resolved-yes">{t('rating.yes')}</span></Radio.Button>
            <Radio.Button value="no" style={big}><span data-testid="rating-resolved-no">{t('rating.no')}</span></Radio.Button>
          </Radio.Group>
        </Form.Item>
        {resolved === 'no' && <Alert type="info" showIcon title={t('rating.reopenNote')} style={{ marginBottom: 16 }} />}
        <Form.Item name="satisfaction" label={t('rating.satisfaction')} rules={[{ required: true, message: t('rating.satisfactionRequired') }]}>
          <Radio.Group optionType="button" buttonStyle="solid" style={{ display: 'flex', width: '100%' }} data-testid="rating-satisfaction">
            <Radio.Button value="satisfied" style={big}><span data-testid="rating-satisfied"><SmileOutlined /> {t('rating.satisfied')}</span></Radio.Button>
            <Radio.Button value="basic" style={big}><span data-testid="rating-basic"><MehOutlined /> {t('rating.basic')}</span></Radio.Button>
            <Radio.Button value="unsatisfied" style={big}><span data-testid="rating-unsatisfied"><FrownOutlined /> {t('rating.unsatisfied')}</span></Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="comment" label={t('rating.comment')}>
          <Input.TextArea rows={3} maxLength={500} showCount style={{ fontSize: 16 }} data-testid="rating-comment" />
        </Form.Item>
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
        <Button type="primary" htmlType="submit" size="large" block loading={busy} className="gg-public-big-btn" data-testid="rating-submit">
          {t('rating.submit')}
        </Button>
      </Form>
    </Card>
  );
}
