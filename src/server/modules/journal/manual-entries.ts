// Manual journal entries (手工凭证) with four-eyes approval: a finance user drafts, another user
// with `journal.approve` approves and the entry posts as a `manual_entry` document through the
// engine (numbered JV-<store>-NNNNNN), or rejects it with a reason. Everything a draft must satisfy
// (balanced, postable accounts, an open date) is checked when it is written, not only at approval.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ManualEntryCreateBody, ManualEntryListQuery, ManualEntryPatchBody, ManualEntryStatus, ManualEntryView } from '../../../contracts/journal';
import { instantOnBusinessDate } from '../../../core/time/business-date';
import { isUniqueViolation } from '../../../db/dialect';
import type { DB } from '../../../db/schema';
import { appendAudit, chains } from '../../audit/chain';
import type { AuthContext } from '../../auth/auth-context';
import type { Clock } from '../../clock';
import { Problem, conflict, notFound } from '../../http/problem';
import type { PostingEngine } from '../../posting/engine';
import { payloadHash } from '../../posting/payload-hash';
import type { PostOutcome, PostedDocument } from '../../posting/types';
import { checkEntryDate, checkEntryLines, storeOf, type EntryLine } from './entry-rules';

type CreateBody = z.infer<typeof ManualEntryCreateBody>;
type PatchBody = z.infer<typeof ManualEntryPatchBody>;
type ListQuery = z.infer<typeof ManualEntryListQuery>;

