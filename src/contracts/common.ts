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

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}
