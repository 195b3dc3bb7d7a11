// The tamper-evident audit trail (ARCHITECTURE §3.5): every event is hashed together with the
// hash of the one before it in its chain, so editing or deleting any row breaks every later hash.
// One chain per register (till work), per store (back-office documents) and per company (logins,
// users, settings), so writers of different chains never wait on each other.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { insertStatement, runBatch, runSql, type SqlStatement } from '../../db/dialect';
import type { DB } from '../../db/schema';
import { canonicalJson } from './canonical-json';

export const GENESIS_HASH = '0'.repeat(64);

export const chains = {
  company: (id: string) => `company:${id}`,
  store: (id: string) => `store:${id}`,
  register: (id: string) => `register:${id}`,
};

export interface AuditEventInput {
  chainId: string;
  companyId: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId?: string | null;
  storeId?: string | null;
  data?: unknown;
  at: string;
}

export interface StoredAuditFields {
  chain_id: string;
  seq: number;
  at: string;
  company_id: string;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  store_id: string | null;
  data_json: string;
}

export function auditHash(prevHash: string, row: StoredAuditFields): string {
  const body = canonicalJson({
    chain: row.chain_id,
    seq: row.seq,
    at: row.at,
    company: row.company_id,
    actor: row.actor_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    store: row.store_id,
    data: row.data_json,
  });
  return createHash('sha256').update(prevHash).update('\n').update(body).digest('hex');
}

const AUDIT_COLUMNS = ['chain_id', 'seq', 'at', 'company_id', 'actor_id', 'action', 'subject_type', 'subject_id', 'store_id', 'data_json', 'prev_hash', 'hash'];

/** Append one event; must run inside the caller's transaction so the event commits with the change. */
export async function appendAudit(trx: Kysely<DB>, e: AuditEventInput): Promise<{ seq: number; hash: string }> {
  const head = await runSql<{ seq: number; hash: string }>(trx, auditHeadStatement(e.chainId).text, [e.chainId]);
  const event = auditEvent(head.rows[0], e);
  await runBatch(trx, event.statements);
  return { seq: event.seq, hash: event.hash };
}

// Bumping the head row both allocates the next seq and (on PostgreSQL) locks the chain until
// commit; the returned hash is still the previous event's because this statement does not set it.
const HEAD_BUMP = "INSERT INTO audit_heads (chain_id, seq, hash) VALUES (?, 1, '') ON CONFLICT (chain_id) DO UPDATE SET seq = audit_heads.seq + 1 RETURNING seq, hash";

/**
 * The statement that reserves the next seq of a chain (answers `seq` and the previous `hash`).
 * With `unless`, a statement with its own parameters that finds a row, the chain is left alone when
 * it does (the posting engine's claim: no seq is spent on a document that was posted before).
 */
export function auditHeadStatement(chainId: string, unless?: SqlStatement): SqlStatement {
  if (!unless) return { text: HEAD_BUMP, params: [chainId], returns: true };
  return {
    text: `INSERT INTO audit_heads (chain_id, seq, hash) SELECT CAST(? AS text), 1, '' WHERE NOT EXISTS (${unless.text}) ON CONFLICT (chain_id) DO UPDATE SET seq = audit_heads.seq + 1 RETURNING seq, hash`,
    params: [chainId, ...unless.params],
    returns: true,
  };
}

/** The event at a reserved head: its hash, and the statements that store it and move the head. */
export function auditEvent(head: { seq: unknown; hash: unknown }, e: AuditEventInput): { seq: number; hash: string; statements: SqlStatement[] } {
  // An empty hash past seq 1 is a head reserved earlier in this transaction and not yet written
  // (the posting engine reserves its document's seq before `build`): chaining onto it would fork.
  if (!head.hash && Number(head.seq) !== 1) throw new Error(`audit chain ${e.chainId}: seq ${Number(head.seq) - 1} is reserved and not yet written`);
  const prevHash = String(head.hash) || GENESIS_HASH;
  const row: StoredAuditFields = {
    chain_id: e.chainId,
    seq: Number(head.seq),
    at: e.at,
    company_id: e.companyId,
    actor_id: e.actorId,
    action: e.action,
    subject_type: e.subjectType,
    subject_id: e.subjectId ?? null,
    store_id: e.storeId ?? null,
    data_json: canonicalJson(e.data ?? {}),
  };
  const hash = auditHash(prevHash, row);
  // Fixed statements: every posted document appends here, so skip the query building.
  return {
    seq: row.seq,
    hash,
    statements: [
      insertStatement('audit_events', AUDIT_COLUMNS, [
        [row.chain_id, row.seq, row.at, row.company_id, row.actor_id, row.action, row.subject_type, row.subject_id, row.store_id, row.data_json, prevHash, hash],
      ]),
      { text: 'UPDATE audit_heads SET hash = ? WHERE chain_id = ?', params: [hash, e.chainId] },
    ],
  };
}
