import { useCallback, useEffect, useState } from 'react';
import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { CASE_STATE_LABELS, CHANNEL_LABELS, DEADLINE_CLASSES, type CaseState, type Channel, type DeadlineClass } from '@gridgov/common';
import { usePick } from '../../../lib/commonLabels';

const STATE_COLOURS: Partial<Record<CaseState, string>> = {
  reported: 'blue', accepted: 'geekblue', in_grid: 'cyan', escalated_community: 'purple', escalated_street: 'magenta',
  mediation: 'gold', dispatched: 'processing', returned: 'volcano', handled: 'lime', verified: 'green', rated: 'green',
  closed: 'default', suspended: 'warning', reopened: 'orange', merged: 'default', rejected: 'default',
};

export function StateTag({ state, testId }: { state: CaseState; testId?: string }) {
  const pick = usePick();
  return <Tag color={STATE_COLOURS[state]} data-testid={testId} data-state={state}>{pick(CASE_STATE_LABELS, state)}</Tag>;
}

const RISK_COLOURS = { low: 'default', medium: 'orange', high: 'red' } as const;
export function RiskTag({ risk, long }: { risk: string; long?: boolean }) {
  const { t } = useTranslation('cases');
  const key = (risk in RISK_COLOURS ? risk : 'low') as keyof typeof RISK_COLOURS;
  return <Tag color={RISK_COLOURS[key]}>{long ? t(`riskLong.${key}`) : t(`risk.${key}`)}</Tag>;
}

export function useChannelLabel() {
  const pick = usePick();
  return useCallback((c: string | null | undefined) => pick(CHANNEL_LABELS, c as Channel), [pick]);
}
export function useStateLabel() {
  const pick = usePick();
  return useCallback((s: string | null | undefined) => pick(CASE_STATE_LABELS, s as CaseState), [pick]);
}
export function useDeadlineClassLabel() {
  const { i18n } = useTranslation();
  return useCallback((c: string | null | undefined) => {
    const d = c ? DEADLINE_CLASSES[c as DeadlineClass] : undefined;
    return d ? (i18n.language === 'en-US' ? d.label.en : d.label.zh) : (c ?? '');
  }, [i18n.language]);
}
/** Action names (case and dispatch moves, timeline entries); unknown ones show as they come. */
export function useActionLabel() {
  const { t } = useTranslation('cases');
  return useCallback((a: string) => {
    const key = a.replace(/^(case|dispatch)\./, '');
    return t(`actions.${key}` as 'actions.accept', { defaultValue: key });
  }, [t]);
}

/** Re-renders every `ms` so countdowns tick. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

export function useDuration() {
  const { t } = useTranslation('cases');
  return useCallback((ms: number) => {
    const mins = Math.max(0, Math.round(Math.abs(ms) / 60_000));
    const d = Math.floor(mins / 1440), h = Math.floor((mins % 1440) / 60), m = mins % 60;
    if (d > 0) return t('countdown.d', { n: d }) + (h ? t('countdown.h', { n: h }) : '');
    if (h > 0) return t('countdown.h', { n: h }) + (m ? t('countdown.m', { n: m }) : '');
    return t('countdown.m', { n: m });
  }, [t]);
}

/**
 * Time left to a deadline: green while plenty is left, yellow past 75 % of the allowed time (or when the server
 * says so), red once overdue. `start` lets the 75 % rule be computed here when the server sends no warn level.
 */
export function Countdown({ due, start, warn, done, testId }: { due?: string | null; start?: string | null; warn?: string | null; done?: boolean; testId?: string }) {
  const { t } = useTranslation('cases');
  const now = useNow();
  const fmt = useDuration();
  if (!due || done) return <span style={{ color: '#8c8c8c' }}>{t('countdown.none')}</span>;
  const dueMs = new Date(due).getTime();
  const left = dueMs - now;
  let level: 'ok' | 'yellow' | 'red' = 'ok';
  if (left <= 0 || warn === 'red') level = 'red';
  else if (warn === 'yellow') level = 'yellow';
  else if (start) {
    const total = dueMs - new Date(start).getTime();
    if (total > 0 && (total - left) / total >= 0.75) level = 'yellow';
  }
  const colour = level === 'red' ? 'red' : level === 'yellow' ? 'gold' : 'green';
  return (
    <Tooltip title={new Date(due).toLocaleString()}>
      <Tag color={colour} data-testid={testId} data-level={level} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {left <= 0 ? t('countdown.overdue', { t: fmt(left) }) : t('countdown.left', { t: fmt(left) })}
      </Tag>
    </Tooltip>
  );
}

export const fmtTime = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(undefined, { hour12: false }) : '');
