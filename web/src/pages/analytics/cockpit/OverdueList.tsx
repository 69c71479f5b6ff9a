import { Table, Tag, Tooltip } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Cockpit } from '@gridgov/common';
import { useStateLabel } from '../../cases/shared/labels';
import { Panel } from './Panel';

type Item = Cockpit['overdue']['items'][number];

/** The most overdue open matters, each a link to its page; the total counts them all. */
export function OverdueList({ overdue }: { overdue: Cockpit['overdue'] }) {
  const { t } = useTranslation('analytics');
  const stateLabel = useStateLabel();
  return (
    <Panel title={t('cockpit.overdue')} extra={<Tag color="red" data-testid="cockpit-overdue-total">{t('cockpit.overdueTotal', { count: overdue.total })}</Tag>} testId="cockpit-overdue">
      <Table<Item>
        size="small" rowKey="id" pagination={false} scroll={{ y: 220 }} dataSource={overdue.items}
        locale={{ emptyText: t('cockpit.noOverdue') }}
        columns={[
          { title: t('col.trackingNo'), dataIndex: 'trackingNo', width: 122, render: (v: string, r) => <Link to={`/cases/${r.id}`}>{v}</Link> },
          // The state is in the tooltip: the wall screen's right column is narrow on a 1440 screen.
          { title: t('col.title'), dataIndex: 'title', ellipsis: { showTitle: false }, render: (v: string, r) => <Tooltip title={`${v} · ${stateLabel(r.state)}`}>{v}</Tooltip> },
          { title: t('col.overdueBy'), dataIndex: 'overdueHours', width: 80, align: 'right', render: (h: number) => <span style={{ color: '#ff7875' }}>{h >= 48 ? t('days', { count: Math.floor(h / 24) }) : t('hours', { count: h })}</span> },
        ]}
      />
    </Panel>
  );
}
