import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Typography } from 'antd';
import { AimOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import gcoord from 'gcoord';
import maplibregl, { type Map as MlMap, type Marker } from 'maplibre-gl';
import { MapCanvas } from '../../../../lib/map/MapCanvas';
import { usePublicConfig } from '../../../../lib/map/config';
import { pointToDisplay, type Crs } from '../../../../lib/map/geo';

export interface LatLng { lat: number; lng: number }

type Status = { kind: 'idle' } | { kind: 'locating' } | { kind: 'located'; accuracy: number } | { kind: 'denied' } | { kind: 'unsupported' };

function fromDisplay([x, y]: [number, number], crs: Crs): LatLng {
  const [lng, lat] = crs === 'gcj02' ? (gcoord.transform([x, y], gcoord.GCJ02, gcoord.WGS84) as [number, number]) : [x, y];
  return { lat, lng };
}

function pinElement(label: string): HTMLElement {
  const el = document.createElement('div');
  el.className = 'gg-pin';
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', label);
  el.dataset.testid = 'report-pin';
  el.innerHTML = '<svg viewBox="0 0 34 44" width="34" height="44" aria-hidden="true"><path d="M17 43C17 43 32 26.5 32 16A15 15 0 0 0 2 16C2 26.5 17 43 17 43Z" fill="#c8102e" stroke="#fff" stroke-width="2"/><circle cx="17" cy="16" r="6" fill="#fff"/></svg>';
  return el;
}

interface Props {
  value?: LatLng | null;
  onChange?: (v: LatLng) => void;
  invalid?: boolean;
}

/**
 * The phone's GPS (WGS84) puts a draggable pin on the map; without GPS the resident taps the map. The map may
 * draw in GCJ-02 (Chinese tiles), so positions are converted on the way in and out; the value stays WGS84.
 */
export function LocationPicker({ value, onChange, invalid }: Props) {
  const { t } = useTranslation('public');
  const config = usePublicConfig();
  const crs: Crs = config.data?.mapTileUrl ? config.data.mapTileCrs : 'wgs84';
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [map, setMap] = useState<MlMap | null>(null);
  const marker = useRef<Marker | null>(null);
  const change = useRef(onChange);
  useEffect(() => {
    change.current = onChange;
  }, [onChange]);

  const onReady = useCallback((m: MlMap) => {
    m.on('click', (e) => change.current?.(fromDisplay([e.lngLat.lng, e.lngLat.lat], crs)));
    m.getContainer().dataset.mapReady = 'true';
    setMap(m);
    return () => {
      marker.current?.remove();
      marker.current = null;
      setMap(null);
    };
  }, [crs]);

  // Keep the pin where the value is; create it on the first position and follow drags back into the value.
  useEffect(() => {
    if (!map || !value) return;
    const at = pointToDisplay([value.lng, value.lat], crs);
    if (!marker.current) {
      marker.current = new maplibregl.Marker({ element: pinElement(t('report.pin')), draggable: true, anchor: 'bottom' })
        .setLngLat(at)
        .addTo(map);
      marker.current.on('dragend', () => {
        const p = marker.current!.getLngLat();
        change.current?.(fromDisplay([p.lng, p.lat], crs));
      });
      map.jumpTo({ center: at, zoom: Math.max(map.getZoom(), 16) });
    } else {
      marker.current.setLngLat(at);
      if (!map.getBounds().contains(at)) map.panTo(at);
    }
  }, [map, value, crs, t]);

  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setStatus({ kind: 'unsupported' });
      return;
    }
    setStatus({ kind: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setStatus({ kind: 'located', accuracy: Math.round(pos.coords.accuracy) });
        change.current?.({ lat: pos.coords.latitude, lng: pos.coords.longitude });
      },
      () => setStatus({ kind: 'denied' }),
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }, []);

  return (
    <Flex vertical gap={8}>
      <Button
        size="large"
        icon={<AimOutlined />}
        onClick={locate}
        loading={status.kind === 'locating'}
        data-testid="report-locate"
        className="gg-public-big-btn"
        block
      >
        {status.kind === 'locating' ? t('report.locating') : t('report.locate')}
      </Button>
      <div aria-live="polite">
        {status.kind === 'located' && <Typography.Text type="success" data-testid="report-located">{t('report.located', { accuracy: status.accuracy })}</Typography.Text>}
        {status.kind === 'denied' && <Alert type="warning" showIcon title={t('report.locateDenied')} />}
        {status.kind === 'unsupported' && <Alert type="warning" showIcon title={t('report.locateUnsupported')} />}
      </div>
      <Typography.Text type="secondary">{t('report.mapHint')}</Typography.Text>
      {!config.isPending && (
        <MapCanvas
          tileUrl={config.data?.mapTileUrl ?? null}
          onReady={onReady}
          testId="report-map"
          style={{ height: 260, outline: invalid ? '2px solid #ff4d4f' : undefined }}
        />
      )}
      {value && (
        <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="report-coords">
          {t('report.coords', { lat: value.lat.toFixed(6), lng: value.lng.toFixed(6) })}
        </Typography.Text>
      )}
    </Flex>
  );
}
