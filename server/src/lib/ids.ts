import { z } from 'zod';

/** Ids travel as strings in JSON and URLs; in SQL they are bigints. */
export const idParam = z.string().regex(/^\d{1,18}$/, 'must be a numeric id');
export const toId = (v: string): number => Number(v);
export const idStr = (v: number | string | null | undefined): string | null => (v == null ? null : String(v));
