import { z } from 'zod';
import { ClientId, ExportParams, Fen, Id, Paging, sortParam } from './common';

export const OpenShiftBody = z.strictObject({
  id: ClientId,
  registerId: Id,
  openingFloat: Fen.describe('Cash in the drawer at the start of the shift (备用金), in fen'),
});

export const CurrentShiftQuery = z.strictObject({ registerId: Id });

const Count = z.number().int().min(0).max(1_000_000);

/** Notes and coins counted in the drawer, by face value in yuan: {"100": 5, "0.5": 2}. */
export const CashCount = z
  .strictObject({ '100': Count, '50': Count, '20': Count, '10': Count, '5': Count, '1': Count, '0.5': Count, '0.1': Count })
  .partial()
  .describe('How many of each note / coin: ¥100, 50, 20, 10, 5, 1, 0.5 (5 角), 0.1 (1 角)');

/** Non-cash methods a cashier can count from the terminal's or wallet's settlement slip. */
export const CountedMethods = z
  .strictObject({ wechat: Fen, alipay: Fen, unionpay: Fen, card: Fen, stored_value: Fen, voucher: Fen })
  .partial()
  .describe('Counted totals per non-cash method (fen); a method left out is taken as expected');

export const CloseShiftBody = z.strictObject({
  id: ClientId.describe('Client id of the close (交接班) document; a retry with it replays'),
  cash: CashCount,
  counted: CountedMethods.default({}),
  note: z.string().trim().max(500).optional(),
});
export type CloseShiftInput = z.infer<typeof CloseShiftBody>;

export const DayCloseParams = z.strictObject({ id: Id });
export const DayCloseBody = z.strictObject({
  id: ClientId.describe('Client id of the day close; a retry with it replays'),
  businessDate: z.iso.date().describe('The store’s business date to close, YYYY-MM-DD'),
});
export const DayCloseQuery = z.strictObject({ businessDate: z.iso.date() });

/** Shifts of a store by business date (GET /shifts), with their close's cash figures. */
export const SHIFT_SORTS = ['businessDate', 'openedAt', 'closedAt', 'overShort'] as const;
export const ShiftListQuery = z.strictObject({
  storeId: Id,
  registerId: Id.optional(),
  status: z.enum(['open', 'closed']).optional(),
  from: z.iso.date().optional().describe('First business date (inclusive)'),
  to: z.iso.date().optional().describe('Last business date (inclusive)'),
  sort: sortParam(SHIFT_SORTS, '-businessDate'),
  ...ExportParams,
  ...Paging,
});
export type ShiftListInput = z.infer<typeof ShiftListQuery>;
