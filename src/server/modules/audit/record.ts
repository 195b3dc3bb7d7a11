import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import { appendAudit, type AuditEventInput } from '../../audit/chain';

/** Audit an event that changes nothing else (a login, a failed login) in its own transaction. */
export function recordAudit(db: Kysely<DB>, e: AuditEventInput) {
  return db.transaction().execute((trx) => appendAudit(trx, e));
}
