// Tests that need a journal entry as a fixture post it the one way the books take a manual entry:
// drafted by one user, approved by another (docs/accounting.md, 手工凭证). There is no shortcut
// that posts without the second person, so fixtures cannot drift from what users can do. The
// accounting tests' books start from booksFixture (who drafts, who approves, a stocked product)
// and sell it with sellForCash.
import type { LightMyRequestResponse } from 'fastify';
import { uuidv7 } from '../../../core/id/uuidv7';
import { businessDate } from '../../../core/time/business-date';
import { stockFixtures } from '../../inventory/test-stock';
import type { TestApp } from '../../testing';
import { newProduct } from '../inventory/test-fixtures';

export const MANUAL_ENTRIES = '/api/v1/journal/manual-entries';

export interface ManualEntryFixture {
  id?: string;
  storeId: string;
  /** Business date; default today in Asia/Shanghai by the server's clock (the demo stores' zone). */
  date?: string;
  memo: string;
  lines: { account: string; debit: number; credit: number; memo?: string }[];
}

/** The draft and approval answers; `posted` is the `manual_entry` document when both succeeded. */
export interface ManualEntryOutcome {
  draft: LightMyRequestResponse;
  approval: LightMyRequestResponse | null;
  posted: { id: string; number: string; businessDate: string; manualEntryId: string } | null;
}

/**
 * Drafts `entry` as `drafter` and approves it as `approver` (two different users: the server
 * refuses self-approval). Stops after a refused draft and answers both responses, so a test can
 * assert on whichever step refused.
 */
export async function draftAndApprove(t: TestApp, drafter: string, approver: string, entry: ManualEntryFixture): Promise<ManualEntryOutcome> {
  const body = { id: entry.id ?? uuidv7(), date: entry.date ?? businessDate(t.services.clock(), 'Asia/Shanghai'), storeId: entry.storeId, memo: entry.memo, lines: entry.lines };
  const draft = await t.call(drafter, 'POST', MANUAL_ENTRIES, body);
  if (draft.statusCode !== 201 && draft.statusCode !== 200) return { draft, approval: null, posted: null };
  const approval = await t.call(approver, 'POST', `${MANUAL_ENTRIES}/${body.id}/approve`, {});
  return { draft, approval, posted: approval.statusCode === 201 || approval.statusCode === 200 ? approval.json() : null };
}

/** `draftAndApprove` for a fixture that must post: throws with the refusing answer otherwise. */
export async function postManualEntry(t: TestApp, drafter: string, approver: string, entry: ManualEntryFixture) {
  const r = await draftAndApprove(t, drafter, approver, entry);
  if (!r.posted) {
    const refused = r.approval ?? r.draft;
    throw new Error(`manual entry not posted: ${refused.statusCode} ${refused.body}`);
  }
  return r.posted;
}

/** The fixture product's price: ¥11.30 including 13 % VAT, so a unit is revenue 1000 and VAT 130. */
export const BOOKS_PRODUCT_PRICE = 1130;

export interface BooksFixture {
  /** Drafts manual entries and closes the books. */
  finance: string;
  /** Approves finance's entries. */
  owner: string;
  cashier: string;
  /** ¥11.30 at 13 %; S01 holds 10 units at a cost of ¥5.00 each. */
  productId: string;
}

/** Signs in finance, the owner and the cashier, and stocks the fixture product in S01 (10 units at ¥5.00). */
export async function booksFixture(t: TestApp): Promise<BooksFixture> {
  const finance = await t.login('finance');
  const owner = await t.login('owner');
  const cashier = await t.login('cashier');
  const productId = await newProduct(t, { price: BOOKS_PRODUCT_PRICE, taxRate: 1300 });
  await (await stockFixtures(t)).stockIn(t.ids.s01, productId, 10_000, 5_000);
  return { finance, owner, cashier, productId };
}

/**
 * Opens a shift on S01's R01 as the cashier and rings up one cash sale of the fixture product per
 * quantity (thousandths, whole units so the amount is exact), dated by the app's clock.
 */
export async function sellForCash(t: TestApp, fixture: BooksFixture, quantities: number[]): Promise<void> {
  const shift = await t.call(fixture.cashier, 'POST', '/api/v1/shifts', { id: uuidv7(), registerId: t.ids.r01, openingFloat: 0 });
  if (shift.statusCode !== 201) throw new Error(`shift not opened: ${shift.statusCode} ${shift.body}`);
  for (const qty of quantities) {
    const amount = (BOOKS_PRODUCT_PRICE * qty) / 1000;
    const sale = await t.call(fixture.cashier, 'POST', '/api/v1/sales', {
      id: uuidv7(),
      registerId: t.ids.r01,
      shiftId: shift.json().id,
      offline: false,
      clientTime: t.services.clock().toISOString(),
      lines: [{ productId: fixture.productId, qty }],
      payments: [{ method: 'cash', amount }],
      clientTotal: amount,
    });
    if (sale.statusCode !== 201) throw new Error(`sale not posted: ${sale.statusCode} ${sale.body}`);
  }
}
