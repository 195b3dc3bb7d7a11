// Puts the server's per-field problem messages (RFC 9457 `errors[]`) next to antd form fields.
import type { FormInstance } from 'antd';
import { ApiError, type FieldError } from '../../shared/api';

type NamePath = (string | number)[];

/** "roles.0.storeId", "roles[0].storeId" and "/roles/0/storeId" all become ['roles', 0, 'storeId']. */
export function fieldPath(field: string): NamePath {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows each field error of `error` on the matching form field.
 * Returns the messages that matched no field in this form, so the caller can show them elsewhere.
 */
export function applyFieldErrors(
  form: FormInstance,
  error: unknown,
  messageOf: (fieldError: FieldError) => string = (fieldError) => fieldError.message,
): string[] {
  if (!(error instanceof ApiError)) return [];
  const registered = new Set(form.getFieldsError().map((field) => JSON.stringify(field.name)));
  const byField = new Map<string, { name: NamePath; errors: string[] }>();
  const unmatched: string[] = [];
  for (const fieldError of error.fieldErrors) {
    const { field } = fieldError;
    const message = messageOf(fieldError);
    const name = fieldPath(field);
    const key = JSON.stringify(name);
    if (!registered.has(key)) {
      unmatched.push(field ? `${field}: ${message}` : message);
      continue;
    }
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);
  return unmatched;
}
