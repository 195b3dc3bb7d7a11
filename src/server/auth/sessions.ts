// Opaque session tokens: the cookie (web), Authorization: Bearer (API clients) and till sessions
// opened by PIN on a paired register all resolve here. Only token hashes are stored.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { AuthContext, type RoleAssignment, type SessionInfo } from './auth-context';
import { isRole } from './permissions';
import { newToken, tokenHash } from './tokens';

const TTL_MS: Record<SessionInfo['kind'], number> = {
  web: 12 * 3600_000,
  api: 30 * 24 * 3600_000,
  till: 16 * 3600_000,
};

// A resolved session is reused for a few seconds so the hot path (a sale) costs no lookup;
// logout and user changes clear it at once in this process.
const CACHE_MS = 5_000;

export class SessionStore {
  private cache = new Map<string, { auth: AuthContext; at: number }>();

  constructor(private readonly db: Kysely<DB>) {}

  async create(userId: string, kind: SessionInfo['kind'], registerId: string | null = null) {
    const { token, hash } = newToken();
    const now = Date.now();
    const expiresAt = new Date(now + TTL_MS[kind]).toISOString();
    await this.db
      .insertInto('sessions')
      .values({ token_hash: hash, user_id: userId, kind, register_id: registerId, created_at: new Date(now).toISOString(), expires_at: expiresAt })
      .execute();
    return { token, expiresAt };
  }

  async resolve(token: string): Promise<AuthContext | null> {
    const hash = tokenHash(token);
    const hit = this.cache.get(hash);
    if (hit && Date.now() - hit.at < CACHE_MS) return hit.auth;
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .leftJoin('registers', 'registers.id', 'sessions.register_id')
      .select([
        'sessions.kind',
        'sessions.expires_at',
        'sessions.register_id',
        'registers.store_id as register_store_id',
        'users.id',
        'users.company_id',
        'users.username',
        'users.display_name',
        'users.disabled',
      ])
      .where('sessions.token_hash', '=', hash)
      .executeTakeFirst();
    if (!row || row.disabled || row.expires_at <= new Date().toISOString()) {
      this.cache.delete(hash);
      return null;
    }
    const roleRows = await this.db.selectFrom('user_roles').select(['role', 'store_id']).where('user_id', '=', row.id).execute();
    let roles: RoleAssignment[] = roleRows
      .filter((r) => isRole(r.role))
      .map((r) => ({ role: r.role as RoleAssignment['role'], storeId: r.store_id === '*' ? null : r.store_id }));
    // A till session acts only for the store its register belongs to.
    if (row.kind === 'till' && row.register_store_id) {
      const storeId = row.register_store_id;
      roles = roles.filter((r) => r.storeId === null || r.storeId === storeId).map((r) => ({ ...r, storeId }));
    }
    const auth = new AuthContext(
      { id: row.id, companyId: row.company_id, username: row.username, displayName: row.display_name },
      roles,
      { kind: row.kind as SessionInfo['kind'], tokenHash: hash, registerId: row.register_id },
    );
    this.cache.set(hash, { auth, at: Date.now() });
    return auth;
  }

  async revoke(hash: string): Promise<void> {
    this.cache.delete(hash);
    await this.db.deleteFrom('sessions').where('token_hash', '=', hash).execute();
  }

  async revokeAllOf(userId: string): Promise<void> {
    this.cache.clear();
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  /** Role or status changes take effect on the next request. */
  forgetCached(): void {
    this.cache.clear();
  }
}
