import { z } from 'zod';
import { APPROVAL_ACTIONS, ROLES } from './roles';
import { Id } from './common';

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const PinLoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  pin: z.string().regex(/^\d{4,8}$/, 'PIN is 4 to 8 digits'),
});

export const RoleAssignment = z.strictObject({
  role: z.enum(ROLES),
  storeId: Id.nullable().describe('null = every store'),
});

export const ApprovalBody = z
  .strictObject({
    action: z.enum(APPROVAL_ACTIONS),
    storeId: Id,
    username: z.string().trim().min(1).max(64),
    pin: z.string().regex(/^\d{4,8}$/, 'PIN is 4 to 8 digits').optional(),
    password: z.string().min(1).max(256).optional(),
  })
  .refine((b) => (b.pin === undefined) !== (b.password === undefined), { message: 'Give either pin or password', path: ['pin'] });
