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
    // With no subscriber there is nobody to deliver to: rows stay pending for the first one (in
    // order), and a busy till is spared a write after every posting.
    if (this.running || !this.subscribers.length) return 0;
    this.running = true;
    let published = 0;
    try {
      // A posted document's row carries no body of its own: it is the document's (migration 0023).
      const rows = await this.db
        .selectFrom('outbox as o')
        .leftJoin('documents as d', 'd.id', 'o.document_id')
        .select(['o.id', 'o.topic', 'o.document_id', (eb) => eb.fn.coalesce('o.payload_json', 'd.result_json').as('payload_json')])
        .where('o.published_at', 'is', null)
        .orderBy('o.created_at')
        .orderBy('o.id')
        .limit(limit)
        .execute();
      const delivered: string[] = [];
      for (const r of rows) {
        const msg = { id: r.id, topic: r.topic, documentId: r.document_id, payload: JSON.parse(r.payload_json ?? 'null') as unknown };
        try {
          for (const s of this.subscribers) await s(msg);
        } catch {
          break; // keep order: try again from this row on the next tick
        }
        delivered.push(r.id);
      }
      // One statement (one commit, one fsync on SQLite) for the whole drain, not one per row: under
      // load a drain follows every group commit. A crash before it only means redelivery.
      if (delivered.length) await this.db.updateTable('outbox').set({ published_at: new Date().toISOString() }).where('id', 'in', delivered).execute();
      published = delivered.length;
    } finally {
      this.running = false;
    }
    return published;
  }
}
