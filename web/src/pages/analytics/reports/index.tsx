import { Flex, Grid, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect';
import { useAnalyticsScope } from '../components/useAnalyticsScope';
import { ExportsTab } from './ExportsTab';
import { RatingsTab } from './RatingsTab';
import { ReportTab } from './ReportTab';

const TABS = ['monthly', 'quarterly', 'annual', 'ratings', 'exports'] as const;
type Tab = (typeof TABS)[number];

/** 考核与报表: 月调度 · 季通报 · 年考核 from data already in the system (nothing typed again), ratings and exports. */
export default function ReportsPage() {
  const { t } = useTranslation('analytics');
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const { unitId, setUnitId } = useAnalyticsScope();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'monthly';
  const setTab = (k: string) => setParams((prev) => {
    const next = new URLSearchParams(prev);
    next.set('tab', k);
    return next;
  });

  return (
    <Flex vertical gap={12} className="gg-page" data-testid="reports-page">
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('reports.title')}</Typography.Title>
        <UnitTreeSelect value={unitId} onChange={(v) => setUnitId(v)} allowClear={false} style={{ width: screens.sm ? 280 : '100%' }} data-testid="reports-unit-select" />
      </Flex>
      {unitId && (
        <Tabs
          activeKey={tab} onChange={setTab} destroyOnHidden
          items={TABS.map((k) => ({
            key: k,
            label: <span data-testid={`reports-tab-${k}`}>{t(`reports.tab.${k}`)}</span>,
            children: k === 'ratings' ? <RatingsTab unitId={unitId} />
              : k === 'exports' ? <ExportsTab unitId={unitId} />
                : <ReportTab key={`${k}-${unitId}`} kind={k} unitId={unitId} />,
          }))}
        />
      )}
    </Flex>
  );
}
