// The till's background work: deliver the outbox with backoff (1 s doubling to 30 s), refresh the
// catalog snapshot every minute while the server answers, and tell the screen where things stand
// (the sync indicator: online / offline / N waiting / error with details).
import type { Problem } from '../../shared/api';
import { api } from '../../shared/api';
import { summary, syncOutbox, type OutboxEntry } from './outbox';

export interface SyncView {
  online: boolean;
  waiting: number;
  errors: OutboxEntry[];
  needsLogin: boolean;
  lastError: Problem | null;
  syncing: boolean;
}

type Listener = (v: SyncView) => void;

const MAX_BACKOFF_MS = 30_000;
const REFRESH_MS = 60_000;

export class TillSync {
  view: SyncView = { online: navigator.onLine, waiting: 0, errors: [], needsLogin: false, lastError: null, syncing: false };
  private listeners = new Set<Listener>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private backoff = 1000;
  private running = false;
  private again = false;
  private stopped = false;
  private lastRefresh = 0;

  constructor(private readonly refreshCatalog: () => Promise<void>) {}

  subscribe(l: Listener): () => void {
    this.listeners.add(l);
    l(this.view);
    return () => this.listeners.delete(l);
  }

  private set(patch: Partial<SyncView>) {
    this.view = { ...this.view, ...patch };
    for (const l of this.listeners) l(this.view);
  }

  /** The till learned something about the server (a call at the counter worked or failed). */
  markOnline(online: boolean, problem?: Problem) {
    this.set({ online, ...(problem ? { lastError: problem } : {}) });
    if (!online) this.schedule(this.backoff);
  }

  start() {
    this.stopped = false;
    window.addEventListener('online', this.onOnline);
    // Another tab delivered or added something: show it.
    void this.kick();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener('online', this.onOnline);
    if (this.timer) clearTimeout(this.timer);
  }

  private onOnline = () => {
    this.backoff = 1000;
    void this.kick();
  };

  private schedule(ms: number) {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.kick(), ms);
  }

  async updateCounts() {
    const s = await summary();
    this.set({ waiting: s.waiting, errors: s.errors });
  }

  /** Runs one delivery round now (or right after the one in progress). */
  async kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    this.set({ syncing: true });
    try {
      do {
        this.again = false;
        const status = await syncOutbox();
        let online = !status.unreachable;
        if (online && !status.waiting) online = await this.ping();
        this.set({ online, waiting: status.waiting, errors: status.errors, needsLogin: status.needsLogin, lastError: status.lastError ?? (online ? null : this.view.lastError) });
        if (online && Date.now() - this.lastRefresh > REFRESH_MS) {
          this.lastRefresh = Date.now();
          await this.refreshCatalog().catch(() => undefined);
        }
        if (online) this.backoff = 1000;
      } while (this.again);
    } finally {
      this.running = false;
      this.set({ syncing: false });
    }
    if (this.view.needsLogin) {
      // Nothing goes through until a cashier signs in again (login kicks the loop).
      this.schedule(MAX_BACKOFF_MS);
    } else if (!this.view.online || this.view.waiting) {
      this.schedule(this.backoff);
      this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
    } else {
      this.schedule(REFRESH_MS / 2);
    }
  }

  private async ping(): Promise<boolean> {
    try {
      await api.get('/health', { allowUnauthorized: true, signal: AbortSignal.timeout(5000) });
      return true;
    } catch {
      return false;
    }
  }
}
