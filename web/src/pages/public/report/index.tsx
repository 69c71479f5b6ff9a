import { useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Form, Input, InputNumber, Skeleton, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { MAX_DESCRIPTION } from '@gridgov/common';
import { ApiError } from '../../../api/client';
import { QueryError } from '../../../components/QueryError';
import { useErrorText } from '../../../lib/errors';
import { PublicLayout } from '../PublicLayout';
import { fetchCatalogue, fieldErrors, newIdempotencyKey, submitReport } from '../api';
import { blockedOnWeb, CategoryPicker, findLeaf } from './components/CategoryPicker';
import { ContactFields } from './components/ContactFields';
import { LocationPicker, type LatLng } from './components/LocationPicker';
import { PhotoPicker } from './components/PhotoPicker';
import { Submitted } from './components/Submitted';

interface Values {
  category?: string;
  description?: string;
  location?: LatLng | null;
  address?: string;
  photos?: Blob[];
  anonymous?: boolean;
  name?: string;
  phone?: string;
  extra?: Record<string, string | number | null | undefined>;
}

/** API field names → form fields (the location is one control for lat and lng). */
const FORM_FIELD: Record<string, string> = { lat: 'location', lng: 'location', location: 'location', point: 'location' };
const LOCALISED = ['OUTSIDE_TERRITORY', 'GRID_NOT_ADMITTED', 'UNKNOWN_CATEGORY', 'CATEGORY_NOT_FOR_CHANNEL', 'UNSUPPORTED_MEDIA_TYPE',
  'BAD_FILE', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED', 'IDEMPOTENCY_CONFLICT'] as const;
const chars = (s: string) => Array.from(s).length;
const FORM_FIELDS = new Set(['category', 'description', 'location', 'address', 'name', 'phone', 'anonymous']);

export default function ReportPage() {
  const { t, i18n } = useTranslation('public');
  const en = i18n.language === 'en-US';
  const errorText = useErrorText();
  const [form] = Form.useForm<Values>();
  const catalogue = useQuery({ queryKey: ['public', 'catalogue'], queryFn: ({ signal }) => fetchCatalogue(signal), staleTime: 10 * 60_000 });
  const groups = useMemo(() => (catalogue.data ?? []).filter((g) => g.active !== false && (g.children ?? []).length > 0), [catalogue.data]);
  const [group, setGroup] = useState<string>();
  const category = Form.useWatch('category', form);
  const leaf = findLeaf(groups, category)?.leaf;
  const blocked = blockedOnWeb(leaf);
  // One key per submission: a retry after a lost answer returns the first tracking number, never a second case.
  const key = useRef(newIdempotencyKey());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [photoError, setPhotoError] = useState<string>();
  const [retryable, setRetryable] = useState(false);
  const [done, setDone] = useState<{ trackingNo: string; phone?: string } | null>(null);

  const onFinish = async (v: Values) => {
    if (!v.category || !v.location || blocked) return;
    setBusy(true);
    setError(null);
    setPhotoError(undefined);
    try {
      const extra = Object.fromEntries(Object.entries(v.extra ?? {}).filter(([, x]) => x !== undefined && x !== null && x !== '')) as Record<string, string | number>;
      const r = await submitReport({
        category: v.category, description: v.description?.trim() ?? '', lat: v.location.lat, lng: v.location.lng,
        address: v.address?.trim() || undefined, name: v.name?.trim() || undefined, phone: v.phone || undefined,
        anonymous: !!v.anonymous, extra,
      }, v.photos ?? [], key.current);
      setDone({ trackingNo: r.trackingNo, phone: v.phone || undefined });
      window.scrollTo({ top: 0 });
    } catch (e) {
      // A 4xx wrote nothing: the corrected form is a new request with a new key. Network/5xx keep the key.
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) key.current = newIdempotencyKey();
      const code = e instanceof ApiError ? e.code : '';
      // Codes residents meet get a sentence in their language; validation messages come from the server.
      const known = (LOCALISED as readonly string[]).includes(code) ? t(`errors.${code as (typeof LOCALISED)[number]}`) : null;
      const byField = Object.fromEntries(Object.entries(fieldErrors(e)).map(([f, msg]) => [f, known ?? msg]));
      const fields: { name: string | string[]; errors: string[] }[] = [];
      let general = true;
      for (const [f, msg] of Object.entries(byField)) {
        if (f === 'photos') {
          setPhotoError(msg);
          general = false;
        } else {
          const name = f.startsWith('extra.') ? ['extra', f.slice(6)] : FORM_FIELD[f] ?? f;
          if (Array.isArray(name) || FORM_FIELDS.has(name)) {
            fields.push({ name, errors: [msg] });
            general = false;
          }
        }
      }
      form.setFields(fields as never);
      setError(general ? known ?? errorText(e) : t('report.fixErrors'));
      setRetryable(!(e instanceof ApiError) || e.status === 0 || e.status >= 500);
      if (fields[0]) form.scrollToField(fields[0].name as never, { block: 'center' });
    } finally {
      setBusy(false);
    }
  };

  const reset = () => {
    form.resetFields();
    setGroup(undefined);
    setDone(null);
    setError(null);
    key.current = newIdempotencyKey();
  };

  return (
    <PublicLayout title={t('report.title')}>
      {done ? (
        <Submitted trackingNo={done.trackingNo} phone={done.phone} onAnother={reset} />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          requiredMark
          onFinish={onFinish}
          onFinishFailed={({ errorFields }) => errorFields[0] && form.scrollToField(errorFields[0].name, { block: 'center' })}
          initialValues={{ anonymous: false, photos: [], location: null }}
          disabled={busy}
          scrollToFirstError={false}
          data-testid="report-form"
        >
          <Typography.Title level={3} style={{ margin: '4px 0 4px' }}>{t('report.title')}</Typography.Title>
          <Typography.Paragraph type="secondary" style={{ fontSize: 15 }}>{t('report.intro')}</Typography.Paragraph>
          <Card>
            {catalogue.isPending ? <Skeleton active /> : catalogue.isError ? (
              <QueryError error={catalogue.error} onRetry={() => void catalogue.refetch()} />
            ) : (
              <Form.Item name="category" label={t('report.category')} rules={[{ required: true, message: t('report.categoryRequired') }]} style={{ marginBottom: 0 }}>
                <CategoryPicker groups={groups} group={group} onGroup={setGroup} />
              </Form.Item>
            )}
            {leaf && !blocked && (leaf.requiredFields ?? []).map((f) => (
              <Form.Item
                key={f.key}
                name={['extra', f.key]}
                label={en ? f.en : f.zh}
                rules={[{ required: true, message: en ? f.en : f.zh }]}
                style={{ marginTop: 16, marginBottom: 0 }}
              >
                {f.type === 'number'
                  ? <InputNumber size="large" min={0} style={{ width: '100%' }} inputMode="decimal" data-testid={`report-extra-${f.key}`} />
                  : <Input size="large" type={f.type === 'date' ? 'date' : 'text'} data-testid={`report-extra-${f.key}`} />}
              </Form.Item>
            ))}
          </Card>
          {!blocked && (
            <>
              <Card>
                <Form.Item
                  name="description"
                  label={t('report.description')}
                  rules={[
                    { required: true, whitespace: true, message: t('report.descriptionRequired') },
                    {
                      // Characters as the server counts them (code points), not UTF-16 units.
                      validator: (_, v?: string) => (!v || chars(v) <= MAX_DESCRIPTION ? Promise.resolve() : Promise.reject(new Error(t('report.descriptionTooLong', { max: MAX_DESCRIPTION })))),
                    },
                  ]}
                  style={{ marginBottom: 0 }}
                >
                  <Input.TextArea
                    rows={5}
                    autoSize={{ minRows: 5, maxRows: 12 }}
                    placeholder={t('report.descriptionPlaceholder')}
                    count={{ show: true, max: MAX_DESCRIPTION, strategy: chars }}
                    style={{ fontSize: 16 }}
                    data-testid="report-description"
                  />
                </Form.Item>
              </Card>
              <Card>
                <Form.Item
                  name="location"
                  label={t('report.location')}
                  rules={[{ required: true, message: t('report.locationRequired') }]}
                >
                  <LocationPicker />
                </Form.Item>
                <Form.Item name="address" label={t('report.address')} style={{ marginBottom: 0 }}>
                  <Input size="large" maxLength={200} placeholder={t('report.addressPlaceholder')} autoComplete="street-address" data-testid="report-address" />
                </Form.Item>
              </Card>
              <Card>
                <Form.Item name="photos" label={t('report.photos', { max: 9 })} style={{ marginBottom: 0 }}>
                  <PhotoPicker serverError={photoError} />
                </Form.Item>
              </Card>
              <Card title={t('report.contact')}>
                <ContactFields />
              </Card>
              {error && <Alert type="error" showIcon role="alert" title={error} description={retryable ? t('report.retryHint') : undefined} style={{ marginBottom: 12 }} data-testid="report-error" />}
              <Button
                type="primary"
                htmlType="submit"
                size="large"
                block
                icon={<SendOutlined />}
                loading={busy}
                className="gg-public-big-btn"
                data-testid="report-submit"
              >
                {busy ? t('report.submitting') : t('report.submit')}
              </Button>
            </>
          )}
        </Form>
      )}
    </PublicLayout>
  );
}
