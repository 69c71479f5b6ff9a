import { z } from 'zod';
import { userItemSchema } from '@gridgov/common';

export const loginBody = z.object({
  username: z.string().trim().min(1, 'username is required').max(64),
  password: z.string().min(1, 'password is required').max(256),
});

/** The logged-in user: the user-admin item's identity fields plus the role's permissions. */
export const meResponse = userItemSchema.pick({
  id: true, username: true, displayName: true, role: true, homeUnitId: true, homeUnitName: true,
  /** A temporary password is in use: every API except /api/auth/* answers 403 PASSWORD_CHANGE_REQUIRED until it is changed. */
  mustChangePassword: true,
}).extend({ permissions: z.array(z.string()) });

export const changePasswordBody = z.object({
  oldPassword: z.string().min(1, 'oldPassword is required').max(256),
  newPassword: z.string().min(1, 'newPassword is required').max(256),
});
