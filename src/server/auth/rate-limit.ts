// Sliding-window limiter for login attempts (per user and per IP). Failures age out, so there is
// never a permanent lockout an attacker could use to shut a cashier out (ARCHITECTURE §4).
// In memory: each server process limits on its own, which is the documented trade-off.
export class SlidingWindowLimiter {
  private hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Milliseconds until the key may try again, or 0 if it may try now. */
  retryAfter(key: string, now = Date.now()): number {
    const recent = this.prune(key, now);
    return recent.length >= this.limit ? recent[0] + this.windowMs - now : 0;
  }

  record(key: string, now = Date.now()): void {
    const recent = this.prune(key, now);
    recent.push(now);
    this.hits.set(key, recent);
  }

  reset(key: string): void {
    this.hits.delete(key);
  }

  private prune(key: string, now: number): number[] {
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length) this.hits.set(key, recent);
    else this.hits.delete(key);
    return recent;
  }
}
