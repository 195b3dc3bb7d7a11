// Manager approval (supervisor override) for voids and returns without receipt: a cashier needs a
// token from POST /approvals, consumed inside the posting transaction; a manager of the store
// approves their own (the document's approvedBy names them either way).
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { roleGrants, type ApprovalAction } from '../../auth/permissions';
import { Problem } from '../../http/problem';
import { consumeApproval } from '../auth/service';

export interface Approval {
  action: ApprovalAction;
  storeId: string;
  /** null: a manager acts, no token needed. */
  token: string | null;
  managerId: string | null;
}

/** Checked before anything moves: 403 `approval_required` (with `actions`) when a cashier has no token. */
export function requireApproval(auth: AuthContext, storeId: string, action: ApprovalAction, token: string | undefined): Approval {
  const isManager = auth.roles.some((r) => roleGrants(r.role, 'approvals.grant') && (r.storeId === null || r.storeId === storeId));
  if (isManager) return { action, storeId, token: null, managerId: auth.user.id };
  if (token === undefined) {
    throw new Problem(403, 'approval_required', `A manager must approve: ${action}`, [{ field: 'approvalToken', message: 'Manager approval required' }], { actions: [action] });
  }
  return { action, storeId, token, managerId: null };
}

/** Inside the posting transaction: the approver's id (a spent or wrong token is 403 `approval_invalid`). */
export async function consumeRequiredApproval(trx: Kysely<DB>, a: Approval, now: Date): Promise<string> {
  if (a.token === null) return a.managerId!;
  return consumeApproval(trx, a.token, a.action, a.storeId, now);
}
