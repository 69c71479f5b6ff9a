import { Card, Empty } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../../../api/client';
import type { UnitDetail } from '../../../territory/types';
import type { CaseDetail } from '../../api';
import { PointMap } from '../../shared/PointMap';

export const casePoint = (d: CaseDetail): [number, number] | null =>
  d.location ? [d.location.lng, d.location.lat] : d.lng != null && d.lat != null ? [d.lng, d.lat] : null;

/** Where it is: the point over its grid (a department officer out of the grid's scope sees the point only). */
export function CaseMapCard({ d }: { d: CaseDetail }) {
  const { t } = useTranslation('cases');
  const grid = useQuery({
    queryKey: ['territory', 'unit', d.gridId],
    queryFn: ({ signal }) => get<UnitDetail>(`/territory/units/${d.gridId}`, undefined, signal),
    enabled: Boolean(d.gridId),
    retry: false,
    staleTime: 10 * 60_000,
  });
  const point = casePoint(d);
  const areas = grid.data?.geometry ? [grid.data.geometry] : null;
  return (
    <Card size="small" title={t('detail.map')} styles={{ body: { padding: 0 } }}>
      {!point && !areas ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('detail.noLocation')} style={{ padding: 24 }} /> : (
        <PointMap point={point} areas={areas} height={280} testId="case-map" key={areas ? 'grid' : 'point'} />
      )}
    </Card>
  );
}
