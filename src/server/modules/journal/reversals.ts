// Reversal (红字冲销) of a journal-only document: a `reversal` document whose entries swap the
// debit and credit of every line of the original, linked to it. A document is reversed at most
// once: the link's primary key refuses a second one even when two requests race.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ReverseBody } from '../../../contracts/journal';
import { uuidv7 } from '../../../core/id/uuidv7';
import { isCalendarDate } from '../../../core/time/calendar-date';
import { businessDate, instantOnBusinessDate } from '../../../core/time/business-date';
import { isUniqueViolation } from '../../../db/dialect';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import type { Clock } from '../../clock';
import { badRequest, conflict, notFound, unprocessable } from '../../http/problem';
import type { PostingEngine } from '../../posting/engine';
import { payloadHash } from '../../posting/payload-hash';
import type { JournalEntryInput, PostOutcome } from '../../posting/types';
import { storeOf } from './entry-rules';

/** Documents whose whole effect is their journal: reversing the journal undoes them. */
const REVERSIBLE = new Set(['manual_entry', 'journal_entry']);

/**
 * Why the others are refused, and what to do instead: their stock moves, till takings or shift
 * figures would stay behind if only the journal were reversed.
 */
const INSTEAD: Record<string, { action: string; detail: string }> = {
  sale: { action: 'void', detail: 'A sale moved stock and till money: void it (作废) or take a return (退货) instead' },
  exchange: { action: 'return', detail: 'An exchange moved stock and till money: take a return (退货) instead' },
  sale_return: { action: 'sale', detail: 'A return moved goods back into stock and money out of the till: ring the goods up as a new sale instead' },
  sale_void: { action: 'sale', detail: 'A void already reversed its sale: ring the goods up as a new sale instead' },
  receipt: { action: 'write_off', detail: 'A goods receipt moved stock: post a write-off (报损) or a stocktake adjustment instead' },
  write_off: { action: 'stocktake', detail: 'A write-off moved stock: correct it with a stocktake adjustment (盘点) instead' },
  transfer_out: { action: 'transfer', detail: 'A transfer moved stock between stores: transfer the goods back instead' },
  transfer_in: { action: 'transfer', detail: 'A transfer moved stock between stores: transfer the goods back instead' },
  stocktake_adjustment: { action: 'stocktake', detail: 'A stocktake adjustment moved stock: count again and post a new stocktake instead' },
  opening_balance: { action: 'stocktake', detail: 'Opening balances moved stock: correct them with a stocktake adjustment or a manual entry instead' },
  cash_in: { action: 'cash_out', detail: 'A paid-in changed the drawer: post a paid-out instead' },
  cash_out: { action: 'cash_in', detail: 'A paid-out changed the drawer: post a paid-in instead' },
  shift_close: { action: 'none', detail: 'A shift close records a drawer count; it cannot be reversed' },
  price_change: { action: 'price_change', detail: 'A price change has no journal: post a new price change instead' },
  reversal: { action: 'manual_entry', detail: 'A reversal is not reversed again: post a new manual entry instead' },
  year_end_close: { action: 'none', detail: 'A year-end close (年结) is not reversed: the closed year stays closed' },
};

type Body = z.infer<typeof ReverseBody>;

