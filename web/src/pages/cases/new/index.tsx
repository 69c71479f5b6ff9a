import { useMemo, useRef, useState } from 'react';
import { Alert, Button, Card, Col, DatePicker, Flex, Form, Input, InputNumber, Radio, Result, Row, TreeSelect, Typography, type UploadFile } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { MAX_DESCRIPTION, MAX_PHOTOS } from '@gridgov/common';
import { useMe } from '../../../auth/useMe';
import { useErrorText } from '../../../lib/errors';
import { fetchGrids, mapKeys } from '../../territory/map/api';
import { caseKeys, createCase, type IntakeResult } from '../api';
import { PointMap } from '../shared/PointMap';
import { useChannelLabel } from '../shared/labels';
import { isLeaf, useCategoryTreeData } from '../shared/useCatalogue';
import { CategoryHint } from './components/CategoryHint';
import { Duplicates } from './components/Duplicates';
import { PhotoPicker } from './components/PhotoPicker';

const STAFF_CHANNELS = ['field', 'hotline', 'petition', 'external'] as const;
const FIELD_ROLES = ['grid_worker', 'grid_leader', 'police_officer', 'auxiliary_police'];

/** A fresh key per form: a double click or a retry after a lost answer returns the first case, never a second. */
function newKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Plain-HTTP LAN deployments have no randomUUID (secure contexts only); getRandomValues works everywhere.
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

const chars = (s: string | undefined) => Array.from(s ?? '').length;

interface Values {
  channel: string;
  category: string;
  title?: string;
  description: string;
  address?: string;
  name?: string;
  phone?: string;
  extra?: Record<string, unknown>;
}

