import { Badge, Card, Empty, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Progress } from '../api';
import { STATE_COLOURS, useGridStateLabel } from '../labels';

/** 未落实: grids that have not acknowledged or not executed, the escalation step reached shown as a badge. */
export function Laggards({ progress }: { progress: Progress }) {
  const { t } = useTranslation('emergency');
  const stateLabel = useGridStateLabel();
  const { laggards, laggardsTotal } = progress;
  return (
    <Card size="small" title={t('board.laggards', { count: laggardsTotal })} data-testid="board-laggards" data-count={laggardsTotal}>
      {laggards.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('board.noLaggards')} /> : (
        <List
          size="small"
          grid={{ gutter: 8, xs: 1, sm: 2, xl: 1, xxl: 2 }}
          style={{ maxHeight: 300, overflow: 'auto' }}
          dataSource={laggards}
          renderItem={(g) => (
            <List.Item key={g.gridId} style={{ marginBottom: 4 }} data-testid="laggard" data-state={g.state}>
              <Space size={6} wrap>
                <Tag color={STATE_COLOURS[g.state]} style={{ marginInlineEnd: 0 }}>{stateLabel(g.state)}</Tag>
                <Typography.Text>{g.gridName}</Typography.Text>
                {g.escalation > 0 && <Badge count={t('board.escalated', { n: g.escalation })} style={{ backgroundColor: '#cf1322' }} />}
              </Space>
              {(g.communityName || g.townName) && (
                <div style={{ fontSize: 12, color: '#8c8c8c' }}>{[g.townName, g.communityName].filter(Boolean).join(' · ')}</div>
              )}
            </List.Item>
          )}
        />
      )}
      {laggardsTotal > laggards.length && <Typography.Text type="secondary">{t('board.moreLaggards', { n: laggardsTotal - laggards.length })}</Typography.Text>}
    </Card>
  );
}
