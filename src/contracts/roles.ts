// Roles and approval actions are part of the API contract (the web app shows and sends them).
export const ROLES = ['owner', 'store_manager', 'cashier', 'stock_clerk', 'finance', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

/** Actions that need a supervisor's approval (PIN) when the actor is not a manager. */
export const APPROVAL_ACTIONS = ['cash.paid_out', 'drawer.open', 'sale.void', 'sale.price_override', 'sale.discount', 'return.no_receipt', 'transfer.close'] as const;
export type ApprovalAction = (typeof APPROVAL_ACTIONS)[number];
