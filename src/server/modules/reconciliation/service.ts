// Payment reconciliation (对账): import a provider's settlement file once (by its sha256), match it
// against our wallet payments every time it is viewed (offline sales that sync later then match),
// and post the file's fees once: 财务费用 against the wallet account, through the posting engine.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { z } from 'zod';
import type { PostFeesBody, SettlementListQuery, SettlementUploadBody } from '../../../contracts/reconciliation';
import { SETTLEMENT_MAX_FILE_BYTES } from '../../../contracts/reconciliation';
import { uuidv7 } from '../../../core/id/uuidv7';
import { reconcile, type OurPayment, type TheirRow } from '../../../core/payments/reconcile';
import { addDays } from '../../../core/time/calendar-date';
import { instantOnBusinessDate } from '../../../core/time/business-date';
import type { PaymentMethod } from '../../../core/pricing/settle-payments';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import type { Clock } from '../../clock';
import { badRequest, notFound, Problem, unprocessable } from '../../http/problem';
import type { PostingEngine } from '../../posting/engine';
import type { PostOutcome } from '../../posting/types';
import { payloadHash } from '../../posting/payload-hash';
import { ACCOUNTS } from '../accounts/chart';
import { loadPostingRules } from '../posting-rules/cache';
import { parseSettlementFile, type SettlementProvider } from './settlement-file';

const PROVIDER_NAMES: Record<SettlementProvider, string> = { wechat: '微信支付', alipay: '支付宝' };
const ROW_CHUNK = 500;

