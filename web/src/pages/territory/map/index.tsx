import { useCallback, useMemo, useState } from 'react';
import { Alert, Flex, Grid, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { QueryError } from '../../../components/QueryError';
import { UnitTreeSelect } from '../../../components/UnitTreeSelect';
import { usePublicConfig } from '../../../lib/map/config';
import { toDisplay } from '../../../lib/map/geo';
import { fetchGrids, fetchGridTypes, mapKeys } from './api';
import { GridMap } from './components/GridMap';
import { Legend } from './components/Legend';

/** 网格地图: every current grid in scope (or under the chosen unit), coloured by grid type. */
export default function GridMapPage() {
  const { t, i18n } = useTranslation('map');
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const unitId = params.get('unitId') ?? undefined;
  const focusId = params.get('focus');
  const [showDedicated, setShowDedicated] = useState(true);

  const config = usePublicConfig();
  const basic = useQuery({ queryKey: mapKeys.grids(unitId, 'basic'), queryFn: ({ signal }) => fetchGrids(unitId, 'basic', signal) });
  const dedicated = useQuery({ queryKey: mapKeys.grids(unitId, 'dedicated'), queryFn: ({ signal }) => fetchGrids(unitId, 'dedicated', signal) });
  const types = useQuery({ queryKey: mapKeys.gridTypes, queryFn: ({ signal }) => fetchGridTypes(signal), staleTime: 10 * 60_000 });

  const crs = config.data?.mapTileUrl ? config.data.mapTileCrs : 'wgs84';
  const basicShown = useMemo(() => (basic.data ? toDisplay(basic.data, crs) : undefined), [basic.data, crs]);
  const dedicatedShown = useMemo(() => (dedicated.data ? toDisplay(dedicated.data, crs) : undefined), [dedicated.data, crs]);

  const en = i18n.language === 'en-US';
  const typeName = useCallback((code: string | null | undefined) => {
    const gt = types.data?.find((x) => x.code === code);
    return gt ? (en ? gt.nameEn : gt.nameZh) : (code ?? '');
  }, [types.data, en]);

  const error = basic.error ?? dedicated.error ?? config.error;
  const loading = basic.isPending || config.isPending;
  const count = (basic.data?.features.length ?? 0) + (dedicated.data?.features.length ?? 0);

  return (
    <Flex vertical gap={12} className="gg-page" style={{ height: 'calc(100vh - 56px)', boxSizing: 'border-box' }}>
      <Flex align="center" gap={12} wrap>
        <Flex align="baseline" gap={12} style={screens.sm ? undefined : { width: '100%', justifyContent: 'space-between' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('title')}</Typography.Title>
          {!loading && !screens.sm && <Typography.Text type="secondary">{t('count', { count })}</Typography.Text>}
        </Flex>
        <UnitTreeSelect
          value={unitId}
          onChange={(v) => setParams(v ? { unitId: v } : {})}
          placeholder={t('allInScope')}
          style={{ width: screens.sm ? 280 : '100%' }}
          data-testid="map-unit-select"
        />
        {!loading && screens.sm && <Typography.Text type="secondary">{t('count', { count })}</Typography.Text>}
      </Flex>
      {error ? <QueryError error={error} onRetry={() => { void basic.refetch(); void dedicated.refetch(); }} /> : null}
      {!loading && count === 0 && !error && <Alert type="info" showIcon title={t('empty')} />}
      <div style={{ position: 'relative', flex: 1, minHeight: 320 }}>
        {!config.isPending && (
          <GridMap
            basic={basicShown}
            dedicated={dedicatedShown}
            showDedicated={showDedicated}
            tileUrl={config.data?.mapTileUrl ?? null}
            focusId={focusId}
            typeName={typeName}
            onOpenGrid={(id) => navigate(`/units/${id}`)}
            height="100%"
          />
        )}
        <Legend
          basic={basic.data}
          dedicated={dedicated.data}
          showDedicated={showDedicated}
          onShowDedicated={setShowDedicated}
          typeName={typeName}
          defaultOpen={window.matchMedia('(min-width: 768px)').matches}
        />
        {loading && (
          <Flex align="center" justify="center" style={{ position: 'absolute', inset: 0, zIndex: 3, background: 'rgba(255,255,255,0.5)' }}>
            <Spin size="large" />
          </Flex>
        )}
      </div>
    </Flex>
  );
}
