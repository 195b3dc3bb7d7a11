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

/** Report figures are signed (a loss, a month of returns). */
const SignedFen = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);

/** GET /reports/profit-and-loss/trend: the P&L totals per calendar month of the period, in fen. */
export const ProfitAndLossMonth = z.object({
  month: z.string().regex(/^\d{4}-\d{2}$/),
  revenue: SignedFen,
  costOfSales: SignedFen,
  grossProfit: SignedFen,
  expenses: SignedFen,
  netProfit: SignedFen,
});
export type ProfitAndLossMonth = z.infer<typeof ProfitAndLossMonth>;

export const ProfitAndLossTrend = z.object({
  from: BusinessDate,
  to: BusinessDate,
  storeId: Id.nullable(),
  months: z.array(ProfitAndLossMonth),
});
export type ProfitAndLossTrend = z.infer<typeof ProfitAndLossTrend>;
