/** One grid as read from a file, before any database check. */
export interface ParsedGrid {
  /** 1-based position of the feature/record in the file, to point at grids that have no usable code. */
  feature: number;
  code: string | null;
  name: string | null;
  /** undefined = not given (an existing grid keeps its kind, a new one is basic); null = unreadable value. */
  kind: 'basic' | 'dedicated' | null | undefined;
  gridType: string | null;
  dedicatedType: string | null | undefined;
  communityCode: string | null;
  profile: GridProfilePatch;
  /** WGS84 Polygon/MultiPolygon, or null when unusable (a problem says why). */
  geometry: { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown } | null;
}

export interface GridProfilePatch {
  population?: number;
  households?: number;
  traits?: string;
  keyWork?: string;
  risks?: string;
}

export interface ImportProblem {
  /** Machine-readable kind, e.g. INVALID_GEOMETRY, BASIC_OVERLAP, GAP. */
  code: string;
  gridCodes: string[];
  message: string;
  areaM2?: number;
  feature?: number;
}

export interface ParsedFile {
  format: 'geojson' | 'shapefile';
  /** Name of the coordinate system the file was read in. */
  crs: string;
  grids: ParsedGrid[];
  problems: ImportProblem[];
}

export interface GridImportResult {
  read: number;
  written: number;
  rejected: number;
  created: number;
  updated: number;
  unchanged: number;
  dryRun: boolean;
  crs: string;
  problems: ImportProblem[];
}
