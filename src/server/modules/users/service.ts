// Users, their passwords and PINs, and their roles per store. Every change is audited in the
// company chain together with the change itself.
import { sql, type Kysely } from 'kysely';
import type { SortValue } from '../../../contracts/common';
import type { USER_SORTS } from '../../../contracts/users';
import { uuidv7 } from '../../../core/id/uuidv7';
import type { DB } from '../../../db/schema';
import { isUniqueViolation } from '../../../db/dialect';
import { appendAudit, chains } from '../../audit/chain';
import type { AuthContext, RoleAssignment } from '../../auth/auth-context';
import { checkPasswordPolicy, hashSecret, PASSWORD_MESSAGES } from '../../auth/passwords';
import type { SessionStore } from '../../auth/sessions';
import { badRequest, conflict, notFound } from '../../http/problem';
import type { Clock } from '../../clock';
import { orderBySort } from '../../lists/sort';

export interface UserView {
  id: string;
  username: string;
  displayName: string;
  disabled: boolean;
  hasPin: boolean;
  roles: RoleAssignment[];
  createdAt: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: RoleAssignment[];
  pin?: string;
}

const PIN_RE = /^\d{4,8}$/;

export class UsersService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly sessions: SessionStore,
    private readonly clock: Clock,
  ) {}

  async list(auth: AuthContext, q: { q?: string; storeId?: string; sort?: SortValue<(typeof USER_SORTS)[number]>; page: number; pageSize: number }) {
    let query = this.db.selectFrom('users').where('company_id', '=', auth.user.companyId);
    if (q.storeId) {
      // Who can work in the store: its own staff and those whose role covers every store.
      const storeId = q.storeId;
      const store = await this.db.selectFrom('stores').select('id').where('company_id', '=', auth.user.companyId).where('id', '=', storeId).executeTakeFirst();
      if (!store) throw notFound('Store', 'storeId');
      query = query.where('id', 'in', (eb) =>
        eb.selectFrom('user_roles').select('user_id').where('store_id', 'in', [storeId, '*']),
      );
    }
    if (q.q) {
      const like = `%${q.q.toLowerCase()}%`;
      query = query.where((eb) => eb.or([eb(sql`lower(username)`, 'like', like), eb(sql`lower(display_name)`, 'like', like)]));
    }
    const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll()
      .$call((qb) => orderBySort(qb, q.sort ?? 'username', { username: 'username', displayName: 'display_name', createdAt: 'created_at' }, 'id'))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize)
      .execute();
    const roles = await this.rolesOf(rows.map((r) => r.id));
    return { items: rows.map((r) => toView(r, roles.get(r.id) ?? [])), total: Number(total) };
  }

  async get(auth: AuthContext, id: string): Promise<UserView> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('id', '=', id)
      .where('company_id', '=', auth.user.companyId)
      .executeTakeFirst();
    if (!row) throw notFound('User');
    const roles = await this.rolesOf([id]);
    return toView(row, roles.get(id) ?? []);
  }

  async create(auth: AuthContext, input: NewUser): Promise<UserView> {
    assertPassword(input.password, 'password');
    if (input.pin !== undefined) assertPin(input.pin);
    await this.assertStores(auth.user.companyId, input.roles);
    const now = this.clock().toISOString();
    const id = uuidv7();
    const passwordHash = await hashSecret(input.password);
    const pinHash = input.pin ? await hashSecret(input.pin) : null;
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('users')
          .values({
            id,
            company_id: auth.user.companyId,
            username: input.username,
            display_name: input.displayName,
            password_hash: passwordHash,
            pin_hash: pinHash,
            disabled: 0,
            created_at: now,
            updated_at: now,
          })
          .execute();
        await writeRoles(trx, id, input.roles);
        await appendAudit(trx, {
          chainId: chains.company(auth.user.companyId),
          companyId: auth.user.companyId,
          actorId: auth.user.id,
          action: 'user.created',
          subjectType: 'user',
          subjectId: id,
          at: now,
          data: { username: input.username, roles: input.roles },
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('username_taken', `Username ${input.username} is taken`, 'username');
      throw err;
    }
    return this.get(auth, id);
  }

  async update(auth: AuthContext, id: string, patch: { displayName?: string; disabled?: boolean }): Promise<UserView> {
    const before = await this.get(auth, id);
    if (patch.disabled && id === auth.user.id) throw badRequest('cannot_disable_self', 'You cannot disable yourself', 'disabled');
    const now = this.clock().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({
          ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
          ...(patch.disabled !== undefined ? { disabled: patch.disabled ? 1 : 0 } : {}),
          updated_at: now,
        })
        .where('id', '=', id)
        .execute();
      await appendAudit(trx, {
        chainId: chains.company(auth.user.companyId),
        companyId: auth.user.companyId,
        actorId: auth.user.id,
        action: patch.disabled === true ? 'user.disabled' : patch.disabled === false ? 'user.enabled' : 'user.updated',
        subjectType: 'user',
        subjectId: id,
        at: now,
        data: { before: { displayName: before.displayName, disabled: before.disabled }, patch },
      });
    });
    if (patch.disabled) await this.sessions.revokeAllOf(id);
    return this.get(auth, id);
  }

  async setRoles(auth: AuthContext, id: string, roles: RoleAssignment[]): Promise<UserView> {
    const before = await this.get(auth, id);
    await this.assertStores(auth.user.companyId, roles);
    const now = this.clock().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('user_roles').where('user_id', '=', id).execute();
      await writeRoles(trx, id, roles);
      await appendAudit(trx, {
        chainId: chains.company(auth.user.companyId),
        companyId: auth.user.companyId,
        actorId: auth.user.id,
        action: 'user.roles_changed',
        subjectType: 'user',
        subjectId: id,
        at: now,
        data: { before: before.roles, after: roles },
      });
    });
    this.sessions.forgetCached();
    return this.get(auth, id);
  }

  async resetPassword(auth: AuthContext, id: string, password: string): Promise<void> {
    assertPassword(password, 'password');
    await this.get(auth, id);
    const hash = await hashSecret(password);
    await this.changeSecret(auth, id, { password_hash: hash }, 'user.password_reset');
    // Everyone logged in as that user must log in again with the new password.
    await this.sessions.revokeAllOf(id);
  }

  async setPin(auth: AuthContext, id: string, pin: string): Promise<void> {
    assertPin(pin);
    await this.get(auth, id);
    const hash = await hashSecret(pin);
    await this.changeSecret(auth, id, { pin_hash: hash }, 'user.pin_set');
  }

  private async changeSecret(auth: AuthContext, id: string, set: { password_hash?: string; pin_hash?: string }, action: string) {
    const now = this.clock().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('users').set({ ...set, updated_at: now }).where('id', '=', id).execute();
      await appendAudit(trx, {
        chainId: chains.company(auth.user.companyId),
        companyId: auth.user.companyId,
        actorId: auth.user.id,
        action,
        subjectType: 'user',
        subjectId: id,
        at: now,
      });
    });
  }

  private async rolesOf(ids: string[]): Promise<Map<string, RoleAssignment[]>> {
    const out = new Map<string, RoleAssignment[]>();
    if (!ids.length) return out;
    const rows = await this.db.selectFrom('user_roles').selectAll().where('user_id', 'in', ids).orderBy('role').execute();
    for (const r of rows) {
      const list = out.get(r.user_id) ?? [];
      list.push({ role: r.role as RoleAssignment['role'], storeId: r.store_id === '*' ? null : r.store_id });
      out.set(r.user_id, list);
    }
    return out;
  }

  private async assertStores(companyId: string, roles: RoleAssignment[]) {
    const ids = [...new Set(roles.map((r) => r.storeId).filter((s): s is string => s !== null))];
    if (!ids.length) return;
    const found = await this.db.selectFrom('stores').select('id').where('company_id', '=', companyId).where('id', 'in', ids).execute();
    const known = new Set(found.map((f) => f.id));
    roles.forEach((r, i) => {
      if (r.storeId !== null && !known.has(r.storeId)) throw notFound('Store', `roles.${i}.storeId`);
    });
  }
}

async function writeRoles(trx: Kysely<DB>, userId: string, roles: RoleAssignment[]) {
  const unique = new Map(roles.map((r) => [`${r.role}|${r.storeId ?? '*'}`, r]));
  if (!unique.size) return;
  await trx
    .insertInto('user_roles')
    .values([...unique.values()].map((r) => ({ user_id: userId, role: r.role, store_id: r.storeId ?? '*' })))
    .execute();
}

function assertPassword(password: string, field: string) {
  const problem = checkPasswordPolicy(password);
  if (problem) throw badRequest(`password_${problem}`, PASSWORD_MESSAGES[problem], field);
}

function assertPin(pin: string) {
  if (!PIN_RE.test(pin)) throw badRequest('pin_invalid', 'PIN must be 4 to 8 digits', 'pin');
}

function toView(
  r: { id: string; username: string; display_name: string; disabled: number; pin_hash: string | null; created_at: string },
  roles: RoleAssignment[],
): UserView {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    disabled: !!r.disabled,
    hasPin: !!r.pin_hash,
    roles,
    createdAt: r.created_at,
  };
}