export class ManualEntriesService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly engine: PostingEngine,
    private readonly clock: Clock,
  ) {}

  /** A new draft; the client id makes a retry answer the same draft (`created: false`). */
  async create(auth: AuthContext, body: CreateBody): Promise<{ created: boolean; entry: ManualEntryView }> {
    const companyId = auth.user.companyId;
    auth.requireStore('journal.draft', body.storeId);
    const store = await storeOf(this.db, companyId, body.storeId);
    const hash = payloadHash(body);
    const prior = await this.db.selectFrom('manual_entries').select(['payload_hash', 'company_id']).where('id', '=', body.id).executeTakeFirst();
    if (prior) return this.replayCreate(auth, body.id, prior, hash);

    const now = this.clock();
    await checkEntryDate(this.db, companyId, body.date, store.timezone, now, 'date');
    const total = await checkEntryLines(this.db, companyId, body.lines);
    const at = now.toISOString();
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('manual_entries')
          .values({
            id: body.id,
            company_id: companyId,
            store_id: body.storeId,
            business_date: body.date,
            memo: body.memo,
            status: 'draft',
            version: 1,
            total,
            payload_hash: hash,
            created_by: auth.user.id,
            created_at: at,
            updated_by: auth.user.id,
            updated_at: at,
            decided_by: null,
            decided_at: null,
            reject_reason: null,
            document_id: null,
          })
          .execute();
        await insertLines(trx, body.id, body.lines);
        await audit(trx, auth, body.storeId, body.id, 'manual_entry.drafted', at, { date: body.date, total, lines: body.lines.length });
      });
    } catch (err) {
      // Two requests with one client id raced: the loser answers as a retry would.
      const raced = isUniqueViolation(err) && (await this.db.selectFrom('manual_entries').select(['payload_hash', 'company_id']).where('id', '=', body.id).executeTakeFirst());
      if (raced) return this.replayCreate(auth, body.id, raced, hash);
      throw err;
    }
    return { created: true, entry: await this.get(auth, body.id) };
  }

  /** Edits a draft (only a draft); every edit bumps the version an approval is checked against. */
  async update(auth: AuthContext, id: string, patch: PatchBody): Promise<ManualEntryView> {
    const companyId = auth.user.companyId;
    const entry = await this.load(auth, id, 'journal.draft');
    if (entry.status !== 'draft') throw notDraft(entry.status);
    if (patch.version !== undefined && patch.version !== entry.version) throw versionConflict(entry.version);
    const store = await storeOf(this.db, companyId, entry.store_id);
    const now = this.clock();
    const date = patch.date ?? entry.business_date;
    const lines = patch.lines ?? (await this.lines(this.db, id));
    await checkEntryDate(this.db, companyId, date, store.timezone, now, 'date');
    const total = await checkEntryLines(this.db, companyId, lines);
    const at = now.toISOString();
    await this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('manual_entries')
        .set({ business_date: date, memo: patch.memo ?? entry.memo, total, version: entry.version + 1, updated_by: auth.user.id, updated_at: at })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .where('version', '=', entry.version)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw conflict('entry_changed', 'The entry changed while you edited it; reload it', 'version');
      if (patch.lines) {
        await trx.deleteFrom('manual_entry_lines').where('entry_id', '=', id).execute();
        await insertLines(trx, id, patch.lines);
      }
      await audit(trx, auth, entry.store_id, id, 'manual_entry.updated', at, { version: entry.version + 1, date, total, changed: Object.keys(patch).filter((k) => k !== 'version') });
    });
    return this.get(auth, id);
  }

  /**
   * Posts the draft as a `manual_entry` document. The approver must be someone other than whoever
   * wrote the draft (its creator and its last editor): four eyes on every manual posting. The
   * entry's id is the document's client id, so a replayed approval answers the same document.
   */
  async approve(auth: AuthContext, id: string, body: { version?: number }): Promise<PostOutcome> {
    const companyId = auth.user.companyId;
    const entry = await this.load(auth, id, 'journal.approve');
    const hash = payloadHash({ manualEntry: id, approvedBy: auth.user.id });
    const replay = await this.approvedBy(id, auth.user.id);
    if (replay) return replay;
    if (entry.status !== 'draft') throw notDraft(entry.status);
    if (entry.created_by === auth.user.id || entry.updated_by === auth.user.id) {
      throw new Problem(403, 'approval_self', 'Whoever drafted or last edited a manual entry cannot approve it; ask another approver', [
        { field: 'approvedBy', message: 'Same person as the drafter' },
      ]);
    }
    if (body.version !== undefined && body.version !== entry.version) throw versionConflict(entry.version);
    const store = await storeOf(this.db, companyId, entry.store_id);
    // The books may have closed, or an account been deactivated, since the draft was written.
    await checkEntryDate(this.db, companyId, entry.business_date, store.timezone, this.clock(), 'date');
    const lines = await this.lines(this.db, id);
    await checkEntryLines(this.db, companyId, lines);
    const version = entry.version;

    try {
      return await this.postApproval(id, entry, store.timezone, auth, hash, version);
    } catch (err) {
      // A concurrent approval won: by this approver, it is this request's answer too; by another,
      // the entry is simply no longer a draft (rather than the engine's idempotency conflict).
      if (!(err instanceof Problem) || err.status !== 409) throw err;
      const won = await this.approvedBy(id, auth.user.id);
      if (won) return won;
      if (err.code === 'idempotency_conflict') throw notDraft('posted');
      throw err;
    }
  }

  /** The posted document, if this user already approved the entry. */
  private async approvedBy(id: string, userId: string): Promise<PostOutcome | null> {
    const row = await this.db
      .selectFrom('manual_entries as m')
      .innerJoin('documents as d', 'd.id', 'm.document_id')
      .select('d.result_json')
      .where('m.id', '=', id)
      .where('m.decided_by', '=', userId)
      .executeTakeFirst();
    return row ? { replayed: true, document: JSON.parse(row.result_json) as PostedDocument } : null;
  }

  private postApproval(id: string, entry: { business_date: string; store_id: string; created_by: string }, timeZone: string, auth: AuthContext, hash: string, version: number) {
    const companyId = auth.user.companyId;
    return this.engine.post({
      clientId: id,
      companyId,
      storeId: entry.store_id,
      type: 'manual_entry',
      actorId: auth.user.id,
      payloadHash: hash,
      occurredAt: instantOnBusinessDate(entry.business_date, timeZone),
      build: async (trx, ctx) => {
        const current = await trx.selectFrom('manual_entries').select(['status', 'version', 'memo', 'total']).where('id', '=', id).executeTakeFirstOrThrow();
        if (current.status !== 'draft') throw notDraft(current.status);
        if (Number(current.version) !== version) throw versionConflict(Number(current.version));
        const posting = await this.lines(trx, id);
        return {
          total: Number(current.total),
          memo: current.memo,
          approvedBy: auth.user.id,
          lines: posting.map((l) => ({ accountCode: l.account, qty: 0, unitPrice: 0, amount: l.debit - l.credit, data: l.memo ? { memo: l.memo } : undefined })),
          moves: [],
          journal: [{ memo: current.memo, lines: posting.map((l) => ({ account: l.account, debit: l.debit, credit: l.credit, memo: l.memo })) }],
          auditData: { manualEntryId: id, draftedBy: entry.created_by, version },
          result: { manualEntryId: id },
          afterDocument: async (t) => {
            const r = await t
              .updateTable('manual_entries')
              .set({ status: 'posted', decided_by: auth.user.id, decided_at: this.clock().toISOString(), document_id: ctx.documentId })
              .where('id', '=', id)
              .where('status', '=', 'draft')
              .where('version', '=', version)
              .executeTakeFirst();
            if (Number(r.numUpdatedRows) !== 1) throw conflict('entry_changed', 'The entry changed while it was being approved; review it again', 'version');
          },
        };
      },
    });
  }

  async reject(auth: AuthContext, id: string, reason: string): Promise<ManualEntryView> {
    const entry = await this.load(auth, id, 'journal.approve');
    if (entry.status !== 'draft') throw notDraft(entry.status);
    const at = this.clock().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('manual_entries')
        .set({ status: 'rejected', decided_by: auth.user.id, decided_at: at, reject_reason: reason })
        .where('id', '=', id)
        .where('status', '=', 'draft')
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw notDraft('changed');
      await audit(trx, auth, entry.store_id, id, 'manual_entry.rejected', at, { reason, version: entry.version });
    });
    return this.get(auth, id);
  }

  async list(auth: AuthContext, q: ListQuery): Promise<{ items: ManualEntryView[]; total: number }> {
    let query = this.joined().where('m.company_id', '=', auth.user.companyId);
    if (q.storeId) {
      auth.requireStore('journal.read', q.storeId);
      query = query.where('m.store_id', '=', q.storeId);
    } else {
      const scope = auth.storesWith('journal.read');
      if (scope !== 'all') {
        if (!scope.length) return { items: [], total: 0 };
        query = query.where('m.store_id', 'in', scope);
      }
    }
    if (q.status) query = query.where('m.status', '=', q.status);
    if (q.from) query = query.where('m.business_date', '>=', q.from);
    if (q.to) query = query.where('m.business_date', '<=', q.to);
    // The joins are each at most one row per entry, so they do not change the count.
    const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll('m')
      .select(NAME_COLUMNS)
      .orderBy('m.business_date', 'desc')
      .orderBy('m.created_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    return { items: rows.map(toView), total: Number(total) };
  }

  async get(auth: AuthContext, id: string): Promise<ManualEntryView> {
    const row = await this.joined().selectAll('m').select(NAME_COLUMNS).where('m.id', '=', id).where('m.company_id', '=', auth.user.companyId).executeTakeFirst();
    if (!row || !auth.can('journal.read', row.store_id)) throw notFound('Manual entry');
    const lines = await this.db
      .selectFrom('manual_entry_lines as l')
      .leftJoin('accounts as a', (j) => j.on('a.company_id', '=', auth.user.companyId).onRef('a.code', '=', 'l.account_code'))
      .select(['l.account_code', 'a.name', 'a.name_en', 'l.debit', 'l.credit', 'l.memo'])
      .where('l.entry_id', '=', id)
      .orderBy('l.line_no')
      .execute();
    return {
      ...toView(row),
      lines: lines.map((l) => ({ account: l.account_code, accountName: l.name, accountNameEn: l.name_en, debit: Number(l.debit), credit: Number(l.credit), memo: l.memo })),
    };
  }

  /** Entries with who drafted and decided, the posted document's number and its reversal. */
  private joined() {
    return this.db
      .selectFrom('manual_entries as m')
      .leftJoin('users as cu', 'cu.id', 'm.created_by')
      .leftJoin('users as du', 'du.id', 'm.decided_by')
      .leftJoin('documents as d', 'd.id', 'm.document_id')
      .leftJoin('document_reversals as r', 'r.original_document_id', 'm.document_id');
  }

  private async replayCreate(auth: AuthContext, id: string, prior: { payload_hash: string; company_id: string }, hash: string) {
    if (prior.company_id !== auth.user.companyId || prior.payload_hash !== hash) {
      throw conflict('idempotency_conflict', `Manual entry ${id} was already drafted with a different payload`, 'id');
    }
    return { created: false, entry: await this.get(auth, id) };
  }

  /** The entry if the caller holds `permission` in its store; another store's entry is a 404. */
  private async load(auth: AuthContext, id: string, permission: 'journal.draft' | 'journal.approve') {
    const entry = await this.db.selectFrom('manual_entries').selectAll().where('id', '=', id).where('company_id', '=', auth.user.companyId).executeTakeFirst();
    if (!entry || !auth.can(permission, entry.store_id)) throw notFound('Manual entry');
    return { ...entry, version: Number(entry.version) };
  }

  private async lines(db: Kysely<DB>, id: string): Promise<EntryLine[]> {
    const rows = await db.selectFrom('manual_entry_lines').select(['account_code', 'debit', 'credit', 'memo']).where('entry_id', '=', id).orderBy('line_no').execute();
    return rows.map((r) => ({ account: r.account_code, debit: Number(r.debit), credit: Number(r.credit), memo: r.memo }));
  }
}

