import { describe, it, expect } from 'vitest';
import { err, ok, type Result } from './result';

describe('Result', () => {
  it('carries the value of a success', () => {
    const r: Result<number> = ok(42);
    expect(r).toEqual({ ok: true, value: 42 });
  });

  it('carries code, field and message of a refusal', () => {
    const r: Result<number, 'underpaid'> = err('underpaid', 'payments', 'short by 0.20');
    expect(r).toEqual({ ok: false, code: 'underpaid', field: 'payments', message: 'short by 0.20' });
  });
});
