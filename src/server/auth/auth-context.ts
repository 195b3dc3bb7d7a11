import { notFound } from '../http/problem';
import { roleGrants, permissionsOf, type Permission, type Role } from './permissions';

export interface RoleAssignment {
  role: Role;
  /** null = every store of the company. */
  storeId: string | null;
}

export interface AuthUser {
  id: string;
  companyId: string;
  username: string;
  displayName: string;
}

export interface SessionInfo {
  kind: 'web' | 'api' | 'till';
  tokenHash: string;
  registerId: string | null;
}

/** Who is calling and what they may do where. Store scope is part of every check. */
export class AuthContext {
  constructor(
    readonly user: AuthUser,
    readonly roles: RoleAssignment[],
    readonly session: SessionInfo,
  ) {}

  /** Holds `p` in `storeId`, or (without a store) in at least one store. */
  can(p: Permission, storeId?: string): boolean {
    return this.roles.some(
      (r) => roleGrants(r.role, p) && (storeId === undefined || r.storeId === null || r.storeId === storeId),
    );
  }

  /** Stores in which the user holds `p`: 'all' or a list of ids. */
  storesWith(p: Permission): 'all' | string[] {
    const granting = this.roles.filter((r) => roleGrants(r.role, p));
    if (granting.some((r) => r.storeId === null)) return 'all';
    return [...new Set(granting.map((r) => r.storeId as string))];
  }

  /** Another store's object answers 404, not 403, so ids of other stores leak nothing. */
  requireStore(p: Permission, storeId: string, what = 'Store'): void {
    if (!this.can(p, storeId)) throw notFound(what);
  }

  permissions(): Permission[] {
    return permissionsOf(this.roles.map((r) => r.role));
  }
}
