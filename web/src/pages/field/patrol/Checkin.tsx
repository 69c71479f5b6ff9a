import { useMemo, useState } from 'react';
import { Alert, Button, Card, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { CHECKIN_RADIUS_M } from '@gridgov/common';
import { ApiError } from '../../../api/client';
import { useErrorText } from '../../../lib/errors';
import { checkIn } from '../api';
import { distanceM, usePosition } from '../geo';
import type { BundleGrid } from '../types';

/** Check-in at a key site (only when the policy has check-ins on): the server measures the 50 m and says why not. */
export function Checkin({ patrolId, grid }: { patrolId: string; grid: BundleGrid }) {
  const { t } = useTranslation('field');
  const errorText = useErrorText();
  const { fix } = usePosition();
  const [siteId, setSiteId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const sites = useMemo(() => grid.keySites
    .map((k) => ({ ...k, d: fix ? distanceM(fix, k) : null }))
    .sort((a, b) => (a.d ?? 0) - (b.d ?? 0)), [grid.keySites, fix]);
  const chosen = siteId ?? sites[0]?.id;

  const go = async () => {
    if (!fix || !chosen) return;
    setBusy(true);
    setResult(null);
    try {
      const r = await checkIn(patrolId, { keySiteId: chosen, lat: fix.lat, lng: fix.lng, accuracy: fix.accuracy });
      setResult({ ok: true, text: t('patrol.checkedIn', { name: r.keySiteName, distance: Math.round(r.distanceM) }) });
    } catch (e) {
      const far = e instanceof ApiError && e.code === 'GEOFENCE_TOO_FAR' && typeof e.details?.distanceM === 'number' ? e.details.distanceM : null;
      const site = sites.find((k) => k.id === chosen);
      setResult({
        ok: false,
        text: e instanceof ApiError && e.status === 0 ? t('patrol.checkinOffline')
          : far !== null ? t('patrol.tooFar', { distance: Math.round(far), radius: CHECKIN_RADIUS_M, name: site?.name ?? '' })
            : errorText(e),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" className="gg-field-section" title={t('patrol.checkin')} data-testid="patrol-checkin">
      <Space direction="vertical" style={{ width: '100%' }}>
        <div className="gg-field-row-sub">{t('patrol.checkinHint', { radius: CHECKIN_RADIUS_M })}</div>
        <Select style={{ width: '100%' }} value={chosen} onChange={setSiteId} placeholder={t('patrol.keySite')}
          options={sites.map((k) => ({ value: k.id, label: k.d == null ? k.name : `${k.name} · ${Math.round(k.d)} m` }))} data-testid="checkin-site" />
        <Button type="primary" block disabled={!fix || !chosen} loading={busy} onClick={() => void go()} data-testid="checkin-submit">
          {fix ? t('patrol.checkinNow') : t('report.waitingGps')}
        </Button>
        {result && <Alert type={result.ok ? 'success' : 'error'} showIcon title={result.text} data-testid="checkin-result" data-ok={String(result.ok)} />}
      </Space>
    </Card>
  );
}
