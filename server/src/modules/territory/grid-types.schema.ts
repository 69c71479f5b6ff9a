import { z } from 'zod';
import { GRID_TYPE_CATEGORIES } from '@gridgov/common';
import { idParam } from '../../lib/ids.js';

export const DUTY_FREQUENCIES = ['daily', 'weekly', 'monthly', 'quarterly', 'seasonal', 'yearly', 'as_needed'] as const;

const code = z.string().trim().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/i, 'must be 1–64 letters, digits, _ . -');

export const duty = z.object({
  code,
  zh: z.string().trim().min(1).max(200),
  en: z.string().trim().min(1).max(200),
  frequency: z.enum(DUTY_FREQUENCIES),
}).strict();

const unique = <T>(key: (v: T) => string, what: string) => (list: T[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  list.forEach((v, i) => {
    const k = key(v);
    if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate ${what} ${k}` });
    seen.add(k);
  });
};

/** 网格工作清单: one entry per duty, codes unique within the type. */
export const duties = z.array(duty).max(500).superRefine(unique((d: z.infer<typeof duty>) => d.code, 'duty code'));
/** 网格事项准入: matter category codes (the matter catalogue's codes) a grid of this type may be given. */
export const admission = z.array(code).max(1000).superRefine(unique((c: string) => c, 'admission code'));

export const gridTypeCreate = z.object({
  code,
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
  category: z.enum(GRID_TYPE_CATEGORIES),
  color: z.string().regex(/^#[0-9a-f]{6}$/i, 'must be #rrggbb').optional(),
  duties: duties.default([]),
  admission: admission.default([]),
}).strict();
export type GridTypeCreate = z.infer<typeof gridTypeCreate>;

export const gridTypePatch = gridTypeCreate.omit({ code: true }).partial().extend({
  duties: duties.optional(),
  admission: admission.optional(),
}).strict();
export type GridTypePatch = z.infer<typeof gridTypePatch>;

export const gridTypeParams = z.object({ id: idParam });
