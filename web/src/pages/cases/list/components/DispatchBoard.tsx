import { Badge, Card, Empty, Flex, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CASE_STATES } from '@gridgov/common';
import { QueryError } from '../../../../components/QueryError';
import { caseKeys, fetchBoard, type BoardColumn, type CaseItem } from '../../api';
import { Countdown, RiskTag, useStateLabel } from '../../shared/labels';

/** The board answers either {columns:[{key,total,items}]} or {<key>: items | {total, items}}: accept both. */
function toColumns(data: Record<string, unknown> | undefined): BoardColumn[] {
  if (!data) return [];
  if (Array.isArray(data.columns)) return data.columns as BoardColumn[];
  if (data.columns && typeof data.columns === 'object') {
    return Object.entries(data.columns as Record<string, Omit<BoardColumn, 'key'>>).map(([key, v]) => ({ key, ...v, total: v.total ?? v.count }));
  }
  return Object.entries(data)
    .filter(([, v]) => Array.isArray(v) || (v && typeof v === 'object' && Array.isArray((v as BoardColumn).items)))
    .map(([key, v]) => (Array.isArray(v) ? { key, items: v as CaseItem[] } : { key, ...(v as Omit<BoardColumn, 'key'>) }));
}

/** 综治中心调度看板: one column per stage of the centre's work, most urgent first within a column. */
export function DispatchBoard() {
  const { t } = useTranslation('cases');
  const stateLabel = useStateLabel();
  const board = useQuery({ queryKey: caseKeys.board, queryFn: ({ signal }) => fetchBoard(signal), refetchInterval: 60_000 });
  if (board.isPending) return <Spin style={{ display: 'block', margin: 40 }} />;
  if (board.isError) return <QueryError error={board.error} onRetry={() => void board.refetch()} />;
  const columns = toColumns(board.data as Record<string, unknown>);
  const label = (c: BoardColumn & { label?: string; labelEn?: string }) =>
    (CASE_STATES as readonly string[]).includes(c.key) ? stateLabel(c.key) : t(`board.columns.${c.key}` as 'board.empty', { defaultValue: c.key });
  return (
    <div style={{ overflowX: 'auto' }} data-testid="dispatch-board">
      <Flex gap={12} style={{ minWidth: 'max-content', alignItems: 'flex-start' }}>
        {columns.map((col) => (
          <Card
            key={col.key}
            size="small"
            data-testid={`board-column-${col.key}`}
            title={<Flex gap={6} align="center">{label(col)}<Badge count={col.capped ? (col.total ?? 0) + 1 : col.total ?? col.items.length} showZero color="#8c8c8c" overflowCount={col.capped ? col.total ?? 9999 : 9999} /></Flex>}
            style={{ width: 280, background: '#fafafa' }}
            styles={{ body: { padding: 8, maxHeight: 560, overflowY: 'auto' } }}
          >
            {col.items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.empty')} /> : (
              <Flex vertical gap={6}>
                {col.items.map((c) => (
                  <Card key={c.id} size="small" hoverable styles={{ body: { padding: 8 } }}>
                    <Link to={`/cases/${c.id}`} style={{ color: 'inherit' }}>
                      <Typography.Text strong ellipsis style={{ display: 'block' }}>{c.title}</Typography.Text>
                      <Flex justify="space-between" align="center" gap={4} style={{ marginTop: 4 }}>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.trackingNo}{c.gridName ? ` · ${c.gridName}` : ''}</Typography.Text>
                        <RiskTag risk={c.riskLevel} />
                      </Flex>
                      {c.dispatches && c.dispatches.length > 0 && (
                        <Typography.Text style={{ fontSize: 12, display: 'block', marginTop: 2 }} ellipsis>
                          {c.dispatches.map((d) => `${d.department}${d.role === 'lead' ? '★' : ''}`).join('、')}
                        </Typography.Text>
                      )}
                      <div style={{ marginTop: 4 }}><Countdown due={c.nextDueAt ?? c.dueAt ?? c.responseDueAt} start={c.createdAt} warn={c.overdue ? 'red' : c.warnLevel} /></div>
                    </Link>
                  </Card>
                ))}
                {col.total != null && col.total > col.items.length && (
                  <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>{t('board.more', { count: col.total - col.items.length })}{col.capped ? '+' : ''}</Typography.Text>
                )}
              </Flex>
            )}
          </Card>
        ))}
      </Flex>
    </div>
  );
}
