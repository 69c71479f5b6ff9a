import { Checkbox, DatePicker, Flex, Input, Select, TreeSelect } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CASE_STATES, CHANNELS, RISK_LEVELS } from '@gridgov/common';
import { UnitTreeSelect } from '../../../../components/UnitTreeSelect';
import type { CaseFilters as Filters } from '../../api';
import { useChannelLabel, useStateLabel } from '../../shared/labels';
import { useCategoryTreeData } from '../../shared/useCatalogue';

/** Worklist filters: category tree, area, state, overdue, channel, risk, date range, free text. */
export function CaseFilters({ value, onChange }: { value: Filters; onChange: (f: Filters) => void }) {
  const { t } = useTranslation('cases');
  const { treeData } = useCategoryTreeData(false);
  const stateLabel = useStateLabel();
  const channelLabel = useChannelLabel();
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  return (
    <Flex wrap gap={8} className="gg-filters" data-testid="cases-filters">
      <Input.Search
        allowClear
        placeholder={t('filters.search')}
        defaultValue={value.q}
        onSearch={(q) => set({ q: q || undefined })}
        style={{ width: 220 }}
        data-testid="cases-search"
      />
      <TreeSelect
        allowClear
        showSearch
        treeNodeFilterProp="title"
        placeholder={t('filters.category')}
        treeData={treeData}
        value={value.category}
        onChange={(category?: string) => set({ category })}
        style={{ width: 200 }}
        popupMatchSelectWidth={280}
      />
      <UnitTreeSelect placeholder={t('filters.unit')} value={value.unitId} onChange={(unitId) => set({ unitId })} style={{ width: 200 }} />
      <Select
        allowClear
        placeholder={t('filters.state')}
        value={value.state}
        onChange={(state?: string) => set({ state })}
        options={CASE_STATES.map((s) => ({ value: s, label: stateLabel(s) }))}
        style={{ width: 160 }}
      />
      <Select
        allowClear
        placeholder={t('filters.channel')}
        value={value.channel}
        onChange={(channel?: string) => set({ channel })}
        options={CHANNELS.map((c) => ({ value: c, label: channelLabel(c) }))}
        style={{ width: 140 }}
      />
      <Select
        allowClear
        placeholder={t('filters.risk')}
        value={value.risk}
        onChange={(risk?: string) => set({ risk })}
        options={RISK_LEVELS.map((r) => ({ value: r, label: t(`riskLong.${r}`) }))}
        style={{ width: 120 }}
      />
      <DatePicker.RangePicker
        placeholder={[t('filters.dateFrom'), t('filters.dateTo')]}
        value={[value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null]}
        onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD') ?? undefined, to: r?.[1]?.format('YYYY-MM-DD') ?? undefined })}
        style={{ width: 250 }}
      />
      <Checkbox checked={Boolean(value.overdue)} onChange={(e) => set({ overdue: e.target.checked || undefined })} style={{ alignSelf: 'center' }} data-testid="cases-overdue">
        {t('filters.overdue')}
      </Checkbox>
    </Flex>
  );
}
