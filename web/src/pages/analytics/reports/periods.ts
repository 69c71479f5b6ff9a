/** Choosable periods, newest first: the current one included (a report of a running period is a draft). */
export function recentMonths(n = 13, now = new Date()): string[] {
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(now.getFullYear(), now.getMonth() - i, 1);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
  });
}
export function recentQuarters(n = 8, now = new Date()): string[] {
  let y = now.getFullYear();
  let q = Math.floor(now.getMonth() / 3) + 1;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`${y}-Q${q}`);
    q -= 1;
    if (q === 0) { q = 4; y -= 1; }
  }
  return out;
}
export function recentYears(n = 4, now = new Date()): string[] {
  return Array.from({ length: n }, (_, i) => String(now.getFullYear() - i));
}
