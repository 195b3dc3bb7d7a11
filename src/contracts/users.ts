import { z } from 'zod';
import { RoleAssignment } from './auth';
import { ExportParams, Id, Name, Paging, sortParam } from './common';

export const USER_SORTS = ['username', 'displayName', 'createdAt'] as const;
export const UserListQuery = z.strictObject({
  q: z.string().max(100).optional(),
  storeId: Id.optional().describe('Only users with a role at this store or a company-wide role'),
  sort: sortParam(USER_SORTS, 'username'),
  ...ExportParams,
  ...Paging,
});

export const CreateUserBody = z.strictObject({
  username: z.string().trim().min(2).max(64).regex(/^[A-Za-z0-9_.@-]+$/, 'Letters, digits and . _ @ - only'),
  displayName: Name,
  password: z.string().max(256),
  roles: z.array(RoleAssignment).max(50).default([]),
  pin: z.string().optional(),
});

export const UpdateUserBody = z.strictObject({
  displayName: Name.optional(),
  disabled: z.boolean().optional(),
});

export const PasswordBody = z.strictObject({ password: z.string().max(256) });
export const PinBody = z.strictObject({ pin: z.string().max(16) });
export const RolesBody = z.strictObject({ roles: z.array(RoleAssignment).max(50) });
