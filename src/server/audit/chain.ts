// The tamper-evident audit trail (ARCHITECTURE §3.5): every event is hashed together with the
// hash of the one before it in its chain, so editing or deleting any row breaks every later hash.
// One chain per register (till work), per store (back-office documents) and per company (logins,
// users, settings), so writers of different chains never wait on each other.
import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
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

/** Append one event; must run inside the caller's transaction so the event commits with the change. */
export async function appendAudit(trx: Kysely<DB>, e: AuditEventInput): Promise<{ seq: number; hash: string }> {
  // Bumping the head row both allocates the next seq and (on PostgreSQL) locks the chain until
  // commit; the returned hash is still the previous event's because this statement does not set it.
  const head = await sql<{ seq: number; hash: string }>`
    INSERT INTO audit_heads (chain_id, seq, hash) VALUES (${e.chainId}, 1, '')
    ON CONFLICT (chain_id) DO UPDATE SET seq = audit_heads.seq + 1
    RETURNING seq, hash`.execute(trx);
  const { seq, hash: prev } = head.rows[0];
  const prevHash = prev || GENESIS_HASH;
  const row: StoredAuditFields = {
    chain_id: e.chainId,
    seq: Number(seq),
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
  await trx.insertInto('audit_events').values({ ...row, prev_hash: prevHash, hash }).execute();
  await trx.updateTable('audit_heads').set({ hash }).where('chain_id', '=', e.chainId).execute();
  return { seq: row.seq, hash };
}
