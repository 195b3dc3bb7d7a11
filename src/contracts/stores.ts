import { z } from 'zod';
import { Code, ExportParams, Id, Name, Paging, sortParam } from './common';

const StoreFields = {
  name: Name,
  timezone: z.string().min(1).max(64).describe('IANA time zone; business dates use it'),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. CNY'),
  receiptHeader: z.string().max(500),
};

export const CreateStoreBody = z.strictObject({
  code: Code,
  name: StoreFields.name,
  timezone: StoreFields.timezone.optional(),
  currency: StoreFields.currency.optional(),
  receiptHeader: StoreFields.receiptHeader.optional(),
});

export const UpdateStoreBody = z.strictObject({
  name: StoreFields.name.optional(),
  timezone: StoreFields.timezone.optional(),
  currency: StoreFields.currency.optional(),
  receiptHeader: StoreFields.receiptHeader.optional(),
});

export const STORE_SORTS = ['code', 'name', 'createdAt'] as const;
/** Stores are few: a page holds all of them unless the caller asks for less. */
export const StoreListQuery = z.strictObject({ sort: sortParam(STORE_SORTS, 'code'), ...ExportParams, page: Paging.page, pageSize: Paging.pageSize.default(500) });

export const RegisterListQuery = z.strictObject({ storeId: Id.optional(), ...Paging });

export const LocationListQuery = z.strictObject({ storeId: Id.optional(), ...Paging });
export const CreateLocationBody = z.strictObject({
  storeId: Id,
  code: Code,
  name: Name,
  kind: z.enum(['warehouse', 'store']).describe('A back-room or off-site warehouse, or another sales floor'),
});
export const CreateRegisterBody = z.strictObject({ storeId: Id, code: Code, name: Name });
