import { useEffect } from 'react';
import { Alert, Button, Card, Descriptions, Result, Spin, Tag, Typography } from 'antd';
import { AimOutlined, CheckCircleOutlined, EnvironmentOutlined, FlagOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { INCIDENT_TYPE_LABELS, LEVEL_LABELS, type EmergencyLevel, type IncidentType } from '@gridgov/common';
import { ApiError } from '../../api/client';
import { Brand } from '../../layout/Brand';
import { LangSwitch } from '../../layout/LangSwitch';
import { confirmLink, fetchLink, type MobiliseLink } from './api';
import { useGeoCheckIn, type GeoState } from './useGeoCheckIn';
import '../public/public.css';

/** 应急动员 one-time link (SMS): no login, phone first. Shows the call-up, lets the person confirm and check in at the grid. */
export default function MobilisePage() {
  const { token = '' } = useParams();
  const { t, i18n } = useTranslation('mobilise');
  const { t: tc } = useTranslation();
  const qc = useQueryClient();
  const key = ['mobilise', token];
  const q = useQuery({ queryKey: key, queryFn: () => fetchLink(token), retry: false, refetchOnWindowFocus: false });
  const set = (l: MobiliseLink) => qc.setQueryData(key, l);
  const confirm = useMutation({ mutationFn: (accept: boolean) => confirmLink(token, accept), onSuccess: set });
  const geo = useGeoCheckIn(token, set);
  useEffect(() => {
    document.title = `${t('title')} · ${tc('app.name')}`;
  }, [t, tc]);
  const en = i18n.language.startsWith('en');

  let body;
  if (q.isPending) body = <Spin size="large" style={{ display: 'block', margin: '48px auto' }} />;
  else if (q.error) {
    const gone = q.error instanceof ApiError && (q.error.code === 'NOT_FOUND' || q.error.code === 'VALIDATION');
    body = (
      <Result data-testid="mobilise-expired" status={gone ? 'warning' : 'error'} title={gone ? t('expired.title') : t('error.title')}
        subTitle={gone ? t('expired.hint') : q.error.message}
        extra={gone ? undefined : <Button onClick={() => void q.refetch()}>{t('error.retry')}</Button>} />
    );
  } else {
    const l = q.data;
    const lv = LEVEL_LABELS[l.level as EmergencyLevel];
    const incident = INCIDENT_TYPE_LABELS[l.incidentType as IncidentType];
    body = (
      <>
        <Card data-testid="mobilise-card">
          <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="mobilise-title">{l.emergencyTitle}</Typography.Title>
          <Tag data-testid="mobilise-incident" style={{ fontSize: 15, padding: '2px 8px' }}>{incident ? (en ? incident.en : incident.zh) : l.incidentType}</Tag>
          <Tag color={lv?.color} data-testid="mobilise-level" style={{ fontSize: 15, padding: '2px 8px' }}>
            {lv ? `${en ? lv.en : lv.zh} · ${en ? lv.severity.en : lv.severity.zh}` : l.level}
          </Tag>
          <Descriptions column={1} size="middle" style={{ marginTop: 12 }} labelStyle={{ fontSize: 15 }} contentStyle={{ fontSize: 16 }}>
            <Descriptions.Item label={t('field.name')}><span data-testid="mobilise-name">{l.name}</span></Descriptions.Item>
            <Descriptions.Item label={t('field.grid')}>
              <span data-testid="mobilise-grid"><EnvironmentOutlined /> {l.address}</span>
            </Descriptions.Item>
            {l.meetingPoint && (
              <Descriptions.Item label={t('field.meetingPoint')}>
                <span data-testid="mobilise-meeting">
                  {l.meetingPoint.note && <span style={{ display: 'block' }}>{l.meetingPoint.note}</span>}
                  <a href={mapLink(l.meetingPoint, l.gridName)} target="_blank" rel="noreferrer" data-testid="mobilise-map-link"><FlagOutlined /> {t('openMap')}</a>
                </span>
              </Descriptions.Item>
            )}
            <Descriptions.Item label={t('field.state')}><span data-testid="mobilise-state" data-state={l.state}>{t(`state.${l.state}`)}</span></Descriptions.Item>
          </Descriptions>
          {l.state !== 'checked_in' && l.state !== 'declined' && <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{t('where')}</Typography.Paragraph>}
        </Card>
        <Steps link={l} geo={geo.state} onCheckIn={geo.start} confirming={confirm.isPending} onConfirm={(a) => confirm.mutate(a)} />
        {confirm.error && <Alert type="error" showIcon message={confirm.error.message} style={{ marginBottom: 12 }} />}
      </>
    );
  }

  return (
    <div className="gg-public" data-testid="mobilise-page">
      <header className="gg-public-header">
        <Brand compact />
        <Typography.Text type="secondary" className="gg-public-sub" ellipsis>{t('title')}</Typography.Text>
        <div style={{ flex: 1 }} />
        <LangSwitch />
      </header>
      <main className="gg-public-main">{body}</main>
    </div>
  );
}

/** A navigation link to the meeting point (Amap marker; it converts WGS-84 itself and opens the app if installed). */
function mapLink(p: { lon: number; lat: number }, name: string): string {
  const q = new URLSearchParams({ position: `${p.lon},${p.lat}`, name, coordinate: 'wgs84', callnative: '1' });
  return `https://uri.amap.com/marker?${q.toString()}`;
}

function Steps({ link: l, geo, onCheckIn, confirming, onConfirm }: {
  link: MobiliseLink; geo: GeoState; onCheckIn: () => void; confirming: boolean; onConfirm: (accept: boolean) => void;
}) {
  const { t, i18n } = useTranslation('mobilise');
  if (l.state === 'checked_in') {
    const time = l.checkedInAt ? new Date(l.checkedInAt).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' }) : '';
    return (
      <Card data-testid="mobilise-checked-in">
        <Result status="success" icon={<CheckCircleOutlined />} title={t('checkedIn.title')}
          subTitle={t('checkedIn.at', { time, distance: l.distanceM ?? 0 })} style={{ padding: 8 }} />
      </Card>
    );
  }
  const busy = geo.kind === 'locating' || geo.kind === 'sending';
  return (
    <Card>
      {l.state === 'called' && (
        <>
          <Button type="primary" block className="gg-public-big-btn" loading={confirming} onClick={() => onConfirm(true)} data-testid="mobilise-confirm">
            {t('confirm')}
          </Button>
          <Button block type="link" disabled={confirming} onClick={() => onConfirm(false)} data-testid="mobilise-decline" style={{ marginTop: 4 }}>
            {t('decline')}
          </Button>
        </>
      )}
      {l.state === 'declined' && (
        <Alert type="info" showIcon message={t('declined')} data-testid="mobilise-declined"
          action={<Button size="small" onClick={() => onConfirm(true)} loading={confirming}>{t('changeMind')}</Button>} />
      )}
      {l.state === 'confirmed' && (
        <>
          <Alert type="success" showIcon message={t('confirmed')} style={{ marginBottom: 12 }} />
          <Button type="primary" block className="gg-public-big-btn" icon={<AimOutlined />} loading={busy} onClick={onCheckIn} data-testid="mobilise-checkin">
            {geo.kind === 'locating' ? t('geo.locating') : geo.kind === 'sending' ? t('geo.sending') : t('checkIn')}
          </Button>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>{t('checkInHint')}</Typography.Paragraph>
          <GeoMessage geo={geo} />
        </>
      )}
    </Card>
  );
}

function GeoMessage({ geo }: { geo: GeoState }) {
  const { t } = useTranslation('mobilise');
  const style = { marginTop: 12 };
  switch (geo.kind) {
    case 'denied': return <Alert style={style} type="warning" showIcon data-testid="mobilise-geo-denied" message={t('geo.denied')} description={t('geo.deniedHint')} />;
    case 'unavailable': return <Alert style={style} type="warning" showIcon data-testid="mobilise-geo-unavailable" message={t('geo.unavailable')} />;
    case 'tooFar': return (
      <Alert style={style} type="error" showIcon data-testid="mobilise-too-far" data-distance={geo.distanceM ?? ''}
        message={geo.distanceM != null ? t('geo.tooFar', { distance: geo.distanceM >= 1000 ? t('unit.km', { n: (geo.distanceM / 1000).toFixed(1) }) : t('unit.m', { n: geo.distanceM }), tolerance: geo.toleranceM ?? 300 }) : t('geo.tooFarUnknown')} />
    );
    case 'error': return <Alert style={style} type="error" showIcon message={geo.message} />;
    default: return null;
  }
}

