import { Flex, Grid, Table, Tooltip, Typography, type TableProps } from 'antd';
import { FireFilled } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CaseItem } from '../../api';
import { Countdown, fmtTime, RiskTag, StateTag, useChannelLabel } from '../../shared/labels';
import { useCategoryTreeData } from '../../shared/useCatalogue';

interface Props {
  items?: CaseItem[];
  loading: boolean;
  pagination: TableProps<CaseItem>['pagination'];
  selectable: boolean;
  selected: string[];
  onSelect: (ids: string[]) => void;
}

/** The deadline a row should count down to: the list's choice, else the handling or response deadline. */
const dueOf = (c: CaseItem) => c.nextDueAt ?? c.dueAt ?? c.responseDueAt ?? null;
const DONE = new Set(['closed', 'merged', 'rejected']);

export function CasesTable({ items, loading, pagination, selectable, selected, onSelect }: Props) {
  const { t } = useTranslation('cases');
  const { name } = useCategoryTreeData(false);
  const channel = useChannelLabel();
  const columns: TableProps<CaseItem>['columns'] = [
    {
      title: t('columns.trackingNo'), dataIndex: 'trackingNo', key: 'no', width: 150,
      render: (no: string, c) => <Link to={`/cases/${c.id}`} data-testid="case-link" style={{ fontVariantNumeric: 'tabular-nums' }}>{no}</Link>,
    },
    {
      title: t('columns.title'), dataIndex: 'title', key: 'title',
      render: (title: string, c) => (
        <Typography.Text style={{ maxWidth: 320 }} ellipsis={{ tooltip: title }}>
          {c.urgent && <FireFilled style={{ color: '#cf1322', marginInlineEnd: 4 }} />}
          <Link to={`/cases/${c.id}`} style={{ color: 'inherit' }}>{title}</Link>
        </Typography.Text>
      ),
    },
    {
      title: t('columns.category'), key: 'category',
      render: (_, c) => {
        const code = c.category ?? c.categoryCode ?? null;
        const n = name(code);
        return <Tooltip title={code}>{n !== code ? n : (c.categoryName ?? n)}</Tooltip>;
      },
    },
    { title: t('columns.grid'), dataIndex: 'gridName', key: 'grid', render: (g: string | null | undefined, c) => g ?? (c.holder === 'street' || !c.gridId ? <span style={{ color: '#8c8c8c' }}>{t('triage')}</span> : '—') },
    { title: t('columns.state'), dataIndex: 'state', key: 'state', render: (s: CaseItem['state']) => <StateTag state={s} /> },
    { title: t('columns.risk'), dataIndex: 'riskLevel', key: 'risk', render: (r: string) => <RiskTag risk={r} /> },
    { title: t('columns.channel'), dataIndex: 'channel', key: 'channel', responsive: ['lg'], render: (c: string) => channel(c) },
    {
      title: t('columns.due'), key: 'due',
      render: (_, c) => <Countdown due={dueOf(c)} start={c.createdAt} warn={c.overdue ? 'red' : c.warnLevel} done={DONE.has(c.state)} />,
    },
    { title: t('columns.createdAt'), dataIndex: 'createdAt', key: 'createdAt', responsive: ['xxl'], render: (v: string) => fmtTime(v) },
  ];
  // Phones get one stacked column: the matter, its state and the time left, without sideways scrolling.
  const phone = !Grid.useBreakpoint().md;
  const phoneColumns: TableProps<CaseItem>['columns'] = [{
    title: t('columns.title'), key: 'stacked',
    render: (_, c) => (
      <Flex vertical gap={4}>
        <Link to={`/cases/${c.id}`} data-testid="case-link" style={{ fontWeight: 500 }}>
          {c.urgent && <FireFilled style={{ color: '#cf1322', marginInlineEnd: 4 }} />}{c.title}
        </Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.trackingNo}{c.gridName ? ` · ${c.gridName}` : ''}</Typography.Text>
        <Flex gap={4} wrap>
          <StateTag state={c.state} />
          <RiskTag risk={c.riskLevel} />
          <Countdown due={dueOf(c)} start={c.createdAt} warn={c.overdue ? 'red' : c.warnLevel} done={DONE.has(c.state)} />
        </Flex>
      </Flex>
    ),
  }];
  return (
    <Table<CaseItem>
      className={phone ? undefined : 'gg-hscroll'}
      data-testid="cases-table"
      rowKey="id"
      size="middle"
      columns={phone ? phoneColumns : columns}
      dataSource={items}
      loading={loading}
      pagination={pagination}
      rowSelection={selectable ? { selectedRowKeys: selected, onChange: (keys) => onSelect(keys as string[]), preserveSelectedRowKeys: true } : undefined}
    />
  );
}
