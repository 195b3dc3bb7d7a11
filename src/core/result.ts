// Expected business outcomes (underpaid, discount too large, bad check digit) are values, not
// exceptions: the caller must handle them, and a route maps `code` and `field` to problem+json.
// Exceptions stay for bugs (a float where fen were promised), which the tests must never see.

export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
}

export interface Err<C extends string = string> {
  readonly ok: false;
  /** Stable machine-readable reason, e.g. `underpaid`. */
  readonly code: C;
  /** Path of the input that caused it, e.g. `lines[2].qty`, so a form can point at it. */
  readonly field: string;
  readonly message: string;
}

export type Result<T, C extends string = string> = Ok<T> | Err<C>;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err<C extends string>(code: C, field: string, message: string): Err<C> {
  return { ok: false, code, field, message };
}
