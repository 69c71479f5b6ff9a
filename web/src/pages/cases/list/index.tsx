import { useMemo, useState } from 'react';
import { Badge, Button, Card, Flex, Grid, Space, Tabs, Tag } from 'antd';
import { FilterOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/useMe';
import { QueryError } from '../../../components/QueryError';
import { caseKeys, fetchCases, fetchCounts, type CaseFilters as Filters, type CaseItem, type Counts } from '../api';
import { CaseFilters } from './components/CaseFilters';
import { CasesTable } from './components/CasesTable';
import { BulkDispatchModal } from './components/BulkDispatchModal';
import { DispatchBoard } from './components/DispatchBoard';

type View = 'todo' | 'all' | 'board';
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** Pulls a number out of the counts answer, wherever the API put it ({todo}, {views:{todo}}, {byView:{todo}}). */
function countOf(c: Counts | undefined, key: string): number | undefined {
  if (!c) return undefined;
  return num(c[key]) ?? num((c.views as Record<string, number> | undefined)?.[key]) ?? num((c.byView as Record<string, number> | undefined)?.[key]);
}

/** 事项办理: my to-do, all matters in scope, and (centre) the dispatch board; counts on the tabs. */
export default function CasesPage() {
  const { t } = useTranslation('cases');
  const { t: tc } = useTranslation();
  const can = useCan();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = (['todo', 'all', 'board'].includes(params.get('view') ?? '') ? params.get('view') : 'todo') as View;
  const [filters, setFilters] = useState<Omit<Filters, 'view'>>({});
  const [page, setPage] = useState({ current: 1, pageSize: 20 });
  const [selected, setSelected] = useState<string[]>([]);
  const [seen, setSeen] = useState<Map<string, CaseItem>>(new Map());
  const [bulkOpen, setBulkOpen] = useState(false);
  const dispatcher = can('cases.dispatch');
  const phone = !Grid.useBreakpoint().md;
  const [filtersOpen, setFiltersOpen] = useState(false);
  const activeFilters = Object.values(filters).filter((v) => v !== undefined && v !== '').length;

  const query = { view: view === 'board' ? 'all' : view, ...filters, overdue: filters.overdue ? 'true' : undefined, page: page.current, pageSize: page.pageSize };
  const list = useQuery({
    queryKey: caseKeys.list(query),
    queryFn: ({ signal }) => fetchCases(query, signal),
    placeholderData: keepPreviousData,
    enabled: view !== 'board',
    refetchInterval: 60_000,
  });
  const counts = useQuery({ queryKey: caseKeys.counts, queryFn: ({ signal }) => fetchCounts(signal), refetchInterval: 60_000 });

  // Selections survive paging: keep the rows so the bulk modal can list them.
  const rememberRows = (ids: string[]) => {
    setSelected(ids);
    setSeen((prev) => {
      const next = new Map(prev);
      list.data?.items.forEach((c) => next.set(c.id, c));
      return next;
    });
  };
  const selectedCases = useMemo(() => selected.map((id) => seen.get(id) ?? list.data?.items.find((c) => c.id === id)).filter(Boolean) as CaseItem[], [selected, seen, list.data]);

  const badge = (key: string, colour?: string) => {
    const n = countOf(counts.data, key);
    return n == null ? null : <Badge count={n} showZero overflowCount={9999} color={colour} style={{ marginInlineStart: 6 }} />;
  };
  const extraCounts = (['overdue', 'yellow', 'high'] as const)
    .map((k) => ({ k, n: countOf(counts.data, k) }))
    .filter((x) => x.n != null && x.n > 0);

  const items = [
    { key: 'todo', label: <span data-testid="tab-todo">{t('tabs.todo')}{badge('todo', '#cf1322')}</span> },
    { key: 'all', label: <span data-testid="tab-all">{t('tabs.all')}{badge('open', '#8c8c8c')}</span> },
    ...(dispatcher ? [{ key: 'board', label: <span data-testid="tab-board">{t('tabs.board')}</span> }] : []),
  ];

  return (
    <div className="gg-page">
      <Card
        title={t('title')}
        extra={(
          <Space wrap>
            {extraCounts.map(({ k, n }) => (
              <Tag key={k} color={k === 'yellow' ? 'gold' : 'red'} style={{ cursor: 'pointer' }} onClick={() => k === 'overdue' && setFilters((f) => ({ ...f, overdue: true }))}>
                {t(`counts.${k}`)} {n}
              </Tag>
            ))}
            {can('cases.intake') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/cases/new')} data-testid="case-new">{t('newCase')}</Button>}
          </Space>
        )}
      >
        <Tabs
          activeKey={view}
          items={items}
          onChange={(k) => { setParams({ view: k }, { replace: true }); setPage((p) => ({ ...p, current: 1 })); setSelected([]); }}
        />
        {view === 'board' ? <DispatchBoard /> : (
          <Flex vertical gap={12}>
            {phone && (
              <Button icon={<FilterOutlined />} onClick={() => setFiltersOpen((o) => !o)} data-testid="cases-filters-toggle">
                {t('filters.toggle')}{activeFilters ? ` (${activeFilters})` : ''}
              </Button>
            )}
            {(!phone || filtersOpen) && <CaseFilters value={{ view, ...filters }} onChange={({ view: _v, ...f }) => { setFilters(f); setPage((p) => ({ ...p, current: 1 })); }} />}
            {dispatcher && (
              <Flex gap={8} align="center">
                <Button
                  icon={<SendOutlined />}
                  disabled={selected.length === 0}
                  onClick={() => setBulkOpen(true)}
                  data-testid="bulk-dispatch"
                >
                  {t('bulk.button')}
                </Button>
                {selected.length > 0 && <span style={{ color: '#595959' }}>{t('bulk.selected', { count: selected.length })}</span>}
              </Flex>
            )}
            {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
            <CasesTable
              items={list.data?.items}
              loading={list.isFetching}
              selectable={dispatcher}
              selected={selected}
              onSelect={rememberRows}
              pagination={{
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
        )}
      </Card>
      <BulkDispatchModal
        cases={selectedCases}
        open={bulkOpen}
        onClose={() => setBulkOpen(false)}
        onDone={() => { setBulkOpen(false); setSelected([]); }}
      />
    </div>
  );
}
