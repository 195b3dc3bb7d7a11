import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../core/id/uuidv7';
import { testDialects } from '../../db/testing';
import { firstOwner } from '../auth/owner-context';
import type { AuthContext } from '../auth/auth-context';
import { makeTestApp, type TestApp } from '../testing';
import { OutboxRelay, type OutboxSubscriber } from './relay';

describe.each(testDialects)('outbox relay on %s', (dialect) => {
  let t: TestApp;
  let owner: AuthContext;

  beforeAll(async () => {
    t = await makeTestApp(dialect);
    owner = (await firstOwner(t.db.db))!;
  });
  afterAll(() => t.close());

  const post = (memo: string) =>
    t.services.documents.postOpeningBalance(owner, { id: uuidv7(), storeId: t.ids.s01, memo, stock: [], accounts: [{ account: '1002', debit: 100, credit: 0 }] });

  it('delivers each posted document with its body, in order, at least once, and marks it published', async () => {
    const first = await post('first');
    const second = await post('second');
    // The row itself holds no copy of the body (0023): the relay reads the document's.
    const rows = await t.db.db.selectFrom('outbox').select(['document_id', 'payload_json']).where('document_id', 'in', [first.document.id, second.document.id]).execute();
    expect(rows.map((r) => r.payload_json)).toEqual([null, null]);

    const relay = new OutboxRelay(t.db.db);
    const seen: { topic: string; documentId: string | null; payload: unknown }[] = [];
    let refuse = second.document.id;
    const subscriber: OutboxSubscriber = async (msg) => {
      if (msg.documentId === refuse) throw new Error('webhook down');
      seen.push(msg);
    };
    relay.subscribe(subscriber);

    // The subscriber refuses the second: the first is published, the second stays for the next drain.
    await relay.drain();
    const mine = () => seen.filter((m) => m.documentId === first.document.id || m.documentId === second.document.id);
    expect(mine()).toEqual([{ id: expect.any(String), topic: 'document.opening_balance.posted', documentId: first.document.id, payload: first.document }]);

    refuse = '';
    await relay.drain();
    expect(mine().map((m) => m.payload)).toEqual([first.document, second.document]);
    const pending = await t.db.db.selectFrom('outbox').select('id').where('published_at', 'is', null).execute();
    expect(pending).toEqual([]);
    // Nothing pending: nothing delivered twice.
    expect(await relay.drain()).toBe(0);
  });

  it('delivers the row body of an event that is not a document', async () => {
    const id = uuidv7();
    await t.db.db.insertInto('outbox').values({ id, topic: 'catalog.changed', document_id: null, payload_json: JSON.stringify({ sku: 'X' }), created_at: new Date().toISOString(), published_at: null }).execute();
    const relay = new OutboxRelay(t.db.db);
    const seen: unknown[] = [];
    relay.subscribe(async (msg) => {
      if (msg.id === id) seen.push(msg.payload);
    });
    await relay.drain();
    expect(seen).toEqual([{ sku: 'X' }]);
  });
});
