// Checkout (收银结账) as named steps, each undone if a later one fails (the Medusa workflow idea):
//
//   1. register     the caller may sell on this register (another store's → 404)
//   2. replay       the sale id was posted before: same body → the stored answer, no new charge
//   3. shift        online: the open shift of the register; offline: any shift of it (flagged if closed)
//   4. resolve      codes → products, packs, scale labels (lookupCode)
//   5. price        priceBasket: server prices online (client total must match), till prices offline
//   6. tender       payment shapes, then settlePayments (change)
//   7. approvals    a non-manager's price override or large discount needs a manager's token
//   8. charge       wallets through the PaymentProvider            undo: reverse the charges
//   9. post         one document: lines, stock moves, journal, audit chain of the register
//
// A training sale (培训模式) stops after step 7 and answers a receipt marked TRAINING.
//
// Only step 8 reaches outside the database, and it runs after every check that can fail on the
// request alone, so a customer is charged only for a sale that is about to be recorded; if posting
// still fails (out of stock under the block policy, an approval spent meanwhile), the charges are
// reversed unless the failure is a concurrent retry of the same sale that did get posted.
import type { Kysely } from 'kysely';
import type { SaleInput } from '../../contracts/sales';
import { runBatch, type DialectInfo } from '../../db/dialect';
import type { DB } from '../../db/schema';
import type { AuthContext } from '../auth/auth-context';
import { roleGrants } from '../auth/permissions';
import type { Clock } from '../clock';
import { conflict, notFound, Problem } from '../http/problem';
import type { PostingEngine } from '../posting/engine';
import { payloadHash } from '../posting/payload-hash';
import type { PostOutcome } from '../posting/types';
import { findPosted, postedOutcome, postedStatement } from '../posting/write-document';
import { priceSale } from '../modules/sales/price-sale';
import { resolveLines, saleLookupStatement } from '../modules/sales/resolve-lines';
import type { SaleFlag } from '../modules/sales/sale-flags';
import { buildSalePlan, saleClaimLocks } from '../modules/sales/sale-plan';
import { checkTenders, settle } from '../modules/sales/tender';
import { chargeWallets, reverseCharges, type PaymentsConfig } from '../modules/sales/wallet-charges';
import type { PostingRulesCache } from '../modules/posting-rules/cache';
import { tillRegisterFrom, tillRegisterStatement } from '../modules/shifts/register-access';
import { trainingReceipt } from '../modules/sales/training';
import { checkoutSettingsFrom, registerCheckoutSettingsStatement } from '../modules/store-settings/service';

export interface CheckoutDeps {
  db: Kysely<DB>;
  engine: PostingEngine;
  clock: Clock;
  dialect: DialectInfo;
  payments: PaymentsConfig;
  postingRules: PostingRulesCache;
}

