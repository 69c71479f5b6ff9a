import { Flex, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MonthlySheet as Sheet } from '@gridgov/common';
import { useUnitName } from '../../../lib/labels';
import { useStateLabel } from '../../cases/shared/labels';
import { IndicatorSummary } from './IndicatorSummary';

type Row = Sheet['rows'][number];
type Item = Row['items'][number];

/** 月调度: open items per unit and owner, oldest first in each row; the indicators of the month on top. */
export function MonthlySheetView({ sheet }: { sheet: Sheet }) {
  const { t, i18n } = useTranslation('analytics');
  const stateLabel = useStateLabel();
  const unitName = useUnitName();
  return (
    <Flex vertical gap={16} data-testid="report-monthly">
      <Typography.Title level={5} style={{ margin: 0 }} data-testid="report-title">{i18n.language === 'en-US' ? sheet.titleEn : sheet.title}</Typography.Title>
      <IndicatorSummary values={sheet.indicators} />
      <Flex gap={8} wrap>
        <Tag>{t('reports.open')} {sheet.totals.open}</Tag>
        <Tag color="orange">{t('reports.overdue')} {sheet.totals.overdue}</Tag>
        <Tag color="red">{t('reports.red')} {sheet.totals.red}</Tag>
      </Flex>
      <Table<Row>
        size="small" rowKey={(r) => `${r.unitId}:${r.ownerKind}:${r.ownerId}`} dataSource={sheet.rows} pagination={false} scroll={{ x: 720 }}
        locale={{ emptyText: t('reports.noOpen') }}
        expandable={{
          rowExpandable: (r) => r.items.length > 0,
          expandedRowRender: (r) => (
            <Table<Item>
              size="small" rowKey="caseId" dataSource={r.items} pagination={false}
              columns={[
                { title: t('col.trackingNo'), dataIndex: 'trackingNo', width: 160, render: (v: string, i) => <Link to={`/cases/${i.caseId}`}>{v}</Link> },
                { title: t('col.title'), dataIndex: 'title', ellipsis: true },
                { title: t('col.state'), dataIndex: 'state', width: 100, render: (v: string) => stateLabel(v) },
                { title: t('col.dueAt'), dataIndex: 'dueAt', width: 120, render: (v: string | null, i) => <span style={i.overdue ? { color: '#cf1322' } : undefined}>{v ? v.slice(0, 10) : '—'}</span> },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('col.unit'), dataIndex: 'unitName', render: (_: string, r) => unitName({ name: r.unitName, nameEn: r.unitNameEn }) },
          { title: t('reports.owner'), dataIndex: 'ownerName', render: (_: string, r) => <>{unitName({ name: r.ownerName, nameEn: r.ownerNameEn })} {r.ownerKind === 'department' && <Tag>{t('reports.department')}</Tag>}</> },
          { title: t('reports.open'), dataIndex: 'open', width: 80, align: 'right' },
          { title: t('reports.overdue'), dataIndex: 'overdue', width: 80, align: 'right' },
          { title: t('reports.red'), dataIndex: 'red', width: 80, align: 'right' },
          { title: t('reports.oldestDays'), dataIndex: 'oldestDays', width: 100, align: 'right' },
        ]}
      />
    </Flex>
  );
}
