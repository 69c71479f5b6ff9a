import { useState } from 'react';
import { Button, Flex, Grid, Input, Select, Space } from 'antd';
import { IdcardOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PERSON_CATEGORIES, PERSON_CATEGORY_LABELS, PERSON_TAGS, PERSON_TAG_LABELS } from '@gridgov/common';
import { UnitTreeSelect } from '../../../../components/UnitTreeSelect';
import { usePick } from '../../../../lib/commonLabels';

export interface Filters {
  unitId?: string;
  q?: string;
  category?: string;
  tag?: string;
}

interface Props {
  value: Filters;
  onChange: (f: Filters) => void;
  onIdSearch: () => void;
}

export function ResidentFilters({ value, onChange, onIdSearch }: Props) {
  const { t } = useTranslation('residents');
  const pick = usePick();
  const [text, setText] = useState(value.q ?? '');
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  // On a phone: search and area full width, the two selects side by side.
  const phone = !Grid.useBreakpoint().sm;
  const full = phone ? { width: '100%' } : undefined;
  const half = phone ? { width: 'calc(50% - 4px)' } : undefined;
  return (
    <Flex gap={8} wrap>
      <Space.Compact style={full ?? { width: 260 }}>
        {/* The test id sits on the <input> itself: journeys type into it directly. */}
        <Input
          data-testid="residents-search"
          placeholder={t('searchPlaceholder')}
          allowClear
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (!e.target.value && value.q) set({ q: undefined });
          }}
          onPressEnter={() => set({ q: text.trim() || undefined })}
        />
        <Button type="primary" icon={<SearchOutlined />} aria-label={t('searchPlaceholder')} onClick={() => set({ q: text.trim() || undefined })} />
      </Space.Compact>
      <UnitTreeSelect value={value.unitId} onChange={(unitId) => set({ unitId })} placeholder={t('allUnits')} style={full ?? { width: 220 }} />
      <Select
        allowClear
        placeholder={t('allCategories')}
        value={value.category}
        onChange={(category?: string) => set({ category })}
        options={PERSON_CATEGORIES.map((c) => ({ value: c, label: pick(PERSON_CATEGORY_LABELS, c) }))}
        style={half ?? { width: 150 }}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('allTags')}
        value={value.tag}
        onChange={(tag?: string) => set({ tag })}
        options={PERSON_TAGS.map((c) => ({ value: c, label: pick(PERSON_TAG_LABELS, c) }))}
        style={half ?? { width: 170 }}
      />
      <Button icon={<IdcardOutlined />} onClick={onIdSearch} data-testid="residents-id-search" block={phone}>{t('idSearch')}</Button>
    </Flex>
  );
}
