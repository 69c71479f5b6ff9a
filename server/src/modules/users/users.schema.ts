import { z } from 'zod';
import { roleSchema, USERNAME_PATTERN } from '@gridgov/common';
import { idParam } from '../../lib/ids.js';

export { roleItemSchema, userItemSchema } from '@gridgov/common';

export const params = z.object({ id: idParam });

export const listUsersQuery = z.object({
  q: z.string().trim().min(1).max(64).optional(),
  role: roleSchema.optional(),
  unitId: idParam.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const createUserBody = z.object({
  username: z.string().trim().regex(USERNAME_PATTERN, 'username: 3–32 letters, digits, _ . or -'),
  displayName: z.string().trim().min(1, 'displayName is required').max(64),
  role: roleSchema,
  homeUnitId: idParam.nullable().optional(),
  departmentId: idParam.nullable().optional(),
  password: z.string().min(1).max(256).optional(),
});
export type CreateUserBody = z.infer<typeof createUserBody>;

export const updateUserBody = z.object({
  displayName: z.string().trim().min(1).max(64).optional(),
  role: roleSchema.optional(),
  homeUnitId: idParam.nullable().optional(),
  departmentId: idParam.nullable().optional(),
  active: z.boolean().optional(),
}).refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type UpdateUserBody = z.infer<typeof updateUserBody>;

export const passwordResponse = z.object({ password: z.string() });
