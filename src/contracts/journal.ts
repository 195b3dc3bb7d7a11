// Manual journal entries (手工凭证), reversals and the year-end close (年结): docs/accounting.md.
import { z } from 'zod';
import { AccountCode, ClientId, Fen, Id, Paging } from './common';

const BusinessDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD');

export const MANUAL_ENTRY_STATUSES = ['draft', 'posted', 'rejected'] as const;
export type ManualEntryStatus = (typeof MANUAL_ENTRY_STATUSES)[number];

export const ManualEntryLine = z.strictObject({
  account: AccountCode,
  debit: Fen,
  credit: Fen,
  memo: z.string().trim().max(200).default(''),
});

const entryFields = {
  storeId: Id,
  date: BusinessDate.describe('Business date of the entry; must be in an open period'),
  memo: z.string().trim().min(1).max(500),
  lines: z.array(ManualEntryLine).min(2).max(500),
};

export const ManualEntryCreateBody = z.strictObject({ id: ClientId, ...entryFields });
export const ManualEntryPatchBody = z
  .strictObject({
    date: entryFields.date.optional(),
    memo: entryFields.memo.optional(),
    lines: entryFields.lines.optional(),
    /** The version the editor saw; a draft changed since then is a 409. */
    version: z.number().int().min(1).optional(),
  })
  .refine((b) => b.date !== undefined || b.memo !== undefined || b.lines !== undefined, { message: 'Nothing to change' });

export const ManualEntryListQuery = z.strictObject({
  storeId: Id.optional(),
  status: z.enum(MANUAL_ENTRY_STATUSES).optional(),
  from: BusinessDate.optional(),
  to: BusinessDate.optional(),
  ...Paging,
});

export const ManualEntryApproveBody = z.strictObject({
  /** The version the approver reviewed; an entry edited since is a 409, never posted unseen. */
  version: z.number().int().min(1).optional(),
});
export const ManualEntryRejectBody = z.strictObject({ reason: z.string().trim().min(1).max(500) });

export const ReverseBody = z.strictObject({
  id: ClientId.optional().describe('Client id of the reversal document: a retry with it replays the first answer'),
  date: BusinessDate.optional().describe('Default: today in the store\'s time zone'),
  memo: z.string().trim().min(1).max(500),
});
export const DocumentIdParams = z.strictObject({ documentId: Id });

export const YearEndCloseBody = z.strictObject({ year: z.number().int().min(2000).max(2999) });

export interface ManualEntryView {
  id: string;
  storeId: string;
  date: string;
  memo: string;
  status: ManualEntryStatus;
  version: number;
  total: number;
  createdBy: string;
  createdByName: string | null;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  rejectReason: string | null;
  documentId: string | null;
  documentNumber: string | null;
  reversalDocumentId: string | null;
  lines?: { account: string; accountName: string | null; accountNameEn: string | null; debit: number; credit: number; memo: string }[];
}
