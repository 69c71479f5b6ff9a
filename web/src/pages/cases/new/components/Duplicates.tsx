import { Card, Empty, Flex, Image, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Duplicate } from '../../api';
import { fmtTime, StateTag } from '../../shared/labels';
import type { CaseState } from '@gridgov/common';

/** Possible duplicates after intake, with a photo and summary big enough to tell whether it is the same matter. */
export function Duplicates({ items }: { items: Duplicate[] }) {
  const { t } = useTranslation('cases');
  return (
    <Card size="small" title={t('intake.duplicates', { count: items.length })} data-testid="intake-duplicates">
      {items.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('intake.noDuplicates')} /> : (
        <Flex vertical gap={12}>
          <Typography.Text type="secondary">{t('intake.duplicatesHelp')}</Typography.Text>
          {items.map((d) => (
            <Flex key={d.id} gap={12} wrap style={{ borderTop: '1px solid #f0f0f0', paddingTop: 12 }}>
              {d.thumbUrl ? (
                <Image src={d.thumbUrl} preview={{ src: d.thumbUrl.replace(/[?&]thumb=1/, '') }} width={200} height={150} style={{ objectFit: 'cover', borderRadius: 6 }} alt="" />
              ) : <div style={{ width: 200, height: 150, background: '#f5f5f5', borderRadius: 6 }} />}
              <div style={{ flex: '1 1 240px', minWidth: 0 }}>
                <Flex gap={6} align="center" wrap>
                  <Link to={`/cases/${d.id}`} target="_blank"><strong>{d.trackingNo}</strong></Link>
                  <StateTag state={d.state as CaseState} />
                  <Typography.Text type="secondary">{t('intake.distance', { m: Math.round(d.distanceM) })} · {fmtTime(d.createdAt)}</Typography.Text>
                </Flex>
                <Typography.Title level={5} style={{ margin: '6px 0' }}>{d.title}</Typography.Title>
                <Typography.Paragraph style={{ fontSize: 14, marginBottom: 4 }} ellipsis={{ rows: 4, expandable: true }}>{d.summary}</Typography.Paragraph>
                {d.address && <Typography.Text type="secondary">{d.address}</Typography.Text>}
              </div>
            </Flex>
          ))}
        </Flex>
      )}
    </Card>
  );
}