const notDraft = (status: string) => conflict('entry_not_draft', `Only a draft can be changed, approved or rejected; this entry is ${status}`, 'status');
const versionConflict = (current: number) =>
  conflict('entry_changed', `The entry was edited since you opened it (now version ${current}); review it again`, 'version', { version: current });

function insertLines(trx: Kysely<DB>, entryId: string, lines: EntryLine[]) {
  return trx
    .insertInto('manual_entry_lines')
    .values(lines.map((l, i) => ({ entry_id: entryId, line_no: i + 1, account_code: l.account, debit: l.debit, credit: l.credit, memo: l.memo ?? '' })))
    .execute();
}

function audit(trx: Kysely<DB>, auth: AuthContext, storeId: string, id: string, action: string, at: string, data: Record<string, unknown>) {
  return appendAudit(trx, { chainId: chains.store(storeId), companyId: auth.user.companyId, actorId: auth.user.id, action, subjectType: 'manual_entry', subjectId: id, storeId, at, data });
}

const NAME_COLUMNS = ['cu.display_name as created_by_name', 'du.display_name as decided_by_name', 'd.number as document_number', 'r.reversal_document_id'] as const;

interface ViewRow {
  id: string;
  store_id: string;
  business_date: string;
  memo: string;
  status: string;
  version: number;
  total: number;
  created_by: string;
  created_by_name: string | null;
  created_at: string;
  updated_by: string;
  updated_at: string;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  reject_reason: string | null;
  document_id: string | null;
  document_number: string | null;
  reversal_document_id: string | null;
}

function toView(r: ViewRow): ManualEntryView {
  return {
    id: r.id,
    storeId: r.store_id,
    date: r.business_date,
    memo: r.memo,
    status: r.status as ManualEntryStatus,
    version: Number(r.version),
    total: Number(r.total),
    createdBy: r.created_by,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
    decidedBy: r.decided_by,
    decidedByName: r.decided_by_name,
    decidedAt: r.decided_at,
    rejectReason: r.reject_reason,
    documentId: r.document_id,
    documentNumber: r.document_number,
    reversalDocumentId: r.reversal_document_id,
  };
}
