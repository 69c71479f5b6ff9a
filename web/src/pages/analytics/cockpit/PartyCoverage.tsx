import { Progress } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Coverage } from '@gridgov/common';
import { fmtRate } from '../components/format';
import { Panel } from './Panel';

/** 党建引领 at a glance: grids and estates with a party organisation, 双报到 and training coverage. */
export function PartyCoverage({ party }: { party: Coverage }) {
  const { t } = useTranslation('analytics');
  const rows: { key: string; label: string; value: number | null; text: string }[] = [
    { key: 'grids', label: t('party.grids'), value: party.grids ? party.gridsWithOrg / party.grids : null, text: `${party.gridsWithOrg}/${party.grids}` },
    { key: 'estates', label: t('party.estates'), value: party.estates ? party.estatesWithOrg / party.estates : null, text: `${party.estatesWithOrg}/${party.estates}` },
    { key: 'dual', label: t('party.dualReport'), value: party.dualReportRate, text: fmtRate(party.dualReportRate) },
    { key: 'training', label: t('party.training'), value: party.trainingCoverage, text: fmtRate(party.trainingCoverage) },
  ];
  return (
    <Panel title={t('cockpit.party')} extra={<span style={{ fontSize: 13, fontWeight: 400 }}>{t('party.members', { count: party.members })}</span>} testId="cockpit-party">
      {rows.map((r) => (
        <div key={r.key} style={{ display: 'grid', gridTemplateColumns: 'minmax(6em, max-content) minmax(40px, 1fr) 5.5em', alignItems: 'center', gap: 8 }}>
          <span style={{ fontSize: 13 }}>{r.label}</span>
          <Progress percent={r.value == null ? 0 : Math.round(r.value * 100)} showInfo={false} strokeColor="#c8102e" size="small" />
          <span style={{ fontSize: 13, textAlign: 'right' }}>{r.text}</span>
        </div>
      ))}
    </Panel>
  );
}
