// Login (password), till login (PIN on a paired register), logout and supervisor approvals.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import { appendAudit, chains } from '../../audit/chain';
import type { AuthContext } from '../../auth/auth-context';
import { burnVerify, verifySecret } from '../../auth/passwords';
import { roleGrants, type ApprovalAction } from '../../auth/permissions';
import { SlidingWindowLimiter } from '../../auth/rate-limit';
import type { SessionStore } from '../../auth/sessions';
import { newToken, tokenHash } from '../../auth/tokens';
import { Problem, notFound, unauthorized } from '../../http/problem';
import type { Clock } from '../../clock';
import { recordAudit } from '../audit/record';

const WINDOW_MS = 15 * 60_000;
const APPROVAL_TTL_MS = 5 * 60_000;

export class AuthService {
  // 10 failures per user and 50 per address in 15 minutes; they age out (no permanent lockout).
  private readonly perUser = new SlidingWindowLimiter(10, WINDOW_MS);
  private readonly perIp = new SlidingWindowLimiter(50, WINDOW_MS);

  constructor(
    private readonly db: Kysely<DB>,
    private readonly sessions: SessionStore,
    private readonly clock: Clock,
  ) {}

  async login(username: string, password: string, ip: string) {
    this.assertNotLimited(username, ip);
    const user = await this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
    const ok = user ? await verifySecret(user.password_hash, password) : (await burnVerify(password), false);
    if (!user || !ok || user.disabled) {
      this.perUser.record(username);
      this.perIp.record(ip);
      if (user) await this.auditLogin(user.company_id, user.id, 'auth.login_failed', { ip, reason: user.disabled ? 'disabled' : 'bad_password' });
      throw unauthorized('invalid_credentials', 'Wrong username or password');
    }
    this.perUser.reset(username);
    const session = await this.sessions.create(user.id, 'web');
    await this.auditLogin(user.company_id, user.id, 'auth.login', { ip, kind: 'web' });
    return session;
  }

  /** Fast cashier switching: the register is identified by its device token, the cashier by PIN. */
  async pinLogin(deviceToken: string, username: string, pin: string, ip: string) {
    const register = await this.db
      .selectFrom('registers')
      .innerJoin('stores', 'stores.id', 'registers.store_id')
      .select(['registers.id', 'registers.store_id', 'stores.company_id'])
      .where('registers.device_token_hash', '=', tokenHash(deviceToken))
      .executeTakeFirst();
    if (!register) throw unauthorized('device_not_paired', 'This device is not paired with a register');
    this.assertNotLimited(username, ip);
    const user = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .where('company_id', '=', register.company_id)
      .executeTakeFirst();
    const ok = user?.pin_hash ? await verifySecret(user.pin_hash, pin) : (await burnVerify(pin), false);
    const roles = user ? await this.rolesIn(user.id, register.store_id) : [];
    if (!user || !ok || user.disabled || !roles.length) {
      this.perUser.record(username);
      this.perIp.record(ip);
      throw unauthorized('invalid_credentials', 'Wrong user or PIN, or no role in this store');
    }
    this.perUser.reset(username);
    const session = await this.sessions.create(user.id, 'till', register.id);
    await this.db.transaction().execute((trx) =>
      appendAudit(trx, {
        chainId: chains.register(register.id),
        companyId: register.company_id,
        actorId: user.id,
        action: 'auth.pin_login',
        subjectType: 'register',
        subjectId: register.id,
        storeId: register.store_id,
        at: this.clock().toISOString(),
        data: { ip },
      }),
    );
    return { ...session, registerId: register.id, storeId: register.store_id };
  }

  async logout(auth: AuthContext) {
    await this.sessions.revoke(auth.session.tokenHash);
    await this.auditLogin(auth.user.companyId, auth.user.id, 'auth.logout', {});
  }

