// The document types of the foundation, all posted through the one engine: opening balances
// (stock + accounts) and cash paid-in / paid-out of a register. Manual journal entries are drafted
// and approved by two people in modules/journal (the older one-person `journal_entry` route is gone;
// its documents stay readable and reversible).
import type { Kysely } from 'kysely';
import type { SortValue } from '../../../contracts/common';
import type { DOCUMENT_SORT_FIELDS } from '../../../contracts/documents';
import { mulDivRound } from '../../../core/money/round';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { roleGrants } from '../../auth/permissions';
import { Problem, badRequest, notFound, unprocessable } from '../../http/problem';
import type { PostingEngine } from '../../posting/engine';
import { payloadHash } from '../../posting/payload-hash';
import type { JournalLineInput, PostOutcome } from '../../posting/types';
import { ACCOUNTS } from '../accounts/chart';
import { consumeApproval } from '../auth/service';
import type { Clock } from '../../clock';
import { orderBySort } from '../../lists/sort';

export interface OpeningBalanceInput {
  id: string;
  storeId: string;
  memo?: string;
  stock: { productId: string; qty: number; unitCost: number }[];
  accounts: { account: string; debit: number; credit: number }[];
}

export interface CashMovementInput {
  id: string;
  registerId: string;
  direction: 'in' | 'out';
  amount: number;
  reason: string;
  account?: string;
  approvalToken?: string;
}

type DocumentSort = SortValue<(typeof DOCUMENT_SORT_FIELDS)[number]>;

