/** Rates are fractions 0..1 (null when nothing to divide by); shown as percentages with one decimal. */
export const fmtRate = (v: number | null | undefined): string => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);
export const fmtScore = (v: number | null | undefined): string => (v == null ? '—' : v.toFixed(1));
export const fmtCount = (v: number | null | undefined): string => (v == null ? '—' : v.toLocaleString());

export function lastMonth(now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}
export function thisMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}
export function thisQuarter(now = new Date()): string {
  return `${now.getFullYear()}-Q${Math.floor(now.getMonth() / 3) + 1}`;
}
export function thisYear(now = new Date()): string {
  return String(now.getFullYear());
}
