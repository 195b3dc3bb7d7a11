// Delivers outbox rows after their transaction committed (ARCHITECTURE §3.6). Subscribers are the
// integrations (webhooks come with that issue); a row is marked published once every subscriber
// accepted it, and retried on the next tick otherwise, so delivery is at-least-once.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

export type OutboxSubscriber = (msg: { id: string; topic: string; documentId: string | null; payload: unknown }) => Promise<void>;

export class OutboxRelay {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private readonly subscribers: OutboxSubscriber[] = [];

  constructor(
    private readonly db: Kysely<DB>,
    private readonly intervalMs = 1000,
  ) {}

  subscribe(s: OutboxSubscriber): void {
    this.subscribers.push(s);
  }

  start(): void {
    this.timer ??= setInterval(() => void this.drain(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Deliver what is pending; returns how many rows were published. */
  async drain(limit = 200): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    let published = 0;
    try {
      const rows = await this.db.selectFrom('outbox').selectAll().where('published_at', 'is', null).orderBy('created_at').orderBy('id').limit(limit).execute();
      for (const r of rows) {
        const msg = { id: r.id, topic: r.topic, documentId: r.document_id, payload: JSON.parse(r.payload_json) };
        try {
          for (const s of this.subscribers) await s(msg);
        } catch {
          break; // keep order: try again from this row on the next tick
        }
        await this.db.updateTable('outbox').set({ published_at: new Date().toISOString() }).where('id', '=', r.id).execute();
        published++;
      }
    } finally {
      this.running = false;
    }
    return published;
  }
}
