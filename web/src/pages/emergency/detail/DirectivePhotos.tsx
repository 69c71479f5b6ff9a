import { Card, Empty, Flex, Image, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { QueryError } from '../../../components/QueryError';
import { emergencyKeys, fetchDirectivePhotos } from '../api';

/**
 * 现场照片: the grids' 反馈 photos of one directive (within the unit drilled into on the board), newest first.
 * Thumbnails open the full photo; the grid and time sit under each.
 */
export function DirectivePhotos({ directiveId, unitId }: { directiveId: string; unitId?: string }) {
  const { t } = useTranslation('emergency');
  const q = useQuery({
    queryKey: emergencyKeys.photos(directiveId, unitId),
    queryFn: ({ signal }) => fetchDirectivePhotos(directiveId, unitId, signal),
    placeholderData: keepPreviousData,
  });
  const items = q.data?.items ?? [];
  const total = q.data?.total ?? 0;
  return (
    <Card size="small" title={t('photos.title', { n: total })} data-testid="directive-photos" data-count={total}>
      {q.isError && <QueryError error={q.error} onRetry={() => void q.refetch()} />}
      {q.data && items.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('photos.none')} />}
      <Image.PreviewGroup>
        <Flex gap={8} wrap>
          {items.map((p) => (
            <figure key={p.id} className="gg-directive-photo" data-testid="directive-photo">
              <Image src={p.thumbUrl} preview={{ src: p.url }} width={104} height={104} style={{ objectFit: 'cover', borderRadius: 4 }} alt={p.gridName} />
              <figcaption>
                <Typography.Text ellipsis style={{ fontSize: 12, display: 'block', maxWidth: 104 }} title={p.gridName}>{p.gridName}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>{dayjs(p.at).format('MM-DD HH:mm')}</Typography.Text>
              </figcaption>
            </figure>
          ))}
        </Flex>
      </Image.PreviewGroup>
      {total > items.length && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('photos.more', { n: total, shown: items.length })}</Typography.Text>}
    </Card>
  );
}
