import { useCallback, useRef } from 'react';
import { Card, Skeleton, Tabs } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../components/QueryError';
import { useMe } from '../../../auth/useMe';
import { emergencyKeys, fetchEmergency } from '../api';
import { useEmergencyLive, type LiveEvent } from '../useEmergencyLive';
import { EmergencyHeader } from './EmergencyHeader';
import { DirectivesTab } from './DirectivesTab';
import { MobilisationTab } from './MobilisationTab';
import { SitrepsTab } from './SitrepsTab';
import { ResourcesTab } from './ResourcesTab';

/**
 * One emergency (战时指挥): header with level/end, then directives with the live board, mobilisation,
 * situation reports and resources. Live events of the shared stream refresh what they touch (within 2 s).
 */
export default function EmergencyDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('emergency');
  const { data: me } = useMe();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'directives';
  const q = useQuery({ queryKey: emergencyKeys.detail(id), queryFn: ({ signal }) => fetchEmergency(id, signal) });

  // A burst of grid acks (hundreds at once) becomes one refetch per directive every 400 ms at most.
  const pending = useRef(new Set<string>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onLive = useCallback((e: LiveEvent) => {
    // Escalation steps carry only the directive; anything naming another emergency is not ours.
    if (e.data.emergencyId != null && String(e.data.emergencyId) !== id) return;
    if (e.type === 'emergency.changed') {
      void qc.invalidateQueries({ queryKey: emergencyKeys.detail(id) });
      return;
    }
    if (e.data.directiveId != null) pending.current.add(String(e.data.directiveId));
    if (timer.current) return;
    const flush = () => {
      for (const d of pending.current) {
        void qc.invalidateQueries({ queryKey: ['emergency', 'progress', d] });
        void qc.invalidateQueries({ queryKey: ['emergency', 'photos', d] });
      }
      pending.current.clear();
      void qc.invalidateQueries({ queryKey: emergencyKeys.directives(id) });
    };
    // Leading edge at once (a single ack shows immediately), then at most one refetch per 400 ms.
    flush();
    timer.current = setTimeout(() => {
      timer.current = null;
      if (pending.current.size) flush();
    }, 400);
  }, [id, qc]);
  useEmergencyLive(onLive);

  if (q.isError) return <div className="gg-page"><QueryError error={q.error} onRetry={() => void q.refetch()} /></div>;
  if (q.isPending) return <div className="gg-page"><Skeleton active /></div>;
  const em = q.data;
  const command = me?.permissions.includes('emergency.command') ?? false;

  return (
    <div className="gg-page" data-testid="emergency-detail" data-state={em.state} data-level={em.level}>
      <EmergencyHeader em={em} command={command} />
      <Card size="small" style={{ marginTop: 12 }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams(k === 'directives' ? {} : { tab: k }, { replace: true })}
          destroyOnHidden
          items={[
            { key: 'directives', label: t('tabs.directives'), children: <DirectivesTab em={em} command={command} /> },
            { key: 'mobilisation', label: t('tabs.mobilisation'), children: <MobilisationTab em={em} command={command} /> },
            { key: 'sitreps', label: t('tabs.sitreps'), children: <SitrepsTab em={em} /> },
            { key: 'resources', label: t('tabs.resources'), children: <ResourcesTab em={em} /> },
          ]}
        />
      </Card>
    </div>
  );
}