export class DocumentsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly engine: PostingEngine,
    private readonly clock: Clock,
  ) {}

  async postOpeningBalance(auth: AuthContext, input: OpeningBalanceInput): Promise<PostOutcome> {
    auth.requireStore('opening.post', input.storeId);
    if (!input.stock.length && !input.accounts.length) {
      throw badRequest('empty_document', 'Give at least one stock line or account line', 'stock');
    }
    const products = await this.productsById(auth.user.companyId, input.stock.map((s) => s.productId));
    input.stock.forEach((s, i) => {
      if (!products.has(s.productId)) throw notFound('Product', `stock.${i}.productId`);
    });
    await this.assertAccounts(auth.user.companyId, input.accounts.map((a) => a.account), 'accounts');
    checkDebitCreditLines(input.accounts, 'accounts');
    const location = await this.defaultLocation(input.storeId);

    return this.engine.post({
      clientId: input.id,
      companyId: auth.user.companyId,
      storeId: input.storeId,
      type: 'opening_balance',
      actorId: auth.user.id,
      payloadHash: payloadHash(input),
      build: async () => {
        const stockLines = input.stock.map((s) => ({ ...s, value: mulDivRound(s.unitCost, s.qty, 1000) }));
        const stockValue = stockLines.reduce((sum, s) => sum + s.value, 0);
        const journal: JournalLineInput[] = [];
        if (stockValue > 0) journal.push({ account: ACCOUNTS.inventory, debit: stockValue, credit: 0, memo: 'Opening stock' });
        for (const a of input.accounts) journal.push({ account: a.account, debit: a.debit, credit: a.credit });
        // Whatever the opening figures leave unbalanced is the owner's opening equity.
        const diff = journal.reduce((s, l) => s + l.debit - l.credit, 0);
        if (diff > 0) journal.push({ account: ACCOUNTS.openingEquity, debit: 0, credit: diff, memo: 'Opening equity' });
        if (diff < 0) journal.push({ account: ACCOUNTS.openingEquity, debit: -diff, credit: 0, memo: 'Opening equity' });
        return {
          total: stockValue,
          memo: input.memo ?? 'Opening balances',
          lines: [
            ...stockLines.map((s) => ({ productId: s.productId, qty: s.qty, unitPrice: s.unitCost, amount: s.value })),
            ...input.accounts.map((a) => ({ accountCode: a.account, qty: 0, unitPrice: 0, amount: a.debit - a.credit })),
          ],
          moves: stockLines
            .map((s, i) => ({ lineNo: i + 1, locationId: location, productId: s.productId, qty: s.qty, costValue: s.value }))
            .filter((m) => m.qty !== 0),
          journal: journal.length >= 2 ? [{ memo: 'Opening balances', lines: journal }] : [],
          auditData: { stockLines: stockLines.length, accountLines: input.accounts.length },
        };
      },
    });
  }

  async postCashMovement(auth: AuthContext, input: CashMovementInput): Promise<PostOutcome> {
    const register = await this.db
      .selectFrom('registers')
      .innerJoin('stores', 'stores.id', 'registers.store_id')
      .select(['registers.id', 'registers.store_id'])
      .where('registers.id', '=', input.registerId)
      .where('stores.company_id', '=', auth.user.companyId)
      .executeTakeFirst();
    const ownRegister = auth.session.registerId === null || auth.session.registerId === input.registerId;
    if (!register || !ownRegister || !auth.can('cash.move', register.store_id)) throw notFound('Register', 'registerId');
    const storeId = register.store_id;
    const counter = input.account ?? (input.direction === 'in' ? ACCOUNTS.bank : ACCOUNTS.sellingExpenses);
    if (counter === ACCOUNTS.cash) throw badRequest('account_invalid', 'The counter account cannot be the cash account itself', 'account');
    await this.assertAccounts(auth.user.companyId, [counter], 'account');
    // Money leaving the drawer needs a manager: either the actor is one, or a manager approved.
    const needsApproval = input.direction === 'out' && !auth.roles.some((r) => roleGrants(r.role, 'approvals.grant') && (r.storeId === null || r.storeId === storeId));
    if (needsApproval && !input.approvalToken) {
      throw new Problem(403, 'approval_required', 'A manager must approve a paid-out', [{ field: 'approvalToken', message: 'Manager approval required' }]);
    }

    return this.engine.post({
      clientId: input.id,
      companyId: auth.user.companyId,
      storeId,
      registerId: input.registerId,
      type: input.direction === 'in' ? 'cash_in' : 'cash_out',
      actorId: auth.user.id,
      payloadHash: payloadHash({ ...input, approvalToken: undefined }),
      build: async (trx, ctx) => {
        const approvedBy =
          needsApproval && input.approvalToken ? await consumeApproval(trx, input.approvalToken, 'cash.paid_out', storeId, this.clock()) : null;
        // The shift whose drawer the money goes into / out of; read after the register's counter
        // was bumped, so a racing shift close has committed (or waits for this document).
        const shift = await trx.selectFrom('shifts').select('id').where('register_id', '=', input.registerId).where('status', '=', 'open').executeTakeFirst();
        const shiftId = shift?.id ?? null;
        const cashLine = { account: ACCOUNTS.cash, debit: 0, credit: 0 };
        const counterLine = { account: counter, debit: 0, credit: 0 };
        if (input.direction === 'in') {
          cashLine.debit = input.amount;
          counterLine.credit = input.amount;
        } else {
          cashLine.credit = input.amount;
          counterLine.debit = input.amount;
        }
        return {
          total: input.amount,
          memo: input.reason,
          approvedBy,
          lines: [{ accountCode: counter, qty: 0, unitPrice: 0, amount: input.amount, data: { direction: input.direction } }],
          moves: [],
          journal: [{ memo: `${input.direction === 'in' ? 'Paid-in' : 'Paid-out'}: ${input.reason}`, lines: [cashLine, counterLine] }],
          auditData: { direction: input.direction, reason: input.reason, shiftId },
          result: { direction: input.direction, shiftId },
          afterDocument: async (t) => {
            await t
              .insertInto('shift_cash_movements')
              .values({ document_id: ctx.documentId, store_id: storeId, register_id: input.registerId, shift_id: shiftId, direction: input.direction, amount: input.amount })
              .execute();
          },
        };
      },
    });
  }

  async list(auth: AuthContext, q: { storeId?: string; type?: string; from?: string; to?: string; sort?: DocumentSort; page: number; pageSize: number }) {
    let query = this.db
      .selectFrom('documents')
      .leftJoin('users', 'users.id', 'documents.posted_by')
      .where('documents.company_id', '=', auth.user.companyId);
    if (q.storeId) {
      auth.requireStore('documents.read', q.storeId);
      query = query.where('documents.store_id', '=', q.storeId);
    } else {
      const scope = auth.storesWith('documents.read');
      if (scope !== 'all') {
        if (!scope.length) return { items: [], total: 0 };
        query = query.where('documents.store_id', 'in', scope);
      }
    }
    if (q.type) query = query.where('documents.type', '=', q.type);
    if (q.from) query = query.where('documents.business_date', '>=', q.from);
    if (q.to) query = query.where('documents.business_date', '<=', q.to);
    const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    // Ties (one business date, one instant) fall back to the id, a UUIDv7: posting order.
    const rows = await orderBySort(query.select(SUMMARY_COLUMNS), q.sort ?? '-postedAt', {
      postedAt: 'documents.posted_at',
      businessDate: ['documents.business_date', 'documents.posted_at'],
      number: 'documents.number',
      total: 'documents.total',
    }, 'documents.id')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return { items: rows.map(toSummary), total: Number(total) };
  }

  async get(auth: AuthContext, id: string) {
    const doc = await this.db
      .selectFrom('documents')
      .leftJoin('users', 'users.id', 'documents.posted_by')
      .select(SUMMARY_COLUMNS)
      .where('documents.id', '=', id)
      .where('documents.company_id', '=', auth.user.companyId)
      .executeTakeFirst();
    if (!doc || !auth.can('documents.read', doc.store_id)) throw notFound('Document');
    const [lines, moves, journal] = await Promise.all([
      this.db
        .selectFrom('document_lines')
        .leftJoin('products', 'products.id', 'document_lines.product_id')
        .leftJoin('accounts', (j) => j.on('accounts.company_id', '=', auth.user.companyId).onRef('accounts.code', '=', 'document_lines.account_code'))
        .select(['line_no', 'product_id', 'products.name as product_name', 'account_code', 'accounts.name as account_name', 'accounts.name_en as account_name_en', 'qty', 'unit_price', 'amount', 'data_json'])
        .where('document_id', '=', id)
        .orderBy('line_no')
        .execute(),
      this.db
        .selectFrom('stock_moves')
        .innerJoin('products', 'products.id', 'stock_moves.product_id')
        .select(['move_no', 'line_no', 'stock_moves.product_id', 'products.name as product_name', 'location_id', 'batch_id', 'qty', 'cost_value'])
        .where('document_id', '=', id)
        .orderBy('move_no')
        .execute(),
      this.db
        .selectFrom('journal_lines')
        .innerJoin('journal_entries', 'journal_entries.id', 'journal_lines.entry_id')
        .innerJoin('accounts', (j) => j.onRef('accounts.company_id', '=', 'journal_lines.company_id').onRef('accounts.code', '=', 'journal_lines.account_code'))
        .select(['journal_entries.id as entry_id', 'journal_entries.memo as entry_memo', 'journal_lines.line_no', 'account_code', 'accounts.name', 'accounts.name_en', 'debit', 'credit', 'journal_lines.memo'])
        .where('journal_entries.document_id', '=', id)
        .orderBy('journal_entries.id')
        .orderBy('journal_lines.line_no')
        .execute(),
    ]);
    const entries = new Map<string, { entryId: string; memo: string; lines: unknown[] }>();
    for (const j of journal) {
      const e = entries.get(j.entry_id) ?? { entryId: j.entry_id, memo: j.entry_memo, lines: [] };
      e.lines.push({ account: j.account_code, accountName: j.name, accountNameEn: j.name_en, debit: j.debit, credit: j.credit, memo: j.memo });
      entries.set(j.entry_id, e);
    }
    return {
      ...toSummary(doc),
      lines: lines.map((l) => ({
        lineNo: l.line_no,
        productId: l.product_id,
        productName: l.product_name,
        account: l.account_code,
        accountName: l.account_name,
        accountNameEn: l.account_name_en,
        qty: l.qty,
        unitPrice: l.unit_price,
        amount: l.amount,
        data: l.data_json ? JSON.parse(l.data_json) : null,
      })),
      moves: moves.map((m) => ({
        moveNo: m.move_no,
        lineNo: m.line_no,
        productId: m.product_id,
        productName: m.product_name,
        locationId: m.location_id,
        batchId: m.batch_id,
        qty: m.qty,
        costValue: m.cost_value,
      })),
      journal: [...entries.values()],
    };
  }

  private async productsById(companyId: string, ids: string[]) {
    if (!ids.length) return new Set<string>();
    const rows = await this.db.selectFrom('products').select('id').where('company_id', '=', companyId).where('id', 'in', [...new Set(ids)]).execute();
    return new Set(rows.map((r) => r.id));
  }

  private async assertAccounts(companyId: string, codes: string[], field: string) {
    if (!codes.length) return;
    // A deactivated account keeps its history but takes no new postings (docs/accounting.md).
    const rows = await this.db.selectFrom('accounts').select('code').where('company_id', '=', companyId).where('code', 'in', [...new Set(codes)]).where('active', '=', 1).execute();
    const known = new Set(rows.map((r) => r.code));
    codes.forEach((c, i) => {
      if (!known.has(c)) {
        const path = field === 'account' ? 'account' : `${field}.${i}.account`;
        throw unprocessable('unknown_account', `Account ${c} is not an active account of the chart of accounts`, path);
      }
    });
  }

  private async defaultLocation(storeId: string): Promise<string> {
    const loc = await this.db.selectFrom('locations').select('id').where('store_id', '=', storeId).where('code', '=', 'MAIN').executeTakeFirst();
    if (!loc) throw notFound('Store', 'storeId');
    return loc.id;
  }
}

