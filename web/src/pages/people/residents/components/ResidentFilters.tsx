import { Button, Flex, Input, Select } from 'antd';
import { IdcardOutlined } from '@ant-design/icons';
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
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  return (
    <Flex gap={8} wrap>
      <Input.Search
        data-testid="residents-search"
        placeholder={t('searchPlaceholder')}
        allowClear
        defaultValue={value.q}
        onSearch={(q) => set({ q: q.trim() || undefined })}
        style={{ width: 260, maxWidth: '100%' }}
        enterButton
      />
      <UnitTreeSelect value={value.unitId} onChange={(unitId) => set({ unitId })} placeholder={t('allUnits')} style={{ width: 220, maxWidth: '100%' }} />
      <Select
        allowClear
        placeholder={t('allCategories')}
        value={value.category}
        onChange={(category?: string) => set({ category })}
        options={PERSON_CATEGORIES.map((c) => ({ value: c, label: pick(PERSON_CATEGORY_LABELS, c) }))}
        style={{ width: 150 }}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('allTags')}
        value={value.tag}
        onChange={(tag?: string) => set({ tag })}
        options={PERSON_TAGS.map((c) => ({ value: c, label: pick(PERSON_TAG_LABELS, c) }))}
        style={{ width: 170 }}
      />
      <Button icon={<IdcardOutlined />} onClick={onIdSearch} data-testid="residents-id-search">{t('idSearch')}</Button>
    </Flex>
  );
}
