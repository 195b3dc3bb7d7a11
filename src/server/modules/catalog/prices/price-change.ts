// A price change (调价单) as stored: its scope ('all' stores = the company price, or a list of
// stores = their overrides) and lines, parsed from the row. Also where its documents live: one
// price_change document per store, with a client id derived from the change and the store, so
// posting them again after an interruption replays instead of duplicating.
import type { Selectable } from 'kysely';
import type { PriceChangesTable } from '../../../../db/schema';

export type PriceChangeStatus = 'draft' | 'scheduled' | 'applying' | 'applied' | 'cancelled';

export interface PriceLine {
  productId: string;
  price: number;
  /** null removes the member price; undefined keeps the current one. */
  memberPrice?: number | null;
}

export interface PriceChange {
  id: string;
  companyId: string;
  status: PriceChangeStatus;
  effectiveAt: string;
  stores: 'all' | string[];
  lines: PriceLine[];
  reason: string;
  createdBy: string;
  approvedBy: string | null;
  documentId: string | null;
  createdAt: string;
  updatedAt: string;
  appliedAt: string | null;
}

export interface Price {
  price: number;
  memberPrice: number | null;
}

/** Prices each store charged just before a change to all stores took effect. */
export interface PriceSnapshot {
  company: Record<string, Price>;
  overrides: Record<string, Record<string, Price>>;
}

export function parsePriceChange(r: Selectable<PriceChangesTable>): PriceChange {
  return {
    id: r.id,
    companyId: r.company_id,
    status: r.status as PriceChangeStatus,
    effectiveAt: r.effective_at,
    stores: JSON.parse(r.stores_json) as 'all' | string[],
    lines: JSON.parse(r.lines_json) as PriceLine[],
    reason: r.reason,
    createdBy: r.created_by,
    approvedBy: r.approved_by,
    documentId: r.document_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    appliedAt: r.applied_at,
  };
}

export function priceDocumentClientId(changeId: string, storeId: string): string {
  return `price-change:${changeId}:${storeId}`;
}
