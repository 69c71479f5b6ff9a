import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { EChartsOption } from 'echarts';
import type { Cockpit } from '@gridgov/common';
import { useChannelLabel, useStateLabel } from '../../cases/shared/labels';
import { Chart } from '../components/Chart';
import { Panel } from './Panel';

const AXIS = { axisLabel: { color: 'rgba(255,255,255,0.75)' }, axisLine: { lineStyle: { color: 'rgba(255,255,255,0.25)' } }, splitLine: { lineStyle: { color: 'rgba(255,255,255,0.08)' } } };

function bars(rows: { name: string; value: number }[], color: string): EChartsOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 4, right: 36, top: 4, bottom: 4, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, ...AXIS },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true, ...AXIS, axisLabel: { ...AXIS.axisLabel, interval: 0, fontSize: rows.length > 9 ? 10 : 12, width: 140, overflow: 'truncate' } },
    series: [{ type: 'bar', barMaxWidth: 14, itemStyle: { color, borderRadius: 2 }, label: { show: true, position: 'right', color: '#fff' }, data: rows.map((r) => r.value) }],
  };
}

/** This month's matters by current state, by channel and by category (top 8). */
export function CountCharts({ counts, narrow }: { counts: Cockpit['counts']; narrow: boolean }) {
  const { t, i18n } = useTranslation('analytics');
  const stateLabel = useStateLabel();
  const channelLabel = useChannelLabel();
  const en = i18n.language === 'en-US';

  const byState = useMemo(() => bars(counts.byState.filter((r) => r.count > 0).map((r) => ({ name: stateLabel(r.key), value: r.count })), '#3ba2ff'), [counts.byState, stateLabel]);
  const byCategory = useMemo(() => bars(
    [...counts.byCategory].sort((a, b) => b.count - a.count).slice(0, 8).map((r) => ({ name: en ? r.nameEn : r.nameZh, value: r.count })),
    '#f5a623',
  ), [counts.byCategory, en]);
  const byChannel = useMemo<EChartsOption>(() => ({
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { orient: 'vertical', right: 0, top: 'middle', textStyle: { color: 'rgba(255,255,255,0.8)' } },
    series: [{
      type: 'pie', radius: ['40%', '68%'], center: ['35%', '50%'], label: { show: false },
      data: counts.byChannel.filter((r) => r.count > 0).map((r) => ({ name: channelLabel(r.key), value: r.count })),
    }],
  }), [counts.byChannel, channelLabel]);

  const h = narrow ? 220 : 170;
  return (
    <>
      <Panel title={t('cockpit.byState')} testId="cockpit-by-state"><Chart option={byState} dark height={h} empty={!counts.byState.some((r) => r.count > 0)} /></Panel>
      <Panel title={t('cockpit.byChannel')} testId="cockpit-by-channel"><Chart option={byChannel} dark height={h} empty={!counts.byChannel.some((r) => r.count > 0)} /></Panel>
      <Panel title={t('cockpit.byCategory')} testId="cockpit-by-category"><Chart option={byCategory} dark height={h} empty={counts.byCategory.length === 0} /></Panel>
    </>
  );
}
