// The sales journal row (GET /api/v1/sales), shared by the server and the office. No zod here, so
// the office can import the kinds as values without bundling the request schemas.
export const SALE_KINDS = ['sale', 'return', 'exchange', 'void'] as const;
export type SaleKind = (typeof SALE_KINDS)[number];

/** Which flags the review list (GET /api/v1/sales/review) shows. */
export const SALE_FLAG_STATUSES = ['open', 'reviewed', 'all'] as const;
export type SaleFlagStatus = (typeof SALE_FLAG_STATUSES)[number];

export interface SalesJournalItem {
  documentId: string;
  number: string;
  kind: SaleKind;
  storeId: string;
  registerId: string;
  registerCode: string | null;
  shiftId: string;
  businessDate: string;
  postedAt: string;
  cashierId: string;
  cashierName: string | null;
  offline: boolean;
  subtotal: number;
  rounding: number;
  due: number;
  tax: number;
  originalDocumentId: string | null;
  originalNumber: string | null;
  /** Flags raised for review (offline price differences, stock below zero…). */
  flags: number;
}