export async function checkout(deps: CheckoutDeps, auth: AuthContext, sale: SaleInput): Promise<PostOutcome> {
  const { db } = deps;
  const companyId = auth.user.companyId;

  // Steps 1–4 read in one round trip (docs/decisions/0004-sale-round-trips.md): the register, a
  // prior posting of this id, the shift, the store's settings, sales floor (its MAIN location) and
  // the basket's products at its prices, the last three found through the register. Refusals keep
  // the order of the steps.
  const hash = payloadHash({ ...sale, approvalToken: undefined });
  const lookup = saleLookupStatement(companyId, sale.registerId, sale.lines);
  const [registerRows, priorRows, shiftRows, settingRows, locationRows, lookupRows] = await runBatch(db, [
    tillRegisterStatement(companyId, sale.registerId),
    postedStatement({ companyId, clientId: sale.id }),
    { text: 'SELECT id, register_id, status, closed_at FROM shifts WHERE id = ? AND company_id = ?', params: [sale.shiftId, companyId], returns: true },
    registerCheckoutSettingsStatement(sale.registerId),
    { text: "SELECT id FROM locations WHERE code = 'MAIN' AND store_id = (SELECT store_id FROM registers WHERE id = ?)", params: [sale.registerId], returns: true },
    ...(lookup.statement ? [lookup.statement] : []),
  ]);

  // 1. register
  const register = tillRegisterFrom(registerRows[0] as never, auth, 'sales.create', sale.registerId);
  const storeId = register.storeId;

  // 2. replay — a retry may carry a fresh approval token; it is still the same sale.
  const prior = sale.training ? null : postedOutcome(priorRows[0] as never, { clientId: sale.id, payloadHash: hash });
  if (prior) return prior;

  // 3. shift
  const flags: SaleFlag[] = [];
  const shift = shiftRows[0] as { id: string; register_id: string; status: string; closed_at: string | null } | undefined;
  if (!shift || shift.register_id !== register.id) throw notFound('Shift', 'shiftId');
  if (shift.status !== 'open') {
    if (!sale.offline) throw conflict('shift_closed', 'The shift is closed; open a new shift to sell', 'shiftId');
    flags.push({ kind: 'shift_closed', lineNo: 0, detail: { shiftId: shift.id, closedAt: shift.closed_at } });
  }

  // 4. resolve — goods leave the store's sales floor.
  const settings = checkoutSettingsFrom(settingRows as { key: string; value_json: string }[]);
  const location = locationRows[0] as { id: string } | undefined;
  if (!location) throw notFound('Store', 'registerId');
  const resolved = await resolveLines(db, { companyId, storeId, settings, member: sale.memberCode !== undefined }, sale.lines, lookup.read(lookupRows ?? []));

  // 5. price
  const priced = priceSale({ sale, resolved, settings });
  flags.push(...priced.flags);

  // 6. tender
  checkTenders(sale.payments, sale.offline);
  const change = settle(priced.basket.due, sale.payments);

  // 7. approvals — a manager selling approves their own overrides.
  const isManager = auth.roles.some((r) => roleGrants(r.role, 'approvals.grant') && (r.storeId === null || r.storeId === storeId));
  const approvalsNeeded = isManager ? [] : priced.approvalsNeeded;
  if (approvalsNeeded.length && !sale.offline && sale.approvalToken === undefined) {
    throw new Problem(403, 'approval_required', `A manager must approve: ${approvalsNeeded.join(', ')}`, [{ field: 'approvalToken', message: 'Manager approval required' }], {
      actions: approvalsNeeded,
    });
  }

  // Training mode (培训模式): checked like a sale up to here; nothing is charged, numbered or posted.
  if (sale.training) return { replayed: false, document: trainingReceipt({ sale, storeId, shiftId: shift.id, resolved, priced, change, at: deps.clock() }) };

  // 8. charge
  const charges = sale.offline
    ? { refs: new Map<number, string>(), paymentIds: [] }
    : await chargeWallets(deps.payments, { id: sale.id, payloadHash: hash, description: `Sale at ${register.code}` }, sale.payments);

  // 9. post
  const request = {
    clientId: sale.id,
    companyId,
    storeId,
    registerId: register.id,
    type: 'sale' as const,
    actorId: auth.user.id,
    payloadHash: hash,
    occurredAt: sale.offline ? tillTime(sale.clientTime, deps.clock()) : undefined,
    claimLocks: saleClaimLocks(deps.dialect, storeId, resolved),
    build: buildSalePlan(deps, {
      sale,
      companyId,
      storeId,
      locationId: location.id,
      shiftId: shift.id,
      resolved,
      priced,
      change,
      providerRefs: charges.refs,
      approvalsNeeded,
      blockOversell: !sale.offline && settings.oversell === 'block',
      flags,
    }),
  };
  try {
    return await deps.engine.post(request);
  } catch (err) {
    // A concurrent retry of this very sale may have posted it while this attempt failed (it then
    // found the last unit gone, say): the charge is that sale's, so answer with it and keep it.
    const posted = await findPosted(db, request).catch((e: unknown) => (e instanceof Problem ? null : Promise.reject(e)));
    if (posted) return posted;
    await reverseCharges(deps.payments, charges.paymentIds);
    throw err;
  }
}

/** An offline sale belongs to the moment the till rang it up, never to the future. */
function tillTime(clientTime: string, now: Date): Date {
  const at = new Date(clientTime);
  return at.getTime() < now.getTime() ? at : now;
}
