import { Card, Empty, Flex, Image } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Photo } from '../../api';

/** Thumbnails; a click opens the full photo with the others a swipe away. */
export function Photos({ photos }: { photos: Photo[] }) {
  const { t } = useTranslation('cases');
  return (
    <Card title={t('detail.photos')} size="small" data-testid="case-photos">
      {photos.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noPhotos')} /> : (
        <Image.PreviewGroup>
          <Flex wrap gap={8}>
            {photos.map((p) => (
              <Image
                key={p.id}
                src={p.thumbUrl ?? p.url}
                preview={{ src: p.url }}
                width={104}
                height={104}
                style={{ objectFit: 'cover', borderRadius: 6 }}
                alt=""
              />
            ))}
          </Flex>
        </Image.PreviewGroup>
      )}
    </Card>
  );
}