export class ReconciliationService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly engine: PostingEngine,
    private readonly clock: Clock,
  ) {}

  /** Imports a settlement file; the same file again answers the first import (`created: false`). */
  async upload(auth: AuthContext, body: z.output<typeof SettlementUploadBody>) {
    const companyId = auth.user.companyId;
    if (body.storeId) await this.store(auth, 'journal.post', body.storeId);
    else if (auth.storesWith('journal.post') !== 'all') throw badRequest('store_required', 'Say which store the settlement is for', 'storeId');
    const bytes = Buffer.from(body.contentBase64, 'base64');
    if (!bytes.length) throw badRequest('empty_file', 'The file is empty', 'contentBase64');
    if (bytes.length > SETTLEMENT_MAX_FILE_BYTES) throw new Problem(413, 'file_too_large', `The file is over ${SETTLEMENT_MAX_FILE_BYTES / 1024 / 1024} MiB`, [{ field: 'contentBase64', message: 'Too large' }]);
    const fileHash = createHash('sha256').update(bytes).digest('hex');
    const existing = await this.db.selectFrom('settlement_imports').select('id').where('company_id', '=', companyId).where('file_hash', '=', fileHash).executeTakeFirst();
    if (existing) return { created: false, view: await this.view(auth, existing.id) };

    const parsed = parseSettlementFile(bytes, body.provider);
    if (!parsed.ok) throw new Problem(422, parsed.code, parsed.detail, parsed.errors);
    if (body.provider && body.provider !== parsed.provider) {
      throw unprocessable('settlement_provider_mismatch', `The file is a ${parsed.provider} settlement, not ${body.provider}`, 'provider');
    }
    const dates = parsed.rows.map((r) => r.businessDate).sort();
    const from = body.from ?? dates[0];
    const to = body.to ?? dates[dates.length - 1];
    if (from > to) throw badRequest('bad_period', 'from must not be after to', 'to');

    const id = uuidv7();
    const amount = parsed.rows.reduce((s, r) => s + r.amount, 0);
    const fee = parsed.rows.reduce((s, r) => s + r.fee, 0);
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('settlement_imports')
          .values({
            id,
            company_id: companyId,
            store_id: body.storeId ?? null,
            provider: parsed.provider,
            file_name: body.fileName,
            file_hash: fileHash,
            period_from: from,
            period_to: to,
            row_count: parsed.rows.length,
            amount,
            fee,
            fee_client_id: uuidv7(),
            imported_by: auth.user.id,
            imported_at: this.clock().toISOString(),
          })
          .execute();
        for (let i = 0; i < parsed.rows.length; i += ROW_CHUNK) {
          const chunk = parsed.rows.slice(i, i + ROW_CHUNK);
          await trx
            .insertInto('settlement_rows')
            .values(
              chunk.map((r) => ({
                import_id: id,
                row_no: r.rowNo,
                kind: r.kind,
                occurred_at: r.occurredAt,
                business_date: r.businessDate,
                provider_ref: r.providerRef,
                merchant_order_no: r.merchantOrderNo,
                refund_ref: r.refundRef,
                amount: r.amount,
                fee: r.fee,
              })),
            )
            .execute();
        }
      });
    } catch (err) {
      // The same file uploaded twice at once: the unique (company, hash) lets one in.
      const winner = await this.db.selectFrom('settlement_imports').select('id').where('company_id', '=', companyId).where('file_hash', '=', fileHash).executeTakeFirst();
      if (winner) return { created: false, view: await this.view(auth, winner.id) };
      throw err;
    }
    return { created: true, view: await this.view(auth, id) };
  }

  async list(auth: AuthContext, q: z.output<typeof SettlementListQuery>) {
    const scope = auth.storesWith('journal.read');
    let base = this.db.selectFrom('settlement_imports').where('company_id', '=', auth.user.companyId);
    // Company-wide files are for those who read every store's books.
    if (scope !== 'all') base = scope.length ? base.where('store_id', 'in', scope) : base.where(sql<boolean>`1 = 0`);
    const [rows, count] = await Promise.all([
      base
        .selectAll()
        .orderBy('imported_at', 'desc')
        .orderBy('id', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      base.select(sql<string>`COUNT(*)`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { items: rows.map(header), total: Number(count.n) };
  }

  /** The file against our payments as they are now. */
  async view(auth: AuthContext, id: string) {
    const imp = await this.load(auth, id, 'journal.read');
    const companyId = auth.user.companyId;
    const [rows, stores, feeDoc] = await Promise.all([
      this.db.selectFrom('settlement_rows').selectAll().where('import_id', '=', id).orderBy('row_no').execute(),
      imp.store_id ? Promise.resolve([{ id: imp.store_id }]) : this.db.selectFrom('stores').select('id').where('company_id', '=', companyId).execute(),
      this.feeDocument(companyId, imp.fee_client_id),
    ]);
    const theirs: TheirRow[] = rows.map((r) => ({
      rowNo: r.row_no,
      kind: r.kind as TheirRow['kind'],
      occurredAt: r.occurred_at,
      businessDate: r.business_date,
      providerRef: r.provider_ref,
      merchantOrderNo: r.merchant_order_no,
      refundRef: r.refund_ref,
      amount: Number(r.amount),
      fee: Number(r.fee),
    }));
    const ours = await this.ourPayments(
      stores.map((s) => s.id),
      imp.provider,
      addDays(imp.period_from, -1),
      addDays(imp.period_to, 1),
    );
    const r = reconcile(theirs, ours, { from: imp.period_from, to: imp.period_to });
    const pair = (p: (typeof r.matched)[number]) => ({
      ...p.theirs,
      theirAmount: p.theirs.amount,
      ourAmount: p.ours.amount,
      difference: p.difference,
      documentId: p.ours.documentId,
      number: p.ours.number,
      storeId: p.ours.storeId,
      ourBusinessDate: p.ours.businessDate,
      paymentNo: p.ours.paymentNo,
    });
    return {
      ...header(imp),
      summary: {
        matched: r.matched.length,
        mismatched: r.mismatched.length,
        theirsOnly: r.theirsOnly.length,
        oursOnly: r.oursOnly.length,
        ...r.totals,
      },
      matched: r.matched.map(pair),
      mismatched: r.mismatched.map(pair),
      theirsOnly: r.theirsOnly,
      oursOnly: r.oursOnly,
      feeDocument: feeDoc,
    };
  }

  /**
   * Posts the file's fee total once (the import's own client id): 财务费用 debit, the wallet
   * account credit (refunded fees the other way round). Again → the same document (200).
   */
  async postFees(auth: AuthContext, id: string, body: z.output<typeof PostFeesBody>): Promise<PostOutcome> {
    const imp = await this.load(auth, id, 'journal.post');
    const companyId = auth.user.companyId;
    const storeId = imp.store_id ?? body.storeId;
    if (!storeId) throw badRequest('store_required', 'Say which store’s books carry the fees', 'storeId');
    if (imp.store_id && body.storeId && body.storeId !== imp.store_id) throw unprocessable('store_mismatch', 'The settlement belongs to another store', 'storeId');
    const store = await this.store(auth, 'journal.post', storeId);
    const fee = Number(imp.fee);
    if (fee === 0) throw unprocessable('no_fees', 'The settlement has no fees to post', 'id');
    const provider = imp.provider as SettlementProvider;
    const memo = `${PROVIDER_NAMES[provider]}手续费 ${imp.period_from}—${imp.period_to} (${imp.file_name})`;
    return this.engine.post({
      clientId: imp.fee_client_id,
      companyId,
      storeId,
      type: 'settlement',
      actorId: auth.user.id,
      payloadHash: payloadHash({ settlementId: id, storeId, fee }),
      // The fees belong to the settlement's last day, not to the day someone posts them.
      occurredAt: instantOnBusinessDate(imp.period_to, store.timezone),
      build: async (trx) => {
        const wallet = (await loadPostingRules(trx, companyId)).payment(provider as PaymentMethod);
        const magnitude = Math.abs(fee);
        const expense = { account: ACCOUNTS.financialExpenses, debit: fee > 0 ? magnitude : 0, credit: fee > 0 ? 0 : magnitude, memo };
        const funds = { account: wallet, debit: fee > 0 ? 0 : magnitude, credit: fee > 0 ? magnitude : 0, memo };
        return {
          total: fee,
          memo,
          lines: [{ accountCode: ACCOUNTS.financialExpenses, qty: 0, unitPrice: 0, amount: fee, data: { settlementId: id } }],
          moves: [],
          journal: [{ memo, lines: [expense, funds] }],
          auditData: { settlementId: id, fileHash: imp.file_hash, provider },
          result: { settlementId: id },
        };
      },
    });
  }

  private async feeDocument(companyId: string, clientId: string) {
    const d = await this.db.selectFrom('documents').select(['id', 'number', 'business_date', 'total']).where('company_id', '=', companyId).where('client_id', '=', clientId).executeTakeFirst();
    return d ? { id: d.id, number: d.number, businessDate: d.business_date, total: Number(d.total) } : null;
  }

  private async ourPayments(storeIds: string[], method: string, from: string, to: string): Promise<OurPayment[]> {
    if (!storeIds.length) return [];
    const rows = await this.db
      .selectFrom('sale_payments as p')
      .innerJoin('documents as d', 'd.id', 'p.document_id')
      .select(['d.id', 'd.number', 'd.store_id', 'd.business_date', 'p.payment_no', 'p.method', 'p.amount', 'p.provider_ref', 'p.reference'])
      .where('d.store_id', 'in', storeIds)
      .where('d.business_date', '>=', from)
      .where('d.business_date', '<=', to)
      .where('p.method', '=', method)
      .orderBy('d.business_date')
      .orderBy('d.posted_at')
      .orderBy('p.payment_no')
      .execute();
    return rows.map((r) => ({
      documentId: r.id,
      number: r.number,
      storeId: r.store_id,
      businessDate: r.business_date,
      paymentNo: r.payment_no,
      method: r.method,
      amount: Number(r.amount),
      providerRef: r.provider_ref,
      reference: r.reference,
    }));
  }

  /** The import, if the caller may see it: a store's file by its store, a company-wide one by everyone's books. */
  private async load(auth: AuthContext, id: string, permission: 'journal.read' | 'journal.post') {
    const imp = await this.db.selectFrom('settlement_imports').selectAll().where('id', '=', id).where('company_id', '=', auth.user.companyId).executeTakeFirst();
    if (!imp) throw notFound('Settlement');
    const allowed = imp.store_id ? auth.can(permission, imp.store_id) : auth.storesWith(permission) === 'all';
    if (!allowed) throw notFound('Settlement');
    return imp;
  }

  private async store(auth: AuthContext, permission: 'journal.read' | 'journal.post', storeId: string) {
    auth.requireStore(permission, storeId);
    const store = await this.db.selectFrom('stores').select(['id', 'timezone']).where('id', '=', storeId).where('company_id', '=', auth.user.companyId).executeTakeFirst();
    if (!store) throw notFound('Store', 'storeId');
    return store;
  }
}

function header(imp: { id: string; provider: string; file_name: string; store_id: string | null; period_from: string; period_to: string; row_count: number; amount: number; fee: number; imported_at: string; imported_by: string }) {
  return {
    id: imp.id,
    provider: imp.provider as SettlementProvider,
    fileName: imp.file_name,
    storeId: imp.store_id,
    from: imp.period_from,
    to: imp.period_to,
    rowCount: Number(imp.row_count),
    amount: Number(imp.amount),
    fee: Number(imp.fee),
    importedAt: imp.imported_at,
    importedBy: imp.imported_by,
  };
}
