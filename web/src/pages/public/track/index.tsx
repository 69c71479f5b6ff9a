import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Form, Input, Result, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { ApiError } from '../../../api/client';
import { useErrorText } from '../../../lib/errors';
import { PublicLayout } from '../PublicLayout';
import { trackReport, type TrackResult } from '../api';
import { PHONE_RE } from '../report/components/ContactFields';
import { RatingForm } from './components/RatingForm';
import { TrackResultCard } from './components/TrackResultCard';

interface Values { trackingNo: string; phone: string }

/** Tracking number + phone → state and public timeline; a rating form when the matter waits for one. */
export default function TrackPage() {
  const { t } = useTranslation('public');
  const errorText = useErrorText();
  const location = useLocation();
  // Coming from a just-submitted report: number and phone arrive in router state (the phone never in the URL).
  const given = (location.state ?? {}) as Partial<Values>;
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<{ r: TrackResult; phone: string } | null>(null);
  const [rated, setRated] = useState<boolean | null>(null);

  const lookup = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await trackReport(v.trackingNo.trim(), v.phone);
      setResult({ r, phone: v.phone });
    } catch (e) {
      setResult(null);
      setError(e instanceof ApiError && e.status === 404 ? t('track.notFound')
        : e instanceof ApiError && e.code === 'RATE_LIMITED' ? t('errors.RATE_LIMITED') : errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const auto = useRef(false);
  useEffect(() => {
    if (auto.current || !given.trackingNo || !given.phone) return;
    auto.current = true;
    void lookup({ trackingNo: given.trackingNo, phone: given.phone });
    // Only once, for the values the report page handed over.
  }, []);

  return (
    <PublicLayout title={t('track.title')}>
      <Typography.Title level={3} style={{ margin: '4px 0 4px' }}>{t('track.title')}</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ fontSize: 15 }}>{t('track.intro')}</Typography.Paragraph>
      <Card>
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => { setRated(null); void lookup(v); }}
          initialValues={{ trackingNo: given.trackingNo ?? '', phone: given.phone ?? '' }}
          disabled={busy}
          data-testid="track-form"
        >
          <Form.Item name="trackingNo" label={t('track.trackingNo')} rules={[{ required: true, whitespace: true, message: t('track.trackingNoRequired') }]}>
            <Input size="large" autoComplete="off" autoCapitalize="characters" spellCheck={false} style={{ fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }} data-testid="track-tracking-input" />
          </Form.Item>
          <Form.Item
            name="phone"
            label={t('track.phone')}
            normalize={(v: string) => v.replace(/[\s-]/g, '')}
            rules={[{ required: true, message: t('track.phoneRequired') }, { pattern: PHONE_RE, message: t('report.phoneInvalid') }]}
          >
            <Input size="large" type="tel" inputMode="numeric" autoComplete="tel" maxLength={13} data-testid="track-phone-input" />
          </Form.Item>
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} data-testid="track-error" />}
          <Button type="primary" htmlType="submit" size="large" block icon={<SearchOutlined />} loading={busy} className="gg-public-big-btn" data-testid="track-submit">
            {t('track.submit')}
          </Button>
        </Form>
      </Card>
      <div aria-live="polite">
        {result && <TrackResultCard r={result.r} />}
        {rated !== null && (
          <Card data-testid="rating-done">
            <Result status="success" title={t('rating.thanks')} subTitle={rated ? undefined : t('rating.reopenNote')} style={{ padding: 8 }} />
          </Card>
        )}
        {result?.r.canRate && rated === null && (
          <RatingForm
            trackingNo={result.r.trackingNo}
            phone={result.phone}
            onRated={(ok) => {
              setRated(ok);
              void lookup({ trackingNo: result.r.trackingNo, phone: result.phone });
            }}
          />
        )}
      </div>
    </PublicLayout>
  );
}
