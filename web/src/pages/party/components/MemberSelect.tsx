import { useState, type CSSProperties } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { fetchMembers, partyKeys } from '../api';

interface Props {
  unitId?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}

/** Pick a party member by name (searched on the server; numbers are never typed here). */
export function MemberSelect({ unitId, value, onChange, placeholder, style, ...rest }: Props) {
  const [q, setQ] = useState('');
  const query = { unitId, q: q || undefined, limit: 30, offset: 0 };
  const list = useQuery({ queryKey: partyKeys.members(query), queryFn: ({ signal }) => fetchMembers(query, signal), placeholderData: keepPreviousData });
  return (
    <Select
      {...rest}
      showSearch={{ filterOption: false, onSearch: (s) => setQ(s.replace(/\d/g, '').trim()) }}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear
      placeholder={placeholder}
      loading={list.isFetching}
      options={(list.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.name} · ${m.orgName}` }))}
      style={{ minWidth: 200, ...style }}
      popupMatchSelectWidth={false}
    />
  );
}
