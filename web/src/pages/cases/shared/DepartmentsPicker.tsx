import { Flex, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { caseKeys, fetchDepartments, type Department } from '../api';

export interface DeptChoice {
  lead?: string;
  assist: string[];
}

/** The body shape the workflow takes for a dispatch: one lead, any assisting departments. */
export const toDispatchDepartments = (v: DeptChoice, instructions?: string) => [
  ...(v.lead ? [{ departmentId: v.lead, role: 'lead' as const, instructions }] : []),
  ...v.assist.filter((id) => id !== v.lead).map((id) => ({ departmentId: id, role: 'assist' as const, instructions })),
];

export function useDepartments() {
  return useQuery({ queryKey: caseKeys.departments, queryFn: ({ signal }) => fetchDepartments(signal), staleTime: 10 * 60_000 });
}

export function useDeptName() {
  const { i18n } = useTranslation();
  return (d: Pick<Department, 'nameZh' | 'nameEn'>) => (i18n.language === 'en-US' ? d.nameEn || d.nameZh : d.nameZh);
}

/** One lead (required) + assisting departments, from GET /api/departments (the user's district's). */
export function DepartmentsPicker({ value, onChange }: { value?: DeptChoice; onChange?: (v: DeptChoice) => void }) {
  const { t } = useTranslation('cases');
  const deps = useDepartments();
  const name = useDeptName();
  const v = value ?? { assist: [] };
  const options = (deps.data ?? []).map((d) => ({ value: d.id, label: `${name(d)} · ${d.unitName}` }));
  return (
    <Flex vertical gap={8}>
      <Select
        data-testid="dispatch-lead-select"
        placeholder={t('fields.lead')}
        showSearch={{ optionFilterProp: 'label' }}
        loading={deps.isPending}
        options={options}
        value={v.lead}
        onChange={(lead: string) => onChange?.({ lead, assist: v.assist.filter((a) => a !== lead) })}
        allowClear
      />
      <Select
        data-testid="dispatch-assist-select"
        mode="multiple"
        placeholder={t('fields.assist')}
        showSearch={{ optionFilterProp: 'label' }}
        options={options.filter((o) => o.value !== v.lead)}
        value={v.assist}
        onChange={(assist: string[]) => onChange?.({ ...v, assist })}
      />
    </Flex>
  );
}
