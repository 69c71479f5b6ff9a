import { describe, expect, it } from 'vitest';
import { redrawBody } from './redraw.schema.js';
import { checkGridsOffline, unclosedRing } from './redraw.validate.js';
import { isUniqueViolation } from './redraw.service.js';
import { rect } from './territory.factory.js';

const square = rect(130, -30, 130.01, -29.99) as { type: 'Polygon'; coordinates: number[][][] };

describe('layout checks without a database', () => {
  it('detects unclosed rings in polygons and multipolygons', () => {
    expect(unclosedRing(square)).toBe(false);
    const open = { type: 'Polygon' as const, coordinates: [[...square.coordinates[0]!.slice(0, 4), [130, -29.995]]] };
    expect(unclosedRing(open)).toBe(true);
    expect(unclosedRing({ type: 'MultiPolygon', coordinates: [square.coordinates, open.coordinates] })).toBe(true);
  });

  it('reports code shape, community prefix and duplicates per grid', () => {
    const g = (code: string) => ({ code, name: 'x', geometry: square });
    const problems = checkGridsOffline([g('440705001001001'), g('44070500100100'), g('440705001002001'), g('440705001001001')], '440705001001');
    expect(problems.map((p) => [p.code, p.gridCodes[0], p.feature])).toEqual([
      ['INVALID_CODE', '44070500100100', 2],
      ['CODE_COMMUNITY_MISMATCH', '440705001002001', 3],
      ['DUPLICATE_CODE', '440705001001001', undefined],
    ]);
    expect(checkGridsOffline([g('440705001001001'), g('440705001001002')], '440705001001')).toEqual([]);
  });
});

describe('redraw body', () => {
  it('turns a FeatureCollection into the layout shape', () => {
    const r = redrawBody.parse({
      type: 'FeatureCollection', effectiveAt: '2026-01-01T00:00:00+08:00',
      features: [{ type: 'Feature', geometry: square, properties: { code: 440705001001001, name: '一', gridTypeId: 3 } }],
    });
    expect(r.effectiveAt).toBe('2026-01-01T00:00:00+08:00');
    expect(r.grids[0]).toMatchObject({ code: '440705001001001', name: '一', gridTypeId: '3' });
  });

  it('refuses positions outside WGS84 ranges and rings of fewer than 4 positions', () => {
    const bad = (coordinates: unknown) => redrawBody.safeParse({ grids: [{ code: '1', name: 'x', geometry: { type: 'Polygon', coordinates } }] }).success;
    expect(bad([[[200, 0], [201, 0], [201, 1], [200, 0]]])).toBe(false);
    expect(bad([[[0, 0], [1, 0], [0, 0]]])).toBe(false);
    expect(bad(square.coordinates)).toBe(true);
  });
});

describe('isUniqueViolation', () => {
  it('finds the PostgreSQL code however deep the driver wraps it', () => {
    expect(isUniqueViolation({ code: '23505' })).toBe(true);
    expect(isUniqueViolation(new Error('query failed', { cause: { code: '23505' } }))).toBe(true);
    expect(isUniqueViolation(new Error('query failed', { cause: { code: '23503' } }))).toBe(false);
    expect(isUniqueViolation(undefined)).toBe(false);
  });
});
