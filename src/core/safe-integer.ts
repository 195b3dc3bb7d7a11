// Money and quantities are integers in `number`; beyond 2^53 a number silently stops being exact,
// so every entry point refuses anything that is not a safe integer instead of rounding it away.
export function assertSafeInteger(n: number, what: string): void {
  if (!Number.isSafeInteger(n)) {
    throw new RangeError(`${what} must be a safe integer, got ${String(n)}`);
  }
}
