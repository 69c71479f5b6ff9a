import { Empty, Flex, Spin, Tag, Timeline, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import dayjs from 'dayjs';
import { QueryError } from '../../../../components/QueryError';
import { fetchLayouts, unitKeys, type LayoutItem } from '../api';

type GridRef = { id: string; code: string; name: string };

const refs = (v: unknown): GridRef[] =>
  Array.isArray(v) ? v.filter((g): g is GridRef => typeof g === 'object' && g !== null && 'id' in g && 'name' in g) : [];

/** Redraw history of the community: when each layout took effect, old → new grids, what moved. */
export function HistoryTab({ unitId }: { unitId: string }) {
  const { t } = useTranslation('territory');
  const q = useQuery({ queryKey: unitKeys.tab(unitId, 'layouts'), queryFn: ({ signal }) => fetchLayouts(unitId, signal) });
  if (q.isPending) return <Spin />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.length === 0) return <Empty description={t('history.empty')} />;
  return (
    <Timeline
      data-testid="layout-history"
      style={{ marginTop: 8 }}
      items={q.data.map((l) => ({
        key: l.id,
        color: summaryOf(l).state === 'pending' ? 'gray' : 'blue',
        content: <LayoutEntry layout={l} />,
      }))}
    />
  );
}

function summaryOf(l: LayoutItem): Record<string, unknown> {
  return l.summary && typeof l.summary === 'object' ? (l.summary as Record<string, unknown>) : {};
}

function LayoutEntry({ layout }: { layout: LayoutItem }) {
  const { t } = useTranslation('territory');
  const s = summaryOf(layout);
  const oldGrids = refs(s.oldGrids);
  const newGrids = refs(s.newGrids);
  const moved = s.moved && typeof s.moved === 'object' ? Object.entries(s.moved as Record<string, unknown>) : [];
  const grids = typeof layout.grids === 'number' ? layout.grids : newGrids.length;
  const link = (g: GridRef) => <Tag key={g.id}><Link to={`/units/${g.id}`}>{g.name}</Link></Tag>;
  return (
    <Flex vertical gap={4}>
      <Flex gap={8} wrap align="center">
        <Typography.Text strong>{dayjs(layout.effectiveAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>
        <Tag color="blue">{t('history.grids')}: {grids}</Tag>
        {typeof s.state === 'string' && <Tag>{t(`history.state.${s.state}` as 'history.state.applied', { defaultValue: s.state })}</Tag>}
      </Flex>
      {layout.note && <Typography.Text>{layout.note}</Typography.Text>}
      {(oldGrids.length > 0 || newGrids.length > 0) && (
        <Flex gap={4} wrap align="center">
          {oldGrids.map(link)}
          <ArrowRightOutlined style={{ margin: '0 4px' }} />
          {newGrids.map(link)}
        </Flex>
      )}
      {moved.length > 0 && (
        <Typography.Text type="secondary">
          {t('history.summary')}: {moved.map(([k, v]) => `${t(`history.moved.${k}` as 'history.moved.buildings', { defaultValue: k })} ${String(v)}`).join(' · ')}
        </Typography.Text>
      )}
    </Flex>
  );
}
