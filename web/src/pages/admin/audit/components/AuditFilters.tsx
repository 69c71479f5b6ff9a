import { useState } from 'react';
import { AutoComplete, DatePicker, Flex, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { UnitTreeSelect } from '../../../../components/UnitTreeSelect';
import type { AuditQuery } from '../api';

export type AuditFilterValues = Omit<AuditQuery, 'limit' | 'offset'>;

interface Props {
  value: AuditFilterValues;
  onChange: (v: AuditFilterValues) => void;
  actionLabels: Record<string, string>;
  entityLabels: Record<string, string>;
}

/**
 * Day boundaries are China time (DOMAIN: dates in Asia/Shanghai): a range of days becomes
 * [start 00:00 +08:00, day after end 00:00 +08:00).
 */
const dayStart = (d: Dayjs) => `${d.format('YYYY-MM-DD')}T00:00:00+08:00`;

/** Free text with suggestions; the filter applies on pick, Enter or leaving the field, not on every keystroke. */
function SuggestInput({ value, onCommit, options, placeholder, width }: {
  value?: string; onCommit: (v?: string) => void; options: Record<string, string>; placeholder: string; width: number;
}) {
  const [text, setText] = useState(value ?? '');
  const commit = (v: string) => onCommit(v.trim() || undefined);
  return (
    <AutoComplete
      allowClear
      placeholder={placeholder}
      defaultActiveFirstOption={false}
      value={text}
      onChange={(v?: string) => { setText(v ?? ''); if (!v) commit(''); }}
      onSelect={(v?: string) => { setText(v ?? ''); commit(v ?? ''); }}
      onBlur={() => commit(text)}
      onInputKeyDown={(e) => { if (e.key === 'Enter') commit(text); }}
      options={Object.entries(options).map(([code, label]) => ({ value: code, label: `${label} · ${code}` }))}
      filterOption={(input, o) => String(o?.label ?? '').toLowerCase().includes(input.toLowerCase())}
      style={{ width }}
      popupMatchSelectWidth={280}
    />
  );
}

export function AuditFilters({ value, onChange, actionLabels, entityLabels }: Props) {
  const { t } = useTranslation('audit');
  const set = (patch: Partial<AuditFilterValues>) => onChange({ ...value, ...patch });
  const range: [Dayjs, Dayjs] | null = value.from && value.to ? [dayjs(value.from.slice(0, 10)), dayjs(value.to.slice(0, 10)).subtract(1, 'day')] : null;
  return (
    <Flex gap={8} wrap className="gg-filters">
      <UnitTreeSelect value={value.unitId} onChange={(unitId) => set({ unitId })} placeholder={t('filters.allUnits')} style={{ width: 180, maxWidth: '100%' }} />
      <Input.Search allowClear placeholder={t('filters.actor')} defaultValue={value.actor} onSearch={(v) => set({ actor: v.trim() || undefined })} style={{ width: 170 }} />
      <SuggestInput value={value.action} onCommit={(action) => set({ action })} options={actionLabels} placeholder={t('filters.action')} width={180} />
      <SuggestInput value={value.entityType} onCommit={(entityType) => set({ entityType })} options={entityLabels} placeholder={t('filters.entityType')} width={140} />
      <Input.Search allowClear placeholder={t('filters.entityId')} onSearch={(v) => set({ entityId: v.trim() || undefined })} style={{ width: 140 }} />
      <DatePicker.RangePicker
        value={range}
        placeholder={[t('filters.from'), t('filters.to')]}
        onChange={(r) => set(r && r[0] && r[1] ? { from: dayStart(r[0]), to: dayStart(r[1].add(1, 'day')) } : { from: undefined, to: undefined })}
        style={{ width: 240, maxWidth: '100%' }}
      />
    </Flex>
  );
}
