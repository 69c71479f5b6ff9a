import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SitrepField } from '@gridgov/common';
import type { ReportField } from '../api';
import { usePair } from '../labels';

/** The fields a grid must report back on a directive (required ones marked). */
export function ReportFieldTags({ fields }: { fields: ReportField[] }) {
  const pair = usePair();
  if (fields.length === 0) return null;
  return (
    <Space size={[4, 4]} wrap style={{ marginTop: 4 }}>
      {fields.map((f) => <Tag key={f.key} color={f.required ? 'blue' : undefined}>{pair(f)}{f.required ? ' *' : ''}</Tag>)}
    </Space>
  );
}

/** Situation-report fields with their unit and how they roll up (sum, max, latest). */
export function SitrepFieldTags({ fields }: { fields: SitrepField[] }) {
  const { t } = useTranslation('emergency');
  const pair = usePair();
  return (
    <Space size={[4, 4]} wrap>
      {fields.map((f) => (
        <Tag key={f.key} color="geekblue">{pair(f)}{f.unit ? ` (${f.unit})` : ''} · {t(`aggregate.${f.aggregate}`)}</Tag>
      ))}
    </Space>
  );
}