  /**
   * Supervisor override: a manager's PIN (or password) approves ONE action in one store. The token
   * is single-use and short-lived; the approval is audited in the store chain with who approved.
   */
  async approve(auth: AuthContext, input: { action: ApprovalAction; storeId: string; username: string; pin?: string; password?: string }, ip: string) {
    if (!auth.can('stores.read', input.storeId)) throw notFound('Store', 'storeId');
    this.assertNotLimited(input.username, ip);
    const approver = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', input.username)
      .where('company_id', '=', auth.user.companyId)
      .executeTakeFirst();
    const secretHash = input.pin !== undefined ? approver?.pin_hash : approver?.password_hash;
    const secret = input.pin ?? input.password ?? '';
    const ok = secretHash ? await verifySecret(secretHash, secret) : (await burnVerify(secret), false);
    const roles = approver ? await this.rolesIn(approver.id, input.storeId) : [];
    if (!approver || !ok || approver.disabled) {
      this.perUser.record(input.username);
      this.perIp.record(ip);
      throw unauthorized('invalid_credentials', 'Wrong approver or PIN');
    }
    if (!roles.some((r) => roleGrants(r, 'approvals.grant'))) {
      throw new Problem(403, 'approver_not_allowed', `${approver.display_name} may not approve in this store`, [
        { field: 'username', message: 'This user may not approve' },
      ]);
    }
    const { token, hash } = newToken();
    const now = this.clock();
    const expiresAt = new Date(now.getTime() + APPROVAL_TTL_MS).toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('approvals')
        .values({
          token_hash: hash,
          approver_id: approver.id,
          requested_by: auth.user.id,
          action: input.action,
          store_id: input.storeId,
          created_at: now.toISOString(),
          expires_at: expiresAt,
          used_at: null,
        })
        .execute();
      await appendAudit(trx, {
        chainId: chains.store(input.storeId),
        companyId: auth.user.companyId,
        actorId: approver.id,
        action: 'approval.granted',
        subjectType: 'approval',
        subjectId: hash.slice(0, 16),
        storeId: input.storeId,
        at: now.toISOString(),
        data: { action: input.action, requestedBy: auth.user.id, approvedBy: approver.id },
      });
    });
    return { approvalToken: token, approver: { id: approver.id, displayName: approver.display_name }, expiresAt };
  }

  private assertNotLimited(username: string, ip: string) {
    const wait = Math.max(this.perUser.retryAfter(username), this.perIp.retryAfter(ip));
    if (wait > 0) {
      throw new Problem(429, 'rate_limited', 'Too many failed attempts; try again later', undefined, {
        retryAfterSeconds: Math.ceil(wait / 1000),
      });
    }
  }

  private async rolesIn(userId: string, storeId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('user_roles')
      .select('role')
      .where('user_id', '=', userId)
      .where('store_id', 'in', [storeId, '*'])
      .execute();
    return rows.map((r) => r.role);
  }

  private async auditLogin(companyId: string, userId: string, action: string, data: Record<string, unknown>) {
    await recordAudit(this.db, {
      chainId: chains.company(companyId),
      companyId,
      actorId: userId,
      action,
      subjectType: 'user',
      subjectId: userId,
      at: this.clock().toISOString(),
      data,
    });
  }
}

/**
 * Use an approval inside the posting transaction: valid, unexpired, unused, for this action and
 * store. Marking it used in the same transaction makes it single-use even under concurrency.
 */
export async function consumeApproval(
  trx: Kysely<DB>,
  token: string,
  action: ApprovalAction,
  storeId: string,
  now: Date,
): Promise<string> {
  const hash = tokenHash(token);
  const res = await trx
    .updateTable('approvals')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', hash)
    .where('action', '=', action)
    .where('store_id', '=', storeId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) {
    throw new Problem(403, 'approval_invalid', 'The approval is missing, used, expired or for another action', [
      { field: 'approvalToken', message: 'Ask a manager to approve again' },
    ]);
  }
  const row = await trx.selectFrom('approvals').select('approver_id').where('token_hash', '=', hash).executeTakeFirstOrThrow();
  return row.approver_id;
}
