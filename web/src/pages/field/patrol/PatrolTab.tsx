import { lazy, Suspense, useEffect, useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Empty, Space, Tag } from 'antd';
import { PauseOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PATROL_STATE_LABELS, splitTrack } from '@gridgov/common';
import { useErrorText } from '../../../lib/errors';
import { fieldKeys } from '../api';
import type { FieldBundle } from '../types';
import type { FieldTab } from '../index';
import { usePatrol } from './usePatrol';
import { useTracker } from './useTracker';
import { Findings } from './Findings';
import { Checkin } from './Checkin';

const TrackMap = lazy(() => import('./TrackMap'));

function useClock(on: boolean) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, [on]);
  return now;
}

const hms = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * 巡查: start, pause, stop; findings against cells and key sites; check-ins and GPS tracking only when the
 * district's policy has them on (peacetime: off; wartime: on). Nothing here counts or ranks the worker.
 */
export function PatrolTab({ bundle, go }: { bundle?: FieldBundle; go: (tab: FieldTab, extra?: Record<string, string>) => void }) {
  const { t, i18n } = useTranslation('field');
  const en = i18n.language === 'en-US';
  const { message } = App.useApp();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const { patrol, start, move } = usePatrol(bundle?.activePatrolId, bundle?.policy);
  const policy = patrol?.policy ?? bundle?.policy;
  const tracking = Boolean(policy?.tracking && patrol?.state === 'running');
  const tracker = useTracker(patrol?.id ?? null, tracking);
  const now = useClock(Boolean(patrol));
  const [busy, setBusy] = useState(false);
  const grid = bundle?.grids[0];

  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      const r = await fn();
      if (r && typeof r === 'object' && 'sent' in r && r.sent === false) void message.info(t('queuedOffline'));
      void qc.invalidateQueries({ queryKey: fieldKeys.bundle });
    } catch (e) {
      void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  if (!bundle) return <Empty description={t('today.noBundle')} />;
  const { segments, gaps } = splitTrack(tracker.points, patrol?.pauses ?? []);
  return (
    <>
      <Card size="small" className="gg-field-section" title={t('patrol.title')} data-testid="field-patrol" data-state={patrol?.state ?? 'none'} data-patrol-id={patrol?.id}>
        <Alert
          type={policy?.wartime ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 10 }}
          data-testid="field-policy"
          data-tracking={String(Boolean(policy?.tracking))}
          title={policy?.tracking ? (policy.wartime ? t('patrol.trackingOnWartime') : t('patrol.trackingOn')) : t('patrol.trackingOff')}
          description={policy?.tracking ? t('patrol.trackingDetail') : t('patrol.peacetime')}
        />
        {!patrol ? (
          <Button type="primary" block className="gg-field-big" icon={<PlayCircleOutlined />} loading={busy}
            onClick={() => void run(() => start(grid?.id))} data-testid="patrol-start">{t('patrol.start')}</Button>
        ) : (
          <>
            <Descriptions size="small" column={1} items={[
              { key: 's', label: t('patrol.state'), children: <Tag color={patrol.state === 'running' ? 'green' : 'gold'}>{PATROL_STATE_LABELS[patrol.state][en ? 'en' : 'zh']}</Tag> },
              { key: 'd', label: t('patrol.duration'), children: <span data-testid="patrol-duration">{hms(now - Date.parse(patrol.startedAt))}</span> },
              ...(tracking || tracker.points.length ? [{ key: 'p', label: t('patrol.points'), children: t('patrol.pointsValue', { count: tracker.points.length, gaps: gaps.length }) }] : []),
              ...(tracking ? [{ key: 'w', label: t('patrol.wakeLock'), children: t(`patrol.wake.${tracker.wakeLock}`) }] : []),
            ]} />
            {tracker.error && tracking && <Alert type="warning" showIcon title={t('patrol.gpsError', { error: tracker.error })} style={{ marginBottom: 8 }} />}
            <Space.Compact block style={{ marginTop: 8 }}>
              {patrol.state === 'running' ? (
                <Button className="gg-field-big" style={{ flex: 1 }} icon={<PauseOutlined />} loading={busy} onClick={() => void run(() => move('pause'))} data-testid="patrol-pause">{t('patrol.pause')}</Button>
              ) : (
                <Button className="gg-field-big" style={{ flex: 1 }} icon={<PlayCircleOutlined />} loading={busy} onClick={() => void run(() => move('resume'))} data-testid="patrol-resume">{t('patrol.resume')}</Button>
              )}
              <Button danger className="gg-field-big" style={{ flex: 1 }} icon={<StopOutlined />} loading={busy} onClick={() => void run(() => move('stop'))} data-testid="patrol-stop">{t('patrol.stop')}</Button>
            </Space.Compact>
          </>
        )}
      </Card>
      {patrol && (tracking || tracker.points.length > 0) && (
        <Card size="small" className="gg-field-section" title={t('patrol.track')} styles={{ body: { padding: 8 } }}>
          <Suspense fallback={<div style={{ height: 220 }} />}>
            <TrackMap segments={segments} boundary={grid?.boundary ?? null} />
          </Suspense>
          {gaps.length > 0 && <div className="gg-field-row-sub" style={{ marginTop: 4 }} data-testid="patrol-gaps">{t('patrol.gaps', { count: gaps.length })}</div>}
        </Card>
      )}
      {patrol && grid && <Findings patrolId={patrol.id} grid={grid} onReport={() => go('report')} />}
      {patrol && grid && policy?.checkins && <Checkin patrolId={patrol.id} grid={grid} />}
      {grid && (
        <Button block style={{ marginBottom: 12 }} onClick={() => go('residents')} data-testid="patrol-visit">{t('patrol.visit')}</Button>
      )}
    </>
  );
}
