import { lazy, Suspense, useCallback, type ReactNode } from 'react';
import { Alert, Badge, Button, Tag, Tooltip } from 'antd';
import { CameraOutlined, CarryOutOutlined, CloudSyncOutlined, CompassOutlined, EnvironmentOutlined, TeamOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { FullPageSpin } from '../../components/FullPageSpin';
import { useBundle } from './api';
import { useFieldSync, useQueue } from './offline/useFieldSync';
import { useOfflineReady } from './offline/useOfflineReady';
import { setFieldUser } from './offline/writes';
import { useMe } from '../../auth/useMe';
import { TodayTab } from './today/TodayTab';
import { ReportTab } from './report/ReportTab';
import { PatrolTab } from './patrol/PatrolTab';
import { ResidentsTab } from './residents/ResidentsTab';
import { FieldExtras } from './FieldExtras';
import './field.css';

// MapLibre is big: only the map tab (and the report pin) load it.
const MapTab = lazy(() => import('./map/MapTab'));

const TABS = ['today', 'map', 'report', 'patrol', 'residents'] as const;
export type FieldTab = (typeof TABS)[number];

const ICONS: Record<FieldTab, ReactNode> = {
  today: <CarryOutOutlined />, map: <EnvironmentOutlined />, report: <CameraOutlined />, patrol: <CompassOutlined />, residents: <TeamOutlined />,
};

/** 网格员现场作业: the installed app opens here (manifest start_url); grid roles land here on a phone. */
export default function FieldPage() {
  const { t } = useTranslation('field');
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as FieldTab) : 'today';
  const bundle = useBundle();
  const { data: me } = useMe();
  const userId = me?.id ?? '';
  setFieldUser(userId);
  const queue = useQueue(userId);
  const { online, status, syncNow } = useFieldSync(userId);
  const offlineReady = useOfflineReady();
  const pending = queue.drafts.filter((d) => d.state === 'queued' || d.state === 'sending').length + queue.writes + (queue.points ? 1 : 0);
  const refused = queue.drafts.filter((d) => d.state === 'error').length;

  const go = useCallback((next: FieldTab, extra?: Record<string, string>) => {
    setParams({ tab: next, ...(extra ?? {}) });
    window.scrollTo({ top: 0 });
  }, [setParams]);

  const grid = bundle.data?.grids[0];
  // navigator.onLine only knows about the radio; a failed upload or a failed grid refresh means no usable signal.
  const reachable = online && !status.last?.offline;
  return (
    <div className="gg-field" data-testid="field-page" data-offline-ready={String(offlineReady)}>
      <div className="gg-field-status">
        <span className="gg-field-grid" data-testid="field-grid-name">{grid ? grid.name : t('title')}</span>
        <Tag color={reachable ? 'green' : 'default'} data-testid="field-online" data-online={String(reachable)}>{reachable ? t('online') : t('offline')}</Tag>
        <Tooltip title={status.last ? t('sync.lastAt', { time: new Date(status.last.at).toLocaleTimeString() }) : undefined}>
          <Badge count={pending} size="small" offset={[-4, 4]}>
            <Button size="small" icon={<CloudSyncOutlined spin={status.running} />} onClick={() => void syncNow()} data-testid="field-sync" data-pending={pending}>
              {t('sync.now')}
            </Button>
          </Badge>
        </Tooltip>
      </div>
      {refused > 0 && tab !== 'report' && (
        <Alert type="error" showIcon style={{ marginBottom: 10 }} title={t('sync.refused', { count: refused })}
          action={<Button size="small" onClick={() => go('report')}>{t('sync.open')}</Button>} />
      )}
      {status.last?.loginNeeded && <Alert type="warning" showIcon style={{ marginBottom: 10 }} title={t('sync.loginNeeded')} />}
      {bundle.isError && !bundle.data && <Alert type="warning" showIcon style={{ marginBottom: 10 }} title={t('bundleMissing')} data-testid="field-bundle-error" />}
      {tab === 'today' && <FieldExtras wartime={Boolean(bundle.data?.policy.wartime)} />}
      {tab === 'today' && <TodayTab bundle={bundle.data} loading={bundle.isPending} go={go} />}
      {tab === 'map' && <Suspense fallback={<FullPageSpin />}><MapTab bundle={bundle.data} /></Suspense>}
      {tab === 'report' && <ReportTab bundle={bundle.data} drafts={queue.drafts} syncNow={syncNow} userId={userId} />}
      {tab === 'patrol' && <PatrolTab bundle={bundle.data} go={go} />}
      {tab === 'residents' && <ResidentsTab bundle={bundle.data} go={go} />}
      <nav className="gg-field-nav" data-testid="field-nav">
        {TABS.map((k) => (
          <button key={k} type="button" aria-current={tab === k ? 'page' : undefined} onClick={() => go(k)} data-testid={`field-tab-${k}`}>
            {ICONS[k]}
            <span>{t(`tabs.${k}`)}</span>
          </button>
        ))}
      </nav>
    </div>
  );
}
