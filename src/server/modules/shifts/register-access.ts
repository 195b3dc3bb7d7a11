// Which register a till request may act on. A register of another company or of a store the user
// holds no `permission` in answers 404 (ids of other stores leak nothing), and a till session
// paired to one register cannot act on another.
import type { Kysely } from 'kysely';
import { runSql, type SqlStatement } from '../../../db/dialect';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import type { Permission } from '../../auth/permissions';
import { notFound } from '../../http/problem';

export interface TillRegister {
  id: string;
  storeId: string;
  code: string;
  timezone: string;
}

export async function requireTillRegister(db: Kysely<DB>, auth: AuthContext, permission: Permission, registerId: string, field = 'registerId'): Promise<TillRegister> {
  const stmt = tillRegisterStatement(auth.user.companyId, registerId);
  const { rows } = await runSql<RegisterRow>(db, stmt.text, stmt.params);
  return tillRegisterFrom(rows[0], auth, permission, registerId, field);
}

interface RegisterRow {
  id: string;
  store_id: string;
  code: string;
  timezone: string;
}

/** The read behind `requireTillRegister`, for a caller that batches it with others (checkout). */
export function tillRegisterStatement(companyId: string, registerId: string): SqlStatement {
  return {
    text: 'SELECT r.id, r.store_id, r.code, s.timezone FROM registers r JOIN stores s ON s.id = r.store_id WHERE r.id = ? AND s.company_id = ?',
    params: [registerId, companyId],
    returns: true,
  };
}

/** `requireTillRegister`'s answer from the row its statement found. */
export function tillRegisterFrom(row: RegisterRow | undefined, auth: AuthContext, permission: Permission, registerId: string, field = 'registerId'): TillRegister {
  const ownRegister = auth.session.registerId === null || auth.session.registerId === registerId;
  if (!row || !ownRegister || !auth.can(permission, row.store_id)) throw notFound('Register', field);
  return { id: row.id, storeId: row.store_id, code: row.code, timezone: row.timezone };
}
