import { z } from 'zod';
import { AccountCode, Id, Name } from './common';

export const ACCOUNT_TYPES = ['asset', 'liability', 'equity', 'revenue', 'expense'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

const BusinessDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD');

export const AccountCreateBody = z.strictObject({
  code: AccountCode,
  name: Name.describe('Chinese name, e.g. 应交增值税-销项税额'),
  nameEn: Name,
  /** Default: the parent's type. Required for a first-level account. */
  type: z.enum(ACCOUNT_TYPES).optional(),
  parentCode: AccountCode.optional().describe('A sub-account starts with its parent code: 222101 under 2221'),
});

export const AccountPatchBody = z
  .strictObject({
    name: Name.optional(),
    nameEn: Name.optional(),
    type: z.enum(ACCOUNT_TYPES).optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change' });

export const AccountParams = z.strictObject({ code: AccountCode });

export const LockDateBody = z.strictObject({
  lockDate: BusinessDate.nullable().describe('Last business date of the closed period; null reopens every period'),
});

/** Reports cover business dates from..to (inclusive), company-wide unless a store is given. */
export const ReportQuery = z.strictObject({
  storeId: Id.optional(),
  from: BusinessDate,
  to: BusinessDate,
});

/** The balance sheet is as of one date (everything up to and including it). */
export const AsOfQuery = z.strictObject({ storeId: Id.optional(), asOf: BusinessDate });

export const LedgerQuery = z.strictObject({
  storeId: Id.optional(),
  from: BusinessDate,
  to: BusinessDate,
  account: AccountCode,
});
