// Building blocks shared by every contract: money in fen, quantities in thousandths, client ids.
import { z } from 'zod';

/** Integer fen, never negative, never fractional (ARCHITECTURE §2). */
export const Fen = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).describe('Amount in fen (1 yuan = 100)');
/** Integer thousandths of the unit; 1 piece = 1000, 0.538 kg = 538. */
export const Qty = z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).describe('Quantity in thousandths of the unit');
export const ClientId = z.uuid({ version: 'v7' }).describe('Client-generated UUIDv7; a retry with the same id is recognised');
export const Id = z.string().min(1).max(64);
export const Code = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/, 'Letters, digits, - and _ only');
export const Name = z.string().trim().min(1).max(200);
export const AccountCode = z.string().regex(/^\d{4,10}$/, 'An account code is 4 to 10 digits');

export const Paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};

export const IdParams = z.strictObject({ id: Id });

/** `format=csv|xlsx|pdf` on a report or list route asks for a file instead of JSON. */
export const ExportFormatQuery = z.enum(['csv', 'xlsx', 'pdf']).describe('Download as a file instead of JSON');
/** The language of an export's headers (the office's two languages). */
export const ExportLangQuery = z.enum(['zh-CN', 'en']).default('zh-CN');
/** Spread into a route's query: JSON without `format`, a file with it. */
export const ExportParams = { format: ExportFormatQuery.optional(), lang: ExportLangQuery };

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

/** `field` sorts ascending, `-field` descending. */
export type SortValue<F extends string> = F | `-${F}`;

/**
 * The `sort` query parameter of a list: `sort=field` or `sort=-field` from the list's whitelist
 * (only fields the server can order by an index or a small set), so an unknown field is a 400
 * naming `sort`, never a silently ignored order.
 */
export function sortParam<const F extends readonly [string, ...string[]]>(fields: F, fallback: SortValue<F[number]>) {
  const values = fields.flatMap((f) => [f, `-${f}`]) as [SortValue<F[number]>, ...SortValue<F[number]>[]];
  // `as never`: zod cannot see through the generic that the fallback is one of the values.
  return z.enum(values).default(fallback as never).describe(`Sort by ${fields.join(', ')}; a leading - sorts descending`);
}

export function parseSort<F extends string>(sort: SortValue<F>): { field: F; direction: 'asc' | 'desc' } {
  return sort.startsWith('-') ? { field: sort.slice(1) as F, direction: 'desc' } : { field: sort as F, direction: 'asc' };
}
