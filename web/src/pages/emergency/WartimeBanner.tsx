import './emergency.css';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { AlertFilled } from '@ant-design/icons';
import { useMe } from '../../auth/useMe';
import { emergencyKeys, fetchMyActive } from './api';
import { useIncidentLabel, useLevelLabel } from './labels';
import { useEmergencyLive } from './useEmergencyLive';

/**
 * 战时 banner on every page (mounted once in the app shell): the active emergencies whose area covers the
 * user's, with their level, each linking to its page (commanders) or to the grid's directives (responders).
 * Refreshed by the shared live stream when an emergency starts, changes level or ends.
 */
export function WartimeBanner() {
  const { t } = useTranslation('emergency');
  const incident = useIncidentLabel();
  const levelLabel = useLevelLabel();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const allowed = Boolean(me?.permissions.some((p) => p === 'emergency.command' || p === 'emergency.respond'));
  const q = useQuery({
    queryKey: emergencyKeys.active,
    queryFn: ({ signal }) => fetchMyActive(signal),
    enabled: allowed,
    refetchInterval: 60_000,
    retry: false,
    staleTime: 10_000,
  });
  useEmergencyLive((e) => {
    if (e.type.startsWith('emergency')) void qc.invalidateQueries({ queryKey: emergencyKeys.active });
  }, allowed);

  const items = q.data?.items ?? [];
  if (!allowed || items.length === 0) return null;
  const command = me?.permissions.includes('emergency.command');
  return (
    <div className="gg-wartime" role="alert" data-testid="wartime-banner" data-count={items.length}>
      <AlertFilled className="gg-wartime-icon" />
      <span className="gg-wartime-label">{t('banner.wartime')}</span>
      <span className="gg-wartime-items">
        {items.map((e) => (
          <Link key={e.id} to={command ? `/emergency/${e.id}` : '/emergency/my-directives'} data-testid="wartime-item" data-level={e.level}>
            <b>{levelLabel(e.level)}</b> {e.title}
            <span className="gg-wartime-meta"> · {incident(e.incidentType)} · {e.unitName}</span>
          </Link>
        ))}
      </span>
    </div>
  );
}
