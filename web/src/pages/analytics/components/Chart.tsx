import { useEffect, useRef } from 'react';
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export const PALETTE = ['#3ba2ff', '#f5a623', '#52c41a', '#ff4d4f', '#9254de', '#13c2c2', '#eb2f96', '#8c8c8c'];

/**
 * An ECharts chart bound to a div: follows its container (wall screen, phone) and redraws when the option changes.
 * `empty`: nothing to draw (no matters yet in the scope or period): a plain "no data" instead of bare axes.
 */
export function Chart({ option, height = 240, dark = false, testId, empty = false }: { option: EChartsOption; height?: number | string; dark?: boolean; testId?: string; empty?: boolean }) {
  const { t } = useTranslation('analytics');
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    const c = echarts.init(ref.current, dark ? 'dark' : undefined, { renderer: 'canvas' });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [dark, empty]);

  useEffect(() => {
    chart.current?.setOption({ color: PALETTE, animation: false, backgroundColor: 'transparent', ...option }, { notMerge: true });
  }, [option, dark, empty]);

  if (empty) {
    return (
      <div data-testid={testId} data-empty="true" style={{ height, width: '100%', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<span style={dark ? { color: 'rgba(255,255,255,0.55)' } : undefined}>{t('empty')}</span>} />
      </div>
    );
  }
  return <div ref={ref} data-testid={testId} style={{ height, width: '100%' }} />;
}
