// Transfers between stores (调拨): ship now (goods leave the source and are in transit), receive
// in one or more parts at the destination, or close what will never arrive.
import { z } from 'zod';
import { ClientId, ExportParams, Id, Paging, Qty, sortParam } from './common';

const PositiveQty = Qty.refine((q) => q > 0, 'Quantity must be positive');

export const TRANSFER_STATUSES = ['shipped', 'partially_received', 'received', 'closed'] as const;
export const TransferStatus = z.enum(TRANSFER_STATUSES);

export const ShipTransferBody = z.strictObject({
  id: ClientId.describe('Client UUIDv7: the transfer id and the client id of its transfer_out document'),
  fromStoreId: Id,
  toStoreId: Id,
  fromLocationId: Id.optional().describe("Default: the source store's main location"),
  memo: z.string().trim().max(500).optional(),
  lines: z
    .array(
      z.strictObject({
        productId: Id,
        qty: PositiveQty.describe('Thousandths of the base unit'),
        batchId: Id.optional().describe('Ship this batch only; otherwise FEFO (earliest expiry first)'),
      }),
    )
    .min(1)
    .max(1000),
});

export const ReceiveTransferBody = z.strictObject({
  id: ClientId.describe('Client UUIDv7 of the transfer_in document'),
  toLocationId: Id.optional().describe("Default: the destination store's main location"),
  lines: z
    .array(
      z.strictObject({
        lineNo: z.number().int().min(1).max(1_000_000).describe('Transfer line number (one per product × batch shipped)'),
        qty: PositiveQty.describe('Thousandths received now; at most shipped − already received'),
      }),
    )
    .min(1)
    .max(1000),
});

export const CloseTransferBody = z.strictObject({
  id: ClientId.describe('Client UUIDv7 of the closing document'),
  reason: z.string().trim().min(1).max(500),
  approvalToken: z.string().min(1).max(200).optional().describe("A destination manager's approval (action transfer.close) when the caller is not one"),
});

export const TRANSFER_SORTS = ['createdAt', 'updatedAt', 'status'] as const;
export const TransferListQuery = z.strictObject({
  storeId: Id.optional().describe('Transfers from OR to this store'),
  status: TransferStatus.optional(),
  sort: sortParam(TRANSFER_SORTS, '-createdAt'),
  ...ExportParams,
  ...Paging,
});
