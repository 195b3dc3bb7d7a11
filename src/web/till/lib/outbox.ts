// The outbox (ARCHITECTURE §5): every completed sale is committed to IndexedDB before the screen
// says paid, then delivered to POST /sales by a sync loop with backoff. The loop runs under a Web
// Lock, so two tabs of one register never send at once; the server's idempotency by sale id is
// the backstop. Entries are delivered in the order they were rung up, so the server's gapless
// per-register receipt numbers follow the till's own order.
import type { SaleInput } from '../../../contracts/sales';
import type { ReceiptModel } from '../../../core/receipts/receipt-model';
import { ApiError, api, type Problem } from '../../shared/api';
import { authHeaders, isTransient } from './device';
import { committed, openTillDb, requestResult } from './idb';

export type OutboxStatus = 'pending' | 'delivered' | 'error';

export interface SaleResponse {
  id: string;
  number: string;
  due: number;
  change: number;
  offline: boolean;
  flags: { kind: string }[];
}

export interface OutboxEntry {
  id: string;
  /** Order rung up on this device (gapless locally): delivery order and the provisional number. */
  seq: number;
  localNumber: string;
  registerId: string;
  createdAt: string;
  /** The body delivered. An online sale whose answer never came is re-sent as offline. */
  body: SaleInput;
  /** The online body first tried, kept to fetch the original answer if it did get through. */
  onlineBody?: SaleInput;
  /** The session of the cashier who rang it up (a later cashier's session serves as fallback). */
  token: string;
  status: OutboxStatus;
  attempts: number;
  lastError?: Problem;
  deliveredAt?: string;
  number?: string;
  flags?: string[];
  /** The receipt printed at the counter (its number provisional until delivered). */
  receipt: ReceiptModel;
}

const LOCK = 'cangshou-till-outbox';

/** Writes a new sale with the next local sequence number, atomically across tabs. */
export async function addToOutbox(make: (seq: number) => Omit<OutboxEntry, 'seq' | 'status' | 'attempts'>): Promise<OutboxEntry> {
  const db = await openTillDb();
  const tx = db.transaction(['outbox', 'meta'], 'readwrite');
  const meta = tx.objectStore('meta');
  const last = ((await requestResult(meta.get('outboxSeq'))) as number | undefined) ?? 0;
  const entry: OutboxEntry = { ...make(last + 1), seq: last + 1, status: 'pending', attempts: 0 };
  meta.put(last + 1, 'outboxSeq');
  tx.objectStore('outbox').put(entry);
  await committed(tx);
  return entry;
}

export async function outboxEntries(): Promise<OutboxEntry[]> {
  const db = await openTillDb();
  const all = (await requestResult(db.transaction('outbox', 'readonly').objectStore('outbox').getAll())) as OutboxEntry[];
  return all.sort((a, b) => a.seq - b.seq);
}

async function putEntry(entry: OutboxEntry): Promise<void> {
  const db = await openTillDb();
  const tx = db.transaction('outbox', 'readwrite');
  tx.objectStore('outbox').put(entry);
  await committed(tx);
}

async function removeEntry(id: string): Promise<void> {
  const db = await openTillDb();
  const tx = db.transaction('outbox', 'readwrite');
  tx.objectStore('outbox').delete(id);
  await committed(tx);
}

const post = (body: SaleInput, token: string) =>
  api.post<SaleResponse>('/sales', body, { headers: authHeaders(token), allowUnauthorized: true, signal: AbortSignal.timeout(15_000) });

/** One delivery attempt: the posted sale, or a thrown ApiError (status 0 = unreachable). */
async function send(entry: OutboxEntry): Promise<SaleResponse> {
  const token = entry.token;
  const fallback = authHeaders().Authorization?.slice(7);
  const attempt = async (body: SaleInput) => {
    try {
      return await post(body, token);
    } catch (e) {
      // The cashier who rang it up has logged out since: deliver under the current session.
      if (e instanceof ApiError && e.status === 401 && fallback && fallback !== token) return post(body, fallback);
      throw e;
    }
  };
  try {
    return await attempt(entry.body);
  } catch (e) {
    // The online attempt did reach the server after all: its answer is the sale.
    if (e instanceof ApiError && e.code === 'idempotency_conflict' && entry.onlineBody) return attempt(entry.onlineBody);
    throw e;
  }
}

