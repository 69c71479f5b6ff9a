import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import maplibregl, { type GeoJSONSource, type Map as MlMap, type MapMouseEvent } from 'maplibre-gl';
import { MapCanvas } from '../../../../lib/map/MapCanvas';
import { bboxOf } from '../../../../lib/map/geo';
import type { GridFeatureProps } from '../../types';
import type { GridFC } from '../api';
import { addGridLayers, FILL_LAYERS, setDedicatedVisible } from './layers';
import { GridPopup } from './GridPopup';
import { useGridLabels } from './useGridLabels';
import { boundariesOf } from './boundaries';

type Ref = { source: 'grids' | 'dedicated'; id: string };

interface Props {
  basic: GridFC | undefined;
  dedicated: GridFC | undefined;
  showDedicated: boolean;
  tileUrl: string | null;
  focusId?: string | null;
  typeName: (code: string | null | undefined) => string;
  onOpenGrid: (id: string) => void;
  height: number | string;
}

/** Grid map: basic grids by type colour, dedicated grids dashed on top, hover highlight, click popup. */
export function GridMap({ basic, dedicated, showDedicated, tileUrl, focusId, typeName, onOpenGrid, height }: Props) {
  const [map, setMap] = useState<MlMap | null>(null);
  const [popup, setPopup] = useState<{ grid: GridFeatureProps; at: [number, number]; ref: Ref } | null>(null);
  const container = useMemo(() => document.createElement('div'), []);
  // Read when fitting the view, but toggling the layer must not move the view: kept out of the deps.
  const showDedicatedRef = useRef(showDedicated);
  useEffect(() => {
    showDedicatedRef.current = showDedicated;
  }, [showDedicated]);

  const onReady = useCallback((m: MlMap) => {
    addGridLayers(m);
    let hover: Ref | null = null;
    const setHover = (next: Ref | null) => {
      if (hover) m.setFeatureState(hover, { hover: false });
      hover = next;
      if (hover) m.setFeatureState(hover, { hover: true });
      m.getCanvas().style.cursor = hover ? 'pointer' : '';
    };
    const pick = (e: MapMouseEvent) => {
      const f = m.queryRenderedFeatures(e.point, { layers: FILL_LAYERS.filter((l) => m.getLayoutProperty(l, 'visibility') !== 'none') })[0];
      return f ? { ref: { source: f.source as Ref['source'], id: String(f.properties.id) }, props: f.properties as GridFeatureProps } : null;
    };
    m.on('mousemove', (e) => {
      const hit = pick(e);
      if (hit?.ref.id !== hover?.id || hit?.ref.source !== hover?.source) setHover(hit?.ref ?? null);
    });
    m.on('mouseout', () => setHover(null));
    m.on('click', (e) => {
      const hit = pick(e);
      setPopup(hit ? { grid: hit.props, at: [e.lngLat.lng, e.lngLat.lat], ref: hit.ref } : null);
    });
    setMap(m);
    return () => setMap(null);
  }, []);

  // New data: replace the sources and fit the view to everything shown.
  useEffect(() => {
    if (!map) return;
    const empty: GridFC = { type: 'FeatureCollection', features: [] };
    (map.getSource('grids') as GeoJSONSource).setData(basic ?? empty);
    (map.getSource('dedicated') as GeoJSONSource).setData(dedicated ?? empty);
    (map.getSource('bounds') as GeoJSONSource).setData(boundariesOf(basic));
    const focus = focusId ? [...(basic?.features ?? []), ...(dedicated?.features ?? [])].find((f) => f.properties.id === focusId) : undefined;
    const geoms = focus ? [focus.geometry] : [...(basic?.features ?? []), ...(showDedicatedRef.current ? dedicated?.features ?? [] : [])].map((f) => f.geometry);
    const bounds = bboxOf(geoms);
    // A focused grid is shown with its neighbours around it, not filling the whole view.
    const { clientWidth: w, clientHeight: h } = map.getContainer();
    const padding = focus ? Math.round(Math.min(w, h) * 0.3) : 40;
    if (bounds) map.fitBounds(bounds, { padding, maxZoom: focus ? 15.5 : 16, duration: 0 });
    // Tells browser tests (and screenshots) that the grids are drawn, not just requested.
    const el = map.getContainer();
    el.dataset.mapReady = 'false';
    if (basic) map.once('idle', () => { el.dataset.mapReady = 'true'; });
  }, [map, basic, dedicated, focusId]);

  useEffect(() => {
    if (map) setDedicatedVisible(map, showDedicated);
  }, [map, showDedicated]);

  // The clicked grid keeps a red outline while its popup is open.
  useEffect(() => {
    if (!map || !popup) return;
    const ref = popup.ref;
    map.setFeatureState(ref, { selected: true });
    const p = new maplibregl.Popup({ closeButton: true, maxWidth: '300px', offset: 6 })
      .setLngLat(popup.at).setDOMContent(container).addTo(map);
    p.on('close', () => setPopup((cur) => (cur?.ref === ref ? null : cur)));
    return () => {
      if (map.getSource(ref.source)) map.setFeatureState(ref, { selected: false });
      p.remove();
    };
  }, [map, popup, container]);

  useGridLabels(map, basic, true);

  return (
    <>
      <MapCanvas tileUrl={tileUrl} onReady={onReady} testId="grid-map" style={{ height }} />
      {popup && createPortal(<GridPopup grid={popup.grid} typeName={typeName} onOpen={onOpenGrid} />, container)}
    </>
  );
}