const SUMMARY_COLUMNS = [
  'documents.id',
  'documents.client_id',
  'documents.store_id',
  'documents.register_id',
  'documents.type',
  'documents.number',
  'documents.business_date',
  'documents.posted_at',
  'documents.posted_by',
  'users.display_name as posted_by_name',
  'documents.approved_by',
  'documents.total',
  'documents.memo',
] as const;

function checkDebitCreditLines(lines: { debit: number; credit: number }[], field: string) {
  lines.forEach((l, i) => {
    if ((l.debit > 0) === (l.credit > 0)) {
      throw badRequest('debit_xor_credit', 'Each line is either a debit or a credit, not both or neither', `${field}.${i}.debit`);
    }
  });
}

function toSummary(r: {
  id: string;
  client_id: string;
  store_id: string;
  register_id: string | null;
  type: string;
  number: string;
  business_date: string;
  posted_at: string;
  posted_by: string;
  posted_by_name: string | null;
  approved_by: string | null;
  total: number;
  memo: string;
}) {
  return {
    id: r.id,
    clientId: r.client_id,
    storeId: r.store_id,
    registerId: r.register_id,
    type: r.type,
    number: r.number,
    businessDate: r.business_date,
    postedAt: r.posted_at,
    postedBy: r.posted_by,
    postedByName: r.posted_by_name,
    approvedBy: r.approved_by,
    total: r.total,
    memo: r.memo,
  };
}