/** 事项登记 for staff: grid patrol, hotline clerk (接诉即办), petitions desk (信访超市). */
export default function CaseNewPage() {
  const { t, i18n } = useTranslation('cases');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const errorText = useErrorText();
  const channelLabel = useChannelLabel();
  const { data: me } = useMe();
  const [form] = Form.useForm<Values>();
  const { treeData, byCode } = useCategoryTreeData(true);
  const [point, setPoint] = useState<[number, number] | null>(null);
  const [photos, setPhotos] = useState<UploadFile[]>([]);
  const key = useRef(newKey());
  const [result, setResult] = useState<IntakeResult | null>(null);
  const categoryCode = Form.useWatch('category', form);
  const channel = Form.useWatch('channel', form);
  const description = Form.useWatch('description', form);
  const cat = categoryCode ? byCode.get(categoryCode) : undefined;
  const grids = useQuery({ queryKey: mapKeys.grids(undefined, 'basic'), queryFn: ({ signal }) => fetchGrids(undefined, 'basic', signal), staleTime: 10 * 60_000 });
  const en = i18n.language === 'en-US';

  const submit = useMutation({
    mutationFn: (v: Values) => {
      const fd = new FormData();
      fd.set('channel', v.channel);
      fd.set('category', v.category);
      fd.set('description', v.description.trim());
      if (v.title?.trim()) fd.set('title', v.title.trim());
      if (point) {
        fd.set('lng', String(point[0]));
        fd.set('lat', String(point[1]));
      }
      if (v.address?.trim()) fd.set('address', v.address.trim());
      if (v.name?.trim()) fd.set('name', v.name.trim());
      if (v.phone?.trim()) fd.set('phone', v.phone.trim());
      const extra = Object.fromEntries(Object.entries(v.extra ?? {}).filter(([, x]) => x != null && x !== '')
        .map(([k, x]) => [k, typeof x === 'object' && x && 'format' in x ? (x as { format: (f: string) => string }).format('YYYY-MM-DD') : x]));
      if (Object.keys(extra).length) fd.set('extra', JSON.stringify(extra));
      photos.forEach((p) => { if (p.originFileObj) fd.append('photos', p.originFileObj, p.name); });
      return createCase(fd, key.current);
    },
    onSuccess: (r) => {
      setResult(r);
      void qc.invalidateQueries({ queryKey: caseKeys.all });
      window.scrollTo({ top: 0 });
    },
  });

  const reset = () => {
    form.resetFields();
    setPoint(null);
    setPhotos([]);
    setResult(null);
    submit.reset();
    key.current = newKey();
  };

  const areas = useMemo(() => grids.data ?? null, [grids.data]);

  if (result) {
    return (
      <div className="gg-page" style={{ maxWidth: 960 }}>
        <Flex vertical gap={12}>
          <Card>
            <Result
              status="success"
              title={<span data-testid="intake-tracking-no">{t('intake.created', { no: result.trackingNo })}</span>}
              extra={[
                <Button key="open" type="primary" onClick={() => navigate(`/cases/${result.id}`)} data-testid="intake-open">{t('intake.open')}</Button>,
                <Button key="again" onClick={reset}>{t('intake.another')}</Button>,
              ]}
            />
          </Card>
          <Duplicates items={result.duplicates ?? []} />
        </Flex>
      </div>
    );
  }

  const initialChannel = me && FIELD_ROLES.includes(me.role) ? 'field' : 'hotline';
  return (
    <div className="gg-page" style={{ maxWidth: 1200 }}>
      <Card title={t('intake.title')}>
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ channel: initialChannel }}
          onFinish={(v) => submit.mutate(v)}
          data-testid="case-new-form"
          scrollToFirstError
        >
          <Row gutter={24}>
            <Col xs={24} lg={12}>
              <Form.Item name="channel" label={t('intake.channel')} rules={[{ required: true }]}>
                <Radio.Group optionType="button" options={STAFF_CHANNELS.map((c) => ({ value: c, label: channelLabel(c) }))} data-testid="intake-channel" />
              </Form.Item>
              <Form.Item name="category" label={t('intake.category')} rules={[{ required: true, message: t('modal.required', { field: t('intake.category') }) }]}>
                <TreeSelect
                  showSearch
                  treeNodeFilterProp="title"
                  placeholder={t('intake.categoryPlaceholder')}
                  treeData={treeData}
                  treeDefaultExpandAll={false}
                  data-testid="intake-category"
                  onChange={(code: string) => { if (code && byCode.get(code) && !isLeaf(byCode.get(code)!)) form.setFieldValue('category', undefined); }}
                />
              </Form.Item>
              {cat && <div style={{ marginTop: -12, marginBottom: 16 }}><CategoryHint cat={cat} channel={channel} /></div>}
              {cat?.requiredFields && cat.requiredFields.length > 0 && (
                <Card size="small" title={t('intake.extra')} style={{ marginBottom: 16 }}>
                  {cat.requiredFields.map((f) => (
                    <Form.Item key={f.key} name={['extra', f.key]} label={en ? f.en : f.zh} rules={[{ required: true, message: t('modal.required', { field: en ? f.en : f.zh }) }]}>
                      {f.type === 'number' ? <InputNumber style={{ width: '100%' }} /> : f.type === 'date' ? <DatePicker style={{ width: '100%' }} /> : <Input maxLength={500} />}
                    </Form.Item>
                  ))}
                </Card>
              )}
              <Form.Item name="title" label={t('intake.titleField')}>
                <Input maxLength={120} placeholder={t('intake.titlePlaceholder')} />
              </Form.Item>
              <Form.Item
                name="description"
                label={t('intake.description')}
                extra={<span style={{ float: 'right', color: chars(description) > MAX_DESCRIPTION ? '#cf1322' : undefined }}>{chars(description)} / {MAX_DESCRIPTION}</span>}
                rules={[
                  { required: true, whitespace: true, message: t('modal.required', { field: t('intake.description') }) },
                  { validator: (_, v: string) => (chars(v) > MAX_DESCRIPTION ? Promise.reject(new Error(`≤ ${MAX_DESCRIPTION}`)) : Promise.resolve()) },
                ]}
              >
                <Input.TextArea rows={6} placeholder={t('intake.descriptionPlaceholder')} data-testid="intake-description" />
              </Form.Item>
              <Form.Item label={t('intake.photos')} extra={t('intake.photosHelp', { max: MAX_PHOTOS })}>
                <PhotoPicker value={photos} onChange={setPhotos} />
              </Form.Item>
            </Col>
            <Col xs={24} lg={12}>
              <Form.Item label={t('intake.location')} required extra={point ? t('intake.pickedPoint', { x: point[0], y: point[1] }) : t('intake.locationHelp')}>
                <PointMap point={point} areas={areas} onPick={setPoint} height={340} testId="intake-map" />
              </Form.Item>
              <Flex gap={8} style={{ marginTop: -12, marginBottom: 16 }}>
                <InputNumber
                  aria-label={t('intake.lng')} placeholder={t('intake.lng')} style={{ flex: 1 }} min={-180} max={180} step={0.0001}
                  value={point?.[0] ?? null} onChange={(v) => setPoint(v == null ? null : [Number(v), point?.[1] ?? 0])} data-testid="intake-lng"
                />
                <InputNumber
                  aria-label={t('intake.lat')} placeholder={t('intake.lat')} style={{ flex: 1 }} min={-90} max={90} step={0.0001}
                  value={point?.[1] ?? null} onChange={(v) => setPoint(v == null ? null : [point?.[0] ?? 0, Number(v)])} data-testid="intake-lat"
                />
              </Flex>
              <Form.Item name="address" label={t('intake.address')}>
                <Input maxLength={300} data-testid="intake-address" />
              </Form.Item>
              <Typography.Text strong>{t('intake.reporter')}</Typography.Text>
              <Row gutter={12} style={{ marginTop: 8 }}>
                <Col xs={24} sm={12}>
                  <Form.Item name="name" label={t('intake.reporterName')}><Input maxLength={60} autoComplete="off" /></Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item name="phone" label={t('intake.reporterPhone')} rules={[{ pattern: /^\s*(\+?86)?1\d{10}\s*$/, message: t('intake.reporterPhone') + ' ✕' }]}>
                    <Input maxLength={20} inputMode="tel" autoComplete="off" />
                  </Form.Item>
                </Col>
              </Row>
            </Col>
          </Row>
          {submit.isError && <Alert type="error" showIcon title={errorText(submit.error)} style={{ marginBottom: 12 }} data-testid="intake-error" />}
          <Flex justify="flex-end">
            <Button
              type="primary"
              htmlType="submit"
              size="large"
              loading={submit.isPending}
              disabled={!point}
              data-testid="case-new-submit"
            >
              {t('intake.submit')}
            </Button>
          </Flex>
        </Form>
      </Card>
    </div>
  );
}
