// Acting as the company's owner outside an HTTP request: seeding, the CLI and benchmarks. What
// they change is audited under that owner, exactly as if the owner had done it in the back office.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { AuthContext, type AuthUser } from './auth-context';

export function actAsOwner(user: AuthUser): AuthContext {
  return new AuthContext(user, [{ role: 'owner', storeId: null }], { kind: 'api', tokenHash: '', registerId: null });
}

/** The earliest owner (of the first company), or null on an empty database. */
export async function firstOwner(db: Kysely<DB>): Promise<AuthContext | null> {
  const owner = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.company_id', 'users.username', 'users.display_name'])
    .where('user_roles.role', '=', 'owner')
    .orderBy('users.created_at')
    .orderBy('users.id')
    .executeTakeFirst();
  return owner ? actAsOwner({ id: owner.id, companyId: owner.company_id, username: owner.username, displayName: owner.display_name }) : null;
}
