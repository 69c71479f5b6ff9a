import { z } from 'zod';
import { genderSchema, personCategorySchema, personTagSchema, relationToHeadSchema } from '@gridgov/common';
import { idParam } from '../../lib/ids.js';
import { hasLongDigitRun } from './pii.js';

export {
  householdDetailSchema, householdItemSchema, importResultSchema, personDetailSchema, personListSchema, unmaskResponseSchema,
} from '@gridgov/common';

export const params = z.object({ id: idParam });

const page = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

export const listPersonsQuery = z.object({
  unitId: idParam.optional(),
  // ID and phone numbers never travel in a URL (they would land in proxy and server logs): POST /persons/search.
  q: z.string().trim().min(1).max(100)
    .refine((v) => !hasLongDigitRun(v), 'search ID or phone numbers with POST /api/people/persons/search, not in the URL')
    .optional(),
  category: personCategorySchema.optional(),
  tag: personTagSchema.optional(),
  buildingId: idParam.optional(),
  householdId: idParam.optional(),
  ...page,
});

export const searchBody = z.object({
  idNumber: z.string().trim().min(1).max(32).optional(),
  phone: z.string().trim().min(1).max(32).optional(),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
}).refine((b) => b.idNumber !== undefined || b.phone !== undefined, { message: 'give idNumber or phone', path: ['idNumber'] });

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max);

const personFields = {
  name: z.string().trim().min(1, 'name is required').max(64),
  gender: genderSchema.nullable().optional(),
  birthDate: date.nullable().optional(),
  ethnicity: text(32).nullable().optional(),
  category: personCategorySchema.optional(),
  tags: z.array(personTagSchema).max(30).optional(),
  overseasChineseFamily: z.boolean().optional(),
  overseasRelatives: text(500).nullable().optional(),
  idNumber: z.string().trim().max(32).nullable().optional(),
  phone: z.string().trim().max(32).nullable().optional(),
  householdId: idParam.nullable().optional(),
  relationToHead: relationToHeadSchema.nullable().optional(),
  gridId: idParam.nullable().optional(),
  note: text(1000).nullable().optional(),
};

export const createPersonBody = z.object(personFields);
export type CreatePersonBody = z.infer<typeof createPersonBody>;
export const updatePersonBody = z.object({ ...personFields, name: personFields.name.optional() })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type UpdatePersonBody = z.infer<typeof updatePersonBody>;

export const unmaskBody = z.object({
  /** Why the full numbers are needed (PIPL purpose); kept in the audit event. */
  reason: z.string().trim().max(200).optional(),
}).nullish();

export const listHouseholdsQuery = z.object({
  unitId: idParam.optional(),
  buildingId: idParam.optional(),
  ...page,
});

export const createHouseholdBody = z.object({
  buildingId: idParam.optional(),
  stairwayId: idParam.optional(),
  room: text(32).min(1).optional(),
  address: text(200).min(1).optional(),
  gridId: idParam.optional(),
}).refine((b) => b.buildingId !== undefined || (b.gridId !== undefined && b.address !== undefined), {
  message: 'give buildingId, or gridId and address', path: ['buildingId'],
});
export type CreateHouseholdBody = z.infer<typeof createHouseholdBody>;

export const exportQuery = z.object({ unitId: idParam.optional() });
