// Role-based access, default deny (ARCHITECTURE §4). Every route names one of these permissions
// (or 'public' / 'authenticated'); a route without one fails at startup and in the route test.
import { ROLES, type Role } from '../../contracts/roles';

export { ROLES, APPROVAL_ACTIONS, type Role, type ApprovalAction } from '../../contracts/roles';

const ALL: readonly Role[] = ROLES;

export const PERMISSIONS = {
  'stores.read': ALL,
  'stores.manage': ['owner'],
  'registers.manage': ['owner', 'store_manager'],
  'users.manage': ['owner'],
  'audit.read': ['owner', 'finance', 'auditor'],
  'documents.read': ['owner', 'store_manager', 'stock_clerk', 'finance', 'auditor'],
  'cash.move': ['owner', 'store_manager', 'cashier'],
  'journal.post': ['owner', 'finance'],
  // Manual entries (手工凭证): drafted by one user, approved (or reversed) by another.
  'journal.read': ['owner', 'store_manager', 'finance', 'auditor'],
  'journal.draft': ['owner', 'finance'],
  'journal.approve': ['owner', 'finance'],
  'opening.post': ['owner', 'finance'],
  'accounts.read': ['owner', 'store_manager', 'finance', 'auditor'],
  'accounts.manage': ['owner', 'finance'],
  // Closing the books (lock date) is company-wide: a store-scoped grant is refused by the service.
  'books.lock': ['owner', 'finance'],
  'reports.read': ['owner', 'store_manager', 'finance', 'auditor'],
  'products.read': ALL,
  'stock.read': ['owner', 'store_manager', 'stock_clerk', 'finance', 'auditor'],
  'approvals.grant': ['owner', 'store_manager'],
  'catalog.manage': ['owner', 'store_manager'],
  'prices.approve': ['owner', 'store_manager'],
  'suppliers.manage': ['owner', 'store_manager'],
  'stock.receive': ['owner', 'store_manager', 'stock_clerk'],
  'stock.writeoff': ['owner', 'store_manager', 'stock_clerk'],
  'stock.transfer': ['owner', 'store_manager', 'stock_clerk'],
  'stocktake.count': ['owner', 'store_manager', 'stock_clerk'],
  'stocktake.approve': ['owner', 'store_manager'],
  'import.run': ['owner', 'store_manager'],
  'sales.create': ['owner', 'store_manager', 'cashier'],
  'sales.review': ['owner', 'store_manager', 'finance', 'auditor'],
  // Marking review flags as looked at: the auditor reads the list but does not clear it.
  'sales.review_resolve': ['owner', 'store_manager', 'finance'],
  'sales.return': ['owner', 'store_manager', 'cashier'],
  'sales.read': ['owner', 'store_manager', 'cashier', 'finance', 'auditor'],
  'shifts.open': ['owner', 'store_manager', 'cashier'],
  'shifts.read': ['owner', 'store_manager', 'cashier', 'finance', 'auditor'],
  // Closing is further limited to the shift's own cashier unless the closer manages the store.
  'shifts.close': ['owner', 'store_manager', 'cashier'],
  'stores.day_close': ['owner', 'store_manager'],
  'receipts.reprint': ['owner', 'store_manager', 'cashier'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;
export type RouteAccess = Permission | 'public' | 'authenticated';

export function isRole(r: string): r is Role {
  return (ROLES as readonly string[]).includes(r);
}

export function roleGrants(role: string, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly string[]).includes(role);
}

export function permissionsOf(roles: readonly string[]): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => roles.some((r) => roleGrants(r, p)));
}
