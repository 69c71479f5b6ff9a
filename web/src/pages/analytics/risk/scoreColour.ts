/** Risk colours relative to the highest score in view: three steps, so a glance finds the grids to visit first. */
export const RISK_STEPS = [
  { min: 2 / 3, color: '#cf1322', key: 'high' },
  { min: 1 / 3, color: '#fa8c16', key: 'medium' },
  { min: 0, color: '#fadb14', key: 'low' },
] as const;

export function scoreColour(score: number, max: number): string | undefined {
  if (score <= 0 || max <= 0) return undefined;
  const r = score / max;
  return RISK_STEPS.find((s) => r > s.min || s.min === 0)!.color;
}