function delivered(entry: OutboxEntry, res: SaleResponse): OutboxEntry {
  return {
    ...entry,
    status: 'delivered',
    deliveredAt: new Date().toISOString(),
    number: res.number,
    flags: res.flags?.map((f) => f.kind) ?? [],
    lastError: undefined,
    receipt: { ...entry.receipt, number: res.number },
  };
}

export type DeliverOutcome = { kind: 'delivered'; entry: OutboxEntry } | { kind: 'refused'; problem: Problem } | { kind: 'unreachable'; entry: OutboxEntry };

/**
 * The counter's own attempt right after payment, under the lock. A refusal (price list stale,
 * wallet declined…) removes the sale: it is not paid and the cashier fixes it. When the server
 * cannot be reached, a cash or card sale becomes an offline sale (the money is in the drawer);
 * a wallet sale stays as it is until the server answers, so the charge is never made twice.
 */
export function deliverNow(entry: OutboxEntry, offlineBody: SaleInput | null): Promise<DeliverOutcome> {
  return navigator.locks.request(LOCK, async (): Promise<DeliverOutcome> => {
    try {
      const res = await send(entry);
      const done = delivered(entry, res);
      await putEntry(done);
      return { kind: 'delivered', entry: done };
    } catch (e) {
      const unauthorized = e instanceof ApiError && e.status === 401;
      if (!isTransient(e) && !unauthorized) {
        await removeEntry(entry.id);
        return { kind: 'refused', problem: (e as ApiError).problem };
      }
      const next: OutboxEntry = offlineBody && !unauthorized ? { ...entry, onlineBody: entry.body, body: offlineBody, attempts: entry.attempts + 1 } : { ...entry, attempts: entry.attempts + 1 };
      if (e instanceof ApiError) next.lastError = e.problem;
      await putEntry(next);
      return { kind: 'unreachable', entry: next };
    }
  });
}

export interface SyncStatus {
  waiting: number;
  errors: OutboxEntry[];
  /** The last delivery failed for want of a server. */
  unreachable: boolean;
  needsLogin: boolean;
  lastError: Problem | null;
}

/**
 * Delivers every pending entry in order. Returns when the outbox is empty or the server is out
 * of reach (the caller retries with backoff). A refused entry is kept as an error, for a manager.
 */
export function syncOutbox(): Promise<SyncStatus> {
  return navigator.locks.request(LOCK, async () => {
    let unreachable = false;
    let needsLogin = false;
    let lastError: Problem | null = null;
    // Re-read under the lock: another tab may have delivered some meanwhile.
    for (const entry of await outboxEntries()) {
      if (entry.status !== 'pending') continue;
      try {
        await putEntry(delivered(entry, await send(entry)));
      } catch (e) {
        const problem = e instanceof ApiError ? e.problem : ({ type: 'about:blank', title: String(e), status: 0, code: 'network_error' } as Problem);
        lastError = problem;
        if (problem.status === 401) {
          needsLogin = true;
          break;
        }
        if (isTransient(e)) {
          await putEntry({ ...entry, attempts: entry.attempts + 1, lastError: problem });
          unreachable = true;
          break;
        }
        await putEntry({ ...entry, status: 'error', attempts: entry.attempts + 1, lastError: problem });
      }
    }
    await pruneDelivered();
    return { ...(await summary()), unreachable, needsLogin, lastError };
  });
}

export async function summary(): Promise<Pick<SyncStatus, 'waiting' | 'errors'>> {
  const all = await outboxEntries();
  return { waiting: all.filter((e) => e.status === 'pending').length, errors: all.filter((e) => e.status === 'error') };
}

/** Delivered sales stay for reprints; only the last 200 are kept. */
async function pruneDelivered(): Promise<void> {
  const delivered = (await outboxEntries()).filter((e) => e.status === 'delivered');
  for (const e of delivered.slice(0, Math.max(0, delivered.length - 200))) await removeEntry(e.id);
}
