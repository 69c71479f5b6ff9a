import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { IndicatorKey, IndicatorValue } from '@gridgov/common';
import { fmtCount, fmtRate } from '../components/format';
import { useIndicatorText } from '../components/indicatorText';

const MAIN: IndicatorKey[] = ['responseRate', 'resolutionRate', 'satisfactionRate'];
const RATES: IndicatorKey[] = [...MAIN, 'onTimeHandlingRate'];
const COUNTS: IndicatorKey[] = ['casesReceived', 'casesClosed', 'overdueOpen'];

/**
 * The three 接诉即办 rates first (this month: a single day's rates swing on a handful of ratings), then the
 * on-time rate and today's counts; the formula is one hover away on every tile.
 */
export function KpiTiles({ today, month }: { today: IndicatorValue[]; month: IndicatorValue[] }) {
  const { t } = useTranslation('analytics');
  const text = useIndicatorText();
  const find = (list: IndicatorValue[], k: IndicatorKey) => list.find((i) => i.key === k);
  const tile = (k: IndicatorKey, v: IndicatorValue | undefined, sub: string) => {
    const d = text(k);
    const value = d.format === 'ratio' ? fmtRate(v?.value) : fmtCount(v?.value);
    const warn = k === 'overdueOpen' && (v?.value ?? 0) > 0;
    return (
      <Tooltip key={k} title={<><b>{d.name}</b><br />{d.formula}</>}>
        <div className={`gg-kpi${MAIN.includes(k) ? ' gg-kpi-main' : ''}`} data-testid={`kpi-${k}`} data-value={v?.value ?? ''}>
          <div className="gg-kpi-label">{d.name}</div>
          <div className="gg-kpi-value" style={warn ? { color: '#ff7875' } : undefined}>{value}</div>
          <div className="gg-kpi-sub">{sub}</div>
        </div>
      </Tooltip>
    );
  };
  return (
    <div className="gg-kpis" data-testid="cockpit-kpis">
      {RATES.map((k) => {
        const v = find(month, k);
        return tile(k, v, v?.denominator != null ? t('kpi.monthOf', { n: v.numerator, d: v.denominator }) : t('kpi.month'));
      })}
      {COUNTS.map((k) => {
        const v = k === 'overdueOpen' ? find(today, k) ?? find(month, k) : find(today, k);
        const m = find(month, k);
        return tile(k, v, k === 'overdueOpen' ? t('kpi.now') : t('kpi.todayMonth', { n: fmtCount(m?.value) }));
      })}
    </div>
  );
}
