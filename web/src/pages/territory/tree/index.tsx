import { useState } from 'react';
import { Button, Card, Empty, Flex, Grid, Input, Spin, Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { QueryError } from '../../../components/QueryError';
import type { UnitItem } from '../types';
import { fetchRoots, unitKeys } from './api';
import { LazyUnitTree } from './components/LazyUnitTree';
import { SearchResults } from './components/SearchResults';

/** 区域与网格: the territory as a lazily loaded tree, with a name/code search. */
export default function TerritoryPage() {
  const { t } = useTranslation('territory');
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [q, setQ] = useState('');
  const roots = useQuery({ queryKey: unitKeys.roots, queryFn: ({ signal }) => fetchRoots(signal) });
  const open = (u: UnitItem) => navigate(`/units/${u.id}`);
  const query = q.trim();

  return (
    <div className="gg-page">
      <Card
        title={t('tree.title')}
        extra={<Button icon={<EnvironmentOutlined />} onClick={() => navigate('/map')}>{t('tree.openMap')}</Button>}
      >
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t('tree.hint')}</Typography.Text>
          <Input.Search
            allowClear
            placeholder={t('tree.searchPlaceholder')}
            onSearch={(v) => setQ(v)}
            onChange={(e) => { if (!e.target.value) setQ(''); }}
            data-testid="territory-search"
            style={{ maxWidth: 480 }}
          />
          {query ? (
            <SearchResults q={query} onOpen={open} />
          ) : roots.isPending ? (
            <Spin />
          ) : roots.isError ? (
            <QueryError error={roots.error} onRetry={() => void roots.refetch()} />
          ) : roots.data.length === 0 ? (
            <Empty description={t('tree.empty')} />
          ) : (
            <LazyUnitTree roots={roots.data} onOpen={open} showCode={Boolean(screens.sm)} />
          )}
        </Flex>
      </Card>
    </div>
  );
}
