import type { EChartsOption } from 'echarts';
import { PARTY_RED } from '../components/Chart';

const fmtPct = (v: number) => `${(v * 100).toFixed(1)}%`;

/** Members by class: a ring with the count and share of each of the six classes. */
export function classRing(data: { name: string; value: number }[], narrow: boolean): EChartsOption {
  return {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    // Phones: all six classes in a wrapping legend under the ring (a paged legend hides four of them).
    legend: {
      ...(narrow ? { bottom: 0, type: 'plain' as const, itemGap: 8 } : { orient: 'vertical' as const, right: 0, top: 'middle' }),
      formatter: (name: string) => `${name}  ${data.find((d) => d.name === name)?.value ?? ''}`,
    },
    series: [{
      type: 'pie', radius: narrow ? ['34%', '56%'] : ['42%', '70%'], center: narrow ? ['50%', '36%'] : ['35%', '50%'],
      label: { show: !narrow, formatter: '{c}' }, data,
    }],
  };
}

/** Organisation coverage as bars of 0..100 % (grids, estates, buildings), counts in the tooltip. */
export function coverageBars(rows: { name: string; with: number; total: number }[]): EChartsOption {
  return {
    tooltip: { trigger: 'axis', formatter: (p: unknown) => {
      const i = (p as { dataIndex: number }[])[0]?.dataIndex ?? 0;
      const r = rows[i]!;
      return `${r.name}: ${r.with} / ${r.total} (${fmtPct(r.total ? r.with / r.total : 0)})`;
    } },
    grid: { left: 8, right: 40, top: 10, bottom: 10, containLabel: true },
    xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v: number) => `${Math.round(v * 100)}%` } },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true },
    series: [{
      type: 'bar', barWidth: 18, itemStyle: { color: PARTY_RED, borderRadius: 3 },
      label: { show: true, position: 'right', formatter: (p: { value: unknown }) => fmtPct(Number(p.value)) },
      data: rows.map((r) => (r.total ? r.with / r.total : 0)),
    }],
  };
}

/** Two rates side by side as gauges (双报到 rate, training coverage). */
export function rateGauges(items: { name: string; value: number }[], narrow = false): EChartsOption {
  return {
    series: items.map((it, i) => ({
      type: 'gauge', center: [`${25 + i * 50}%`, '58%'], radius: narrow ? '68%' : '80%', min: 0, max: 100, splitNumber: 5,
      progress: { show: true, width: 12, itemStyle: { color: i === 0 ? PARTY_RED : '#f5a623' } },
      axisLine: { lineStyle: { width: 12 } }, axisTick: { show: false }, splitLine: { length: 6 },
      axisLabel: { distance: 14, fontSize: 10 }, pointer: { show: false },
      title: { offsetCenter: [0, '72%'], fontSize: 13 },
      detail: { valueAnimation: false, offsetCenter: [0, '10%'], fontSize: 20, formatter: '{value}%' },
      data: [{ value: Math.round(it.value * 1000) / 10, name: it.name }],
    })),
  };
}

/** Recruitment pipeline: one bar per stage, left to right in the order people move through it. */
export function pipelineBars(stages: { name: string; value: number }[], narrow = false): EChartsOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, top: 20, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: stages.map((s) => s.name), axisLabel: { interval: 0, fontSize: 11, rotate: narrow ? 35 : 0, overflow: 'break', width: 70 } },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', barMaxWidth: 36, itemStyle: { color: PARTY_RED, borderRadius: [3, 3, 0, 0] }, label: { show: true, position: 'top' }, data: stages.map((s) => s.value) }],
  };
}
