// Catalog edits are company master data: they are audited in the company chain, inside the
// transaction that makes them, so the trail and the data commit together.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import { appendAudit, chains } from '../../audit/chain';
import type { AuthContext } from '../../auth/auth-context';

export function auditCatalog(
  trx: Kysely<DB>,
  auth: AuthContext,
  at: string,
  e: { action: string; subjectType: string; subjectId: string; storeId?: string | null; data?: unknown },
) {
  return appendAudit(trx, {
    chainId: chains.company(auth.user.companyId),
    companyId: auth.user.companyId,
    actorId: auth.user.id,
    at,
    ...e,
  });
}
