// Translated names for codes the server sends (roles, document types), falling back to the
// raw code for values this build does not know yet.
import type { TFunction } from 'i18next';
import type { Problem } from '../../shared/api';
import type { RoleAssignment } from '../../shared/types';
import i18n from '../i18n';

export function roleLabel(t: TFunction, role: string): string {
  const key = `roles.${role}`;
  return i18n.exists(key) ? t(key as 'roles.owner') : role;
}

export function documentTypeLabel(t: TFunction, type: string): string {
  const key = `documents.types.${type}`;
  return i18n.exists(key) ? t(key as 'documents.types.sale') : type;
}

/** "Cashier · Store 1", or "Owner · All stores" for a company-wide role. */
export function roleAssignmentLabel(
  t: TFunction,
  assignment: RoleAssignment,
  storeName: (id: string) => string | null,
): string {
  const where = assignment.storeId === null ? t('users.allStores') : (storeName(assignment.storeId) ?? assignment.storeId);
  return `${roleLabel(t, assignment.role)} · ${where}`;
}

/** The user's-language text for a problem code this build knows, else null (use the server's detail). */
export function knownProblemText(t: TFunction, problem: Problem): string | null {
  const key = `problems.${problem.code}`;
  return i18n.exists(key) ? t(key as 'problems.not_found') : null;
}

/** "Signed in" for auth.login, "Posted · Cash in" for document.cash_in.posted; null when unknown. */
export function auditActionLabel(t: TFunction, action: string): string | null {
  const posted = /^document\.(.+)\.posted$/.exec(action);
  if (posted) return t('audit.documentPosted', { type: documentTypeLabel(t, posted[1]) });
  const key = `auditActions.${action}`;
  return i18n.exists(key) ? t(key as 'auditActions.auth.login') : null;
}
