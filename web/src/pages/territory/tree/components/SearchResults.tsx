import { List, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../../../components/QueryError';
import type { UnitItem } from '../../types';
import { searchUnits, unitKeys } from '../api';
import { UnitTitle } from './UnitTitle';

/** Flat results for a name/code search; each row shows its kind so 同名 units can be told apart. */
export function SearchResults({ q, onOpen }: { q: string; onOpen: (u: UnitItem) => void }) {
  const { t } = useTranslation('territory');
  const res = useQuery({ queryKey: unitKeys.search(q), queryFn: ({ signal }) => searchUnits(q, signal) });
  if (res.isError) return <QueryError error={res.error} onRetry={() => void res.refetch()} />;
  return (
    <List<UnitItem>
      data-testid="territory-search-results"
      loading={res.isPending}
      dataSource={res.data ?? []}
      locale={{ emptyText: t('tree.noMatch') }}
      header={res.data ? <Typography.Text type="secondary">{t('tree.matches', { count: res.data.length })}</Typography.Text> : undefined}
      renderItem={(u) => (
        <List.Item style={{ cursor: 'pointer' }} onClick={() => onOpen(u)}>
          <UnitTitle unit={u} />
        </List.Item>
      )}
    />
  );
}
