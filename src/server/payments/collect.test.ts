import { describe, expect, it } from 'vitest';
import { collectWalletPayment } from './collect';
import { SimulatedPaymentProvider } from './simulator';

const noWait = { sleep: async () => {}, maxQueries: 4 };
const req = (authCode: string, paymentId = `p-${authCode}`) => ({ paymentId, method: 'wechat' as const, authCode, amount: 1590, description: 'sale' });

describe('collecting a wallet payment', () => {
  it('succeeds at once for an ordinary code and echoes the provider reference', async () => {
    const out = await collectWalletPayment(new SimulatedPaymentProvider(), req('134567890123456789'), noWait);
    expect(out).toEqual({ status: 'succeeded', providerRef: expect.stringMatching(/^SIM\d{10}$/) });
  });

  it('reports a decline with the provider message', async () => {
    const out = await collectWalletPayment(new SimulatedPaymentProvider(), req('134567890123450000'), noWait);
    expect(out).toEqual({ status: 'declined', message: expect.stringContaining('NOTENOUGH') });
  });

  it('waits while the customer confirms with a password, then succeeds', async () => {
    const provider = new SimulatedPaymentProvider();
    const out = await collectWalletPayment(provider, req('134567890123451111'), noWait);
    expect(out.status).toBe('succeeded');
  });

  it('reverses a charge that never gets an answer, so the customer is not debited', async () => {
    const provider = new SimulatedPaymentProvider();
    const out = await collectWalletPayment(provider, req('134567890123452222', 'p-timeout'), noWait);
    expect(out.status).toBe('reversed');
    expect(await provider.query('p-timeout')).toMatchObject({ status: 'declined', message: 'REVERSED' });
  });

  it('treats a retried charge with the same payment id as the same charge', async () => {
    const provider = new SimulatedPaymentProvider();
    const a = await provider.charge(req('134567890123456789', 'same'));
    const b = await provider.charge(req('134567890123456789', 'same'));
    expect(b).toEqual(a);
  });

  it('refunds at most what was charged', async () => {
    const provider = new SimulatedPaymentProvider();
    await provider.charge(req('134567890123456789', 'r'));
    expect((await provider.refund('r', 'rf1', 1000)).status).toBe('succeeded');
    expect((await provider.refund('r', 'rf2', 591)).status).toBe('failed');
    expect((await provider.refund('r', 'rf3', 590)).status).toBe('succeeded');
  });
});
