import { z } from 'zod';
import { roleSchema } from '@gridgov/common';

export const loginBody = z.object({
  username: z.string().trim().min(1, 'username is required').max(64),
  password: z.string().min(1, 'password is required').max(256),
});

export const meResponse = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: roleSchema,
  homeUnitId: z.string().nullable(),
  homeUnitName: z.string().nullable(),
  permissions: z.array(z.string()),
  /** A temporary password is in use: every API except /api/auth/* answers 403 PASSWORD_CHANGE_REQUIRED until it is changed. */
  mustChangePassword: z.boolean(),
});

export const changePasswordBody = z.object({
  oldPassword: z.string().min(1, 'oldPassword is required').max(256),
  newPassword: z.string().min(1, 'newPassword is required').max(256),
});
