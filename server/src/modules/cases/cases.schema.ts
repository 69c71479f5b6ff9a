import { z } from 'zod';
import { CASE_STATES } from '@gridgov/common';
import { idParam } from '../../lib/ids.js';

export const caseParams = z.object({ id: idParam });
export const actionParams = z.object({ id: idParam, action: z.string().regex(/^[a-z_]{1,40}$/, 'must be an action name') });

export const actionResponse = z.object({ id: z.string(), state: z.enum(CASE_STATES), version: z.number().int() });

export { errorBody } from '../../lib/errors.js';

/** `If-Match: 3`, `"3"` or `W/"3"` → 3; anything else is a 400 naming the header. */
export function versionFromIfMatch(h: string | string[] | undefined): number | undefined {
  if (h == null) return undefined;
  const v = Array.isArray(h) ? h[0]! : h;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(v);
  return m ? Number(m[1]) : NaN;
}
