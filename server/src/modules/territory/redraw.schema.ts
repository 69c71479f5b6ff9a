import { z } from 'zod';
import { idParam } from '../../lib/ids.js';

const position = z.array(z.number()).min(2).max(3)
  .refine((p) => p[0]! >= -180 && p[0]! <= 180 && p[1]! >= -90 && p[1]! <= 90, 'position must be [lng, lat] in WGS84');
const polygonCoords = z.array(z.array(position).min(4, 'a ring needs at least 4 positions')).min(1);

/** GeoJSON Polygon or MultiPolygon in WGS84. Ring closure is checked by the layout validator (reported per grid). */
export const polygonGeometry = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: polygonCoords }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygonCoords).min(1) }),
]);
export type PolygonGeometry = z.infer<typeof polygonGeometry>;

export const layoutGrid = z.object({
  code: z.string().trim().min(1).max(32),
  name: z.string().trim().min(1).max(100),
  gridTypeId: idParam.optional(),
  geometry: polygonGeometry,
  profile: z.record(z.string(), z.unknown()).optional(),
});
export type LayoutGrid = z.infer<typeof layoutGrid>;

const layoutFields = {
  effectiveAt: z.iso.datetime({ offset: true }).optional(),
  note: z.string().trim().max(2000).optional(),
};

/**
 * A GeoJSON FeatureCollection is accepted too: each feature's properties give code, name, gridTypeId and
 * profile; effectiveAt and note come from top-level members or the query string.
 */
function fromFeatureCollection(body: unknown): unknown {
  if (!body || typeof body !== 'object' || (body as { type?: unknown }).type !== 'FeatureCollection') return body;
  const fc = body as { features?: unknown; effectiveAt?: unknown; note?: unknown };
  const features = Array.isArray(fc.features) ? fc.features : [];
  return {
    effectiveAt: fc.effectiveAt,
    note: fc.note,
    grids: features.map((f) => {
      const p = ((f as { properties?: Record<string, unknown> })?.properties ?? {});
      return {
        code: p.code == null ? p.code : String(p.code),
        name: p.name,
        gridTypeId: p.gridTypeId == null ? undefined : String(p.gridTypeId),
        profile: p.profile,
        geometry: (f as { geometry?: unknown })?.geometry,
      };
    }),
  };
}

export const redrawBody = z.preprocess(fromFeatureCollection, z.object({
  ...layoutFields,
  grids: z.array(layoutGrid).min(1).max(5000),
}));
export type RedrawInput = z.infer<typeof redrawBody>;

export const redrawQuery = z.object(layoutFields);

export const gridRef = z.object({ id: z.string(), code: z.string(), name: z.string() });

export const layoutSummary = z.object({
  state: z.enum(['pending', 'applied']),
  appliedAt: z.string().nullable(),
  oldGrids: z.array(gridRef),
  newGrids: z.array(gridRef),
  closedCells: z.number(),
  moved: z.record(z.string(), z.number()),
  closedCasesKept: z.number(),
});
export type LayoutSummary = z.infer<typeof layoutSummary>;

// Responses accept any summary object: layouts written by other paths (imports) may carry other keys.
const storedSummary = z.record(z.string(), z.unknown());

export const layoutItem = z.object({
  id: z.string(),
  communityId: z.string(),
  state: z.enum(['pending', 'applied']),
  effectiveAt: z.string(),
  note: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  summary: storedSummary,
});

export const layoutDetail = z.object({
  layout: layoutItem,
  moves: z.object({
    byEntity: z.record(z.string(), z.number()),
    byGrid: z.array(z.object({ entityType: z.string(), from: gridRef.nullable(), to: gridRef.nullable(), count: z.number() })),
  }),
});

export const communityLayouts = z.object({
  items: z.array(z.object({
    id: z.string(), state: z.enum(['pending', 'applied']), effectiveAt: z.string(), note: z.string().nullable(),
    summary: storedSummary, grids: z.number(),
  })),
});

export const redrawResult = z.object({
  layout: layoutItem,
  grids: z.array(gridRef),
});

export const layoutParams = z.object({ id: idParam });
