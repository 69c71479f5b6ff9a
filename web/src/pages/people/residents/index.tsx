import { useState } from 'react';
import { Alert, Button, Card, Flex, Space } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/useMe';
import { QueryError } from '../../../components/QueryError';
import { useErrorText } from '../../../lib/errors';
import { exportUrl, fetchPersons, residentKeys, searchByIdOrPhone } from './api';
import { ResidentFilters, type Filters } from './components/ResidentFilters';
import { ResidentsTable } from './components/ResidentsTable';
import { IdPhoneSearch, type IdPhoneQuery } from './components/IdPhoneSearch';
import { PersonDrawer } from './components/PersonDrawer';
import { ImportModal } from './components/ImportModal';

/** 实有人口: search by name/address (GET) or by ID/phone (POST), masked table, detail drawer, Excel in/out. */
export default function ResidentsPage() {
  const { t } = useTranslation('residents');
  const { t: tc } = useTranslation();
  const can = useCan();
  const errorText = useErrorText();
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [openId, setOpenId] = useState<string | null>(null);
  const [idSearchOpen, setIdSearchOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);

  const query = { ...filters, limit: page.pageSize, offset: (page.current - 1) * page.pageSize };
  const list = useQuery({ queryKey: residentKeys.list(query), queryFn: ({ signal }) => fetchPersons(query, signal), placeholderData: keepPreviousData });
  // Results of an ID/phone search live only in memory: the numbers never reach the URL or the query cache key.
  const idSearch = useMutation({ mutationFn: (q: IdPhoneQuery) => searchByIdOrPhone({ ...q, limit: 100 }), gcTime: 0 });
  const showingIdResults = idSearch.isSuccess || idSearch.isPending || idSearch.isError;

  return (
    <div className="gg-page">
      <Card
        title={t('title')}
        extra={(
          <Space wrap>
            {can('residents.write') && <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="residents-import">{t('import')}</Button>}
            <Button icon={<DownloadOutlined />} href={exportUrl(filters.unitId)}>{t('export')}</Button>
          </Space>
        )}
      >
        <Flex vertical gap={12}>
          <ResidentFilters
            value={filters}
            onChange={(f) => { idSearch.reset(); setFilters(f); setPage((p) => ({ ...p, current: 1 })); }}
            onIdSearch={() => setIdSearchOpen(true)}
          />
          {showingIdResults && (
            <Alert
              type="info"
              showIcon
              title={t('idResults')}
              action={<Button size="small" onClick={() => idSearch.reset()}>{t('clearIdSearch')}</Button>}
            />
          )}
          {idSearch.isError && <Alert type="error" showIcon title={errorText(idSearch.error)} />}
          {!showingIdResults && list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
          <ResidentsTable
            items={showingIdResults ? idSearch.data?.items : list.data?.items}
            loading={showingIdResults ? idSearch.isPending : list.isFetching}
            onOpen={setOpenId}
            pagination={showingIdResults ? false : {
              current: page.current,
              pageSize: page.pageSize,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: [20, 50, 100],
              showTotal: (n) => tc('state.total', { count: n }),
              onChange: (current, pageSize) => setPage({ current: pageSize === page.pageSize ? current : 1, pageSize }),
            }}
          />
        </Flex>
      </Card>
      <IdPhoneSearch open={idSearchOpen} onClose={() => setIdSearchOpen(false)} onSearch={(q) => { setIdSearchOpen(false); idSearch.mutate(q); }} />
      <PersonDrawer personId={openId} onClose={() => setOpenId(null)} />
      <ImportModal open={importOpen} onClose={() => setImportOpen(false)} />
    </div>
  );
}
