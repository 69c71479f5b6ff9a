import { Card, Empty, List, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Reporter } from '../../api';
import { useChannelLabel } from '../../shared/labels';

/** Everyone who reported it (several after a merge); names and phones come masked from the server. */
export function Reporters({ items }: { items: Reporter[] }) {
  const { t } = useTranslation('cases');
  const channel = useChannelLabel();
  return (
    <Card size="small" title={t('detail.reporters')} data-testid="case-reporters">
      {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noReporters')} /> : (
        <List
          size="small"
          dataSource={items}
          renderItem={(r) => (
            <List.Item>
              <span>
                {r.anonymous ? <Tag>{t('detail.anonymous')}</Tag> : <strong>{r.name ?? '—'}</strong>}
                {r.phone && <span style={{ marginInlineStart: 8, fontVariantNumeric: 'tabular-nums' }}>{r.phone}</span>}
              </span>
              <span style={{ color: '#8c8c8c', fontSize: 12 }}>
                {channel(r.channel)}{r.trackingNo ? ` · ${r.trackingNo}` : ''}{r.resident === false ? ` · ${t('detail.staffReporter')}` : ''}
              </span>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
