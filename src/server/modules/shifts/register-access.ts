// Which register a till request may act on. A register of another company or of a store the user
// holds no `permission` in answers 404 (ids of other stores leak nothing), and a till session
// paired to one register cannot act on another.
import type { Kysely } from 'kysely';
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
  const row = await db
    .selectFrom('registers')
    .innerJoin('stores', 'stores.id', 'registers.store_id')
    .select(['registers.id', 'registers.store_id', 'registers.code', 'stores.timezone'])
    .where('registers.id', '=', registerId)
    .where('stores.company_id', '=', auth.user.companyId)
    .executeTakeFirst();
  const ownRegister = auth.session.registerId === null || auth.session.registerId === registerId;
  if (!row || !ownRegister || !auth.can(permission, row.store_id)) throw notFound('Register', field);
  return { id: row.id, storeId: row.store_id, code: row.code, timezone: row.timezone };
}
