import { INDICATORS, type IndicatorValues } from '@gridgov/common';

/** Shared cell formatting of the assessment documents (Excel and PDF say the same thing). */
export const pct = (x: number | null): string => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
export const num = (x: number | null): string => (x === null ? '—' : x.toFixed(1));

/** Indicator columns with their Chinese names from the one definition (indicators.ts). */
export const INDICATOR_COLUMNS = ['responseRate', 'resolutionRate', 'satisfactionRate', 'onTimeHandlingRate'] as const;
export const indicatorHeaders = (): string[] => INDICATOR_COLUMNS.map((k) => INDICATORS[k].name.zh);
export const indicatorCells = (v: IndicatorValues): string[] => INDICATOR_COLUMNS.map((k) => pct(v[k]));

export const STATE_ZH: Record<string, string> = {
  reported: '已登记', accepted: '已受理', in_grid: '网格办理', escalated_community: '上报社区', escalated_street: '上报街道',
  mediation: '调解中', dispatched: '已派单', returned: '已退回', reopened: '重新办理', suspended: '挂起',
};
export const shanghaiTime = (iso: string | null): string =>
  iso ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '—';

/** Content-Disposition with an ASCII fallback and the Chinese name (RFC 6266). */
export function attachment(ascii: string, zh: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(zh)}`;
}
export const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  csv: 'text/csv; charset=utf-8',
} as const;
