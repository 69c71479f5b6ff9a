/** Report periods in Asia/Shanghai calendar days (UTC+8, no daylight saving): bounds as instants, `to` inclusive. */
export interface Period { from: string; to: string; start: Date; end: Date }

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant a Shanghai day starts. */
export const dayStart = (ymd: string): Date => new Date(`${ymd}T00:00:00+08:00`);
/** The Shanghai calendar day of an instant. */
export function shanghaiDay(at: Date): string {
  const s = new Date(at.getTime() + 8 * 3600_000);
  return `${s.getUTCFullYear()}-${pad(s.getUTCMonth() + 1)}-${pad(s.getUTCDate())}`;
}
export function addDays(ymd: string, n: number): string {
  const d = new Date(`${ymd}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
export function period(from: string, to: string): Period {
  return { from, to, start: dayStart(from), end: dayStart(addDays(to, 1)) };
}
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function monthPeriod(month: string): Period {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return period(`${month}-01`, `${month}-${pad(lastDay(y, m))}`);
}
export function quarterPeriod(quarter: string): Period {
  const y = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  const m0 = (q - 1) * 3 + 1;
  return period(`${y}-${pad(m0)}-01`, `${y}-${pad(m0 + 2)}-${pad(lastDay(y, m0 + 2))}`);
}
export const yearPeriod = (year: number): Period => period(`${year}-01-01`, `${year}-12-31`);
export const quartersOf = (year: number): string[] => [1, 2, 3, 4].map((q) => `${year}-Q${q}`);
