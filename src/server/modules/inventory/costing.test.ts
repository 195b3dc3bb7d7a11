// Moving weighted average per product × store (planIssue / issueCost): each issue costs
// round(qty × value / qty on hand), and the last units take exactly the value that is left.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../db/testing';
import { makeTestApp, type TestApp } from '../../testing';
import { verifyAll } from '../../verify/verify';
import { newProduct, position, receive, writeOff } from './test-fixtures';

describe.each(testDialects)('moving-average costing on %s', (dialect) => {
  let t: TestApp;
  let clerk: string;
  let owner: string;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    clerk = await t.login('clerk');
    owner = await t.login('owner');
  });
  afterAll(() => t.close());

  const issueOne = async (productId: string, storeId = t.ids.s01) => {
    const res = await writeOff(t, owner, { storeId, lines: [{ productId, qty: 1_000 }] });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().total as number;
  };

  it('carries the remainder: 3 units for 1000 fen issue at 333, 334, then exactly the 333 left', async () => {
    const p = await newProduct(t);
    await receive(t, clerk, { lines: [{ productId: p, qty: 3_000, lineCost: 1000 }] });
    // 1 × 1000 / 3 = 333.33 → 333; 667 left for 2 units.
    expect(await issueOne(p)).toBe(333);
    expect(await position(t, t.ids.s01, p)).toEqual({ qty: 2_000, value: 667 });
    // 1 × 667 / 2 = 333.5 → 334 (half up); 333 left for the last unit.
    expect(await issueOne(p)).toBe(334);
    expect(await position(t, t.ids.s01, p)).toEqual({ qty: 1_000, value: 333 });
    // The last unit takes exactly what is left: nothing is lost or invented.
    expect(await issueOne(p)).toBe(333);
    expect(await position(t, t.ids.s01, p)).toEqual({ qty: 0, value: 0 });
  });

  it('re-averages when goods arrive between issues', async () => {
    const p = await newProduct(t);
    await receive(t, clerk, { lines: [{ productId: p, qty: 3_000, lineCost: 1000 }] });
    expect(await issueOne(p)).toBe(333); // 2 units, 667 left
    await receive(t, clerk, { lines: [{ productId: p, qty: 1_000, unitCost: 200 }] }); // 3 units, 867
    expect(await issueOne(p)).toBe(289); // 867 / 3 = 289 exactly
    const rest = await writeOff(t, owner, { lines: [{ productId: p, qty: 2_000 }] });
    expect(rest.json().total).toBe(578); // everything left, to the fen
    expect(await position(t, t.ids.s01, p)).toEqual({ qty: 0, value: 0 });
  });

  it('averages per store: another store’s cost does not leak in', async () => {
    const p = await newProduct(t);
    await receive(t, owner, { lines: [{ productId: p, qty: 2_000, unitCost: 100 }] });
    await receive(t, owner, { storeId: t.ids.s02, lines: [{ productId: p, qty: 2_000, unitCost: 900 }] });
    expect(await issueOne(p)).toBe(100);
    expect(await issueOne(p, t.ids.s02)).toBe(900);
  });

  it('averages across the store’s locations and batches', async () => {
    const p = await newProduct(t, { trackBatches: true });
    await receive(t, clerk, {
      lines: [
        { productId: p, qty: 1_000, unitCost: 100, batch: { lot: 'CHEAP' } },
        { productId: p, qty: 1_000, unitCost: 301, batch: { lot: 'DEAR' } },
      ],
    });
    // Both lots cost the average (100 + 301) / 2 = 200.5 → 201, whichever is picked.
    expect(await issueOne(p)).toBe(201);
    expect(await issueOne(p)).toBe(200);
    expect(await position(t, t.ids.s01, p)).toEqual({ qty: 0, value: 0 });
  });

  it('leaves every invariant intact', async () => {
    expect((await verifyAll(t.db.db)).firstViolation).toBeNull();
  });
});
