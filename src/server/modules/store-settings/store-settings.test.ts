import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../db/testing';
import { makeTestApp, type TestApp } from '../../testing';

describe.each(testDialects)('store checkout settings on %s', (dialect) => {
  let t: TestApp;
  let owner: string;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
    owner = await t.login('owner');
  });
  afterAll(() => t.close());

  const url = (storeId: string) => `/api/v1/stores/${storeId}/settings`;

  it('starts from the defaults: no 抹零, overselling allowed, 20–29 amount labels, 10% discount limit', async () => {
    const res = await t.call(owner, 'GET', url(t.ids.s02));
    expect(res.json()).toEqual({
      roundingMode: 'none',
      oversell: 'allow',
      scaleBarcode: { flags: ['20', '21', '22', '23', '24', '25', '26', '27', '28', '29'], kind13: 'amount' },
      maxDiscountBp: 1000,
      receiptHeader: '',
      receiptFooter: '',
      otherStoreReturns: 'accept',
    });
  });

  it('keeps the receipt header and footer printed on receipts', async () => {
    const receipt = await t.call(owner, 'PUT', url(t.ids.s02), { receiptHeader: '人民路 1 号\n电话 0571-88886666', receiptFooter: '凭小票七日内退换' });
    expect(receipt.json()).toMatchObject({ maxDiscountBp: 1000, receiptHeader: '人民路 1 号\n电话 0571-88886666', receiptFooter: '凭小票七日内退换' });
    expect((await t.call(owner, 'PUT', url(t.ids.s02), { receiptFooter: 'x'.repeat(501) })).json()).toMatchObject({ status: 400, errors: [{ field: 'receiptFooter' }] });
  });

  it('sets the settings given, keeps the others, and audits before and after in the company chain', async () => {
    const res = await t.call(owner, 'PUT', url(t.ids.s01), { roundingMode: 'drop_jiao', oversell: 'block' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ roundingMode: 'drop_jiao', oversell: 'block', maxDiscountBp: 1000 });
    const scale = await t.call(owner, 'PUT', url(t.ids.s01), { scaleBarcode: { flags: ['2'], kind13: 'weight' }, maxDiscountBp: 500 });
    expect(scale.json()).toEqual({ roundingMode: 'drop_jiao', oversell: 'block', scaleBarcode: { flags: ['2'], kind13: 'weight' }, maxDiscountBp: 500, receiptHeader: '', receiptFooter: '', otherStoreReturns: 'accept' });
    expect((await t.call(owner, 'GET', url(t.ids.s01))).json()).toEqual(scale.json());
    // Another store keeps its own.
    expect((await t.call(owner, 'GET', url(t.ids.s02))).json().roundingMode).toBe('none');

    const audit = await t.call(owner, 'GET', `/api/v1/audit?chain=company:${t.ids.companyId}&action=store.checkout_settings_changed`);
    const [latest] = audit.json().items;
    expect(latest).toMatchObject({ subjectId: t.ids.s01, data: { before: { roundingMode: 'drop_jiao', maxDiscountBp: 1000 }, after: { maxDiscountBp: 500, scaleBarcode: { kind13: 'weight' } } } });
  });

  it('refuses settings that make no sense, naming the field', async () => {
    const mode = await t.call(owner, 'PUT', url(t.ids.s01), { roundingMode: 'bankers' });
    expect(mode.json()).toMatchObject({ status: 400, errors: [{ field: 'roundingMode' }] });
    const flags = await t.call(owner, 'PUT', url(t.ids.s01), { scaleBarcode: { flags: ['2', '21'], kind13: 'amount' } });
    expect(flags.json()).toMatchObject({ status: 400, errors: [{ field: 'scaleBarcode.flags' }] });
    const limit = await t.call(owner, 'PUT', url(t.ids.s01), { maxDiscountBp: 10_001 });
    expect(limit.json()).toMatchObject({ status: 400, errors: [{ field: 'maxDiscountBp' }] });
    const unknown = await t.call(owner, 'PUT', url(t.ids.s01), { tipping: true });
    expect(unknown.json()).toMatchObject({ status: 400, errors: [{ field: 'tipping' }] });
  });

  it('lets store staff read their store’s settings and only the owner change them', async () => {
    const manager = await t.login('manager');
    expect((await t.call(manager, 'GET', url(t.ids.s01))).statusCode).toBe(200);
    expect((await t.call(manager, 'GET', url(t.ids.s02))).statusCode).toBe(404);
    expect((await t.call(manager, 'PUT', url(t.ids.s01), { roundingMode: 'none' })).statusCode).toBe(403);
    expect((await t.call(owner, 'GET', url('0190aaaa-0000-7000-8000-000000000000'))).statusCode).toBe(404);
  });
});
