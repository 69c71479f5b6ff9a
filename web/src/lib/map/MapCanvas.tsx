import { useEffect, useRef, type CSSProperties } from 'react';
import maplibregl, { type Map as MlMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { baseStyle } from './style';

interface Props {
  tileUrl: string | null;
  /** Called once the style is loaded; add sources and layers here. */
  onReady: (map: MlMap) => void | (() => void);
  style?: CSSProperties;
  testId?: string;
  interactive?: boolean;
}

/** A MapLibre map bound to a div; the map lives as long as the component (tile URL changes rebuild it). */
export function MapCanvas({ tileUrl, onReady, style, testId, interactive = true }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const readyRef = useRef(onReady);
  useEffect(() => {
    readyRef.current = onReady;
  }, [onReady]);

  useEffect(() => {
    if (!ref.current) return;
    const map = new maplibregl.Map({
      container: ref.current,
      style: baseStyle(tileUrl),
      center: [113.0, 22.5],
      zoom: 9,
      attributionControl: false,
      interactive,
      // Screenshots and printing read the canvas after drawing.
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
      dragRotate: false,
      pitchWithRotate: false,
    });
    map.touchZoomRotate.disableRotation();
    if (interactive) map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    let cleanup: void | (() => void);
    map.on('load', () => {
      cleanup = readyRef.current(map);
    });
    const ro = new ResizeObserver(() => map.resize());
    ro.observe(ref.current);
    return () => {
      ro.disconnect();
      if (typeof cleanup === 'function') cleanup();
      map.remove();
    };
  }, [tileUrl, interactive]);

  return <div ref={ref} className="gg-map" data-testid={testId} style={style} />;
}
