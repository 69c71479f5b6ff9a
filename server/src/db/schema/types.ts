import { customType } from 'drizzle-orm/pg-core';

/** ltree materialised path, e.g. "1.5.42". Labels are unit ids. */
export const ltree = customType<{ data: string }>({
  dataType: () => 'ltree',
});

/** PostGIS geometry in WGS84. Read it with ST_AsGeoJSON in SQL; the column holds EWKB/WKT. */
export const geometry = (name: string, type: 'MultiPolygon' | 'Point' | 'Polygon') =>
  customType<{ data: string }>({ dataType: () => `geometry(${type},4326)` })(name);