export class ReversalsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly engine: PostingEngine,
    private readonly clock: Clock,
  ) {}

  async reverse(auth: AuthContext, documentId: string, body: Body): Promise<PostOutcome> {
    const companyId = auth.user.companyId;
    const original = await this.db
      .selectFrom('documents')
      .select(['id', 'type', 'number', 'store_id', 'business_date', 'total'])
      .where('id', '=', documentId)
      .where('company_id', '=', companyId)
      .executeTakeFirst();
    if (!original || !auth.can('journal.approve', original.store_id)) throw notFound('Document', 'documentId');
    if (!REVERSIBLE.has(original.type)) {
      const instead = INSTEAD[original.type] ?? { action: 'none', detail: `A ${original.type} document cannot be reversed` };
      throw conflict('not_reversible', instead.detail, 'documentId', { documentType: original.type, action: instead.action });
    }
    const clientId = body.id ?? uuidv7();
    const prior = await this.existing(this.db, documentId);
    // A retry with the client id of the reversal that won replays it; anything else is refused.
    if (prior && prior.clientId !== clientId) throw alreadyReversed(prior.reversalId);

    const store = await storeOf(this.db, companyId, original.store_id);
    const today = businessDate(this.clock(), store.timezone);
    if (body.date !== undefined) {
      if (!isCalendarDate(body.date)) throw badRequest('bad_date', `${body.date} is not a calendar date`, 'date');
      if (body.date > today) throw unprocessable('date_in_future', `The date must not be after today (${today})`, 'date');
      if (body.date < original.business_date) {
        throw unprocessable('reversal_before_original', `A reversal cannot be dated before its original (${original.business_date})`, 'date');
      }
    }
    try {
      return await this.engine.post({
        clientId,
        companyId,
        storeId: original.store_id,
        type: 'reversal',
        actorId: auth.user.id,
        payloadHash: payloadHash({ reverses: documentId, date: body.date ?? null, memo: body.memo }),
        occurredAt: body.date ? instantOnBusinessDate(body.date, store.timezone) : undefined,
        build: async (trx, ctx) => {
          const raced = await this.existing(trx, documentId);
          if (raced) throw alreadyReversed(raced.reversalId);
          const journal = await swappedJournal(trx, documentId, `${body.memo} (冲销 ${original.number})`);
          return {
            total: Number(original.total),
            memo: body.memo,
            lines: [],
            moves: [],
            journal,
            auditData: { reverses: documentId, reversesNumber: original.number },
            result: { reverses: documentId, reversesNumber: original.number },
            afterDocument: async (t) => {
              await t.insertInto('document_reversals').values({ original_document_id: documentId, reversal_document_id: ctx.documentId, company_id: companyId }).execute();
            },
          };
        },
      });
    } catch (err) {
      // Last line of defence: same-store documents already queue on their number counter, so the
      // second reversal's build sees the first; should that ever change, the link's key refuses it.
      if (isUniqueViolation(err)) {
        const winner = await this.existing(this.db, documentId);
        if (winner) throw alreadyReversed(winner.reversalId);
      }
      throw err;
    }
  }

  private async existing(db: Kysely<DB>, documentId: string) {
    const row = await db
      .selectFrom('document_reversals as r')
      .innerJoin('documents as d', 'd.id', 'r.reversal_document_id')
      .select(['r.reversal_document_id', 'd.client_id'])
      .where('r.original_document_id', '=', documentId)
      .executeTakeFirst();
    return row ? { reversalId: row.reversal_document_id, clientId: row.client_id } : null;
  }
}

const alreadyReversed = (reversalDocumentId: string) =>
  conflict('already_reversed', 'This document has already been reversed', 'documentId', { reversalDocumentId });

/** Every entry of the original, line for line, with debit and credit swapped. */
async function swappedJournal(trx: Kysely<DB>, documentId: string, memo: string): Promise<JournalEntryInput[]> {
  const rows = await trx
    .selectFrom('journal_entries as e')
    .innerJoin('journal_lines as l', 'l.entry_id', 'e.id')
    .select(['e.id', 'l.account_code', 'l.debit', 'l.credit', 'l.memo'])
    .where('e.document_id', '=', documentId)
    .orderBy('e.id')
    .orderBy('l.line_no')
    .execute();
  const entries = new Map<string, JournalEntryInput>();
  for (const r of rows) {
    const e = entries.get(r.id) ?? { memo, lines: [] };
    e.lines.push({ account: r.account_code, debit: Number(r.credit), credit: Number(r.debit), memo: r.memo });
    entries.set(r.id, e);
  }
  return [...entries.values()];
}
