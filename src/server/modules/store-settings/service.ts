// Checkout settings of a store, kept in the `settings` table under scope `store:<id>`, one row per
// key. Stores that never set a key get the default; a change is audited in the company chain with
// the settings before and after, like every other settings change.
import type { Kysely } from 'kysely';
import { DEFAULT_SCALE_FLAGS } from '../../../core/barcode/scale';
import type { CheckoutSettings } from '../../../contracts/store-settings';
import type { SqlStatement } from '../../../db/dialect';
import type { DB } from '../../../db/schema';
import { appendAudit, chains } from '../../audit/chain';
import type { AuthContext } from '../../auth/auth-context';
import type { Permission } from '../../auth/permissions';
import type { Clock } from '../../clock';
import { notFound } from '../../http/problem';

export const DEFAULT_CHECKOUT_SETTINGS: CheckoutSettings = {
  roundingMode: 'none',
  oversell: 'allow',
  // Most Chinese supermarket scales print the price on a 13-digit label (金额码).
  scaleBarcode: { flags: [...DEFAULT_SCALE_FLAGS], kind13: 'amount' },
  maxDiscountBp: 1000,
  // Empty: the receipt prints the store's own `receipt_header`, and no footer.
  receiptHeader: '',
  receiptFooter: '',
  // A chain's customer expects to bring goods back to any of its shops (docs/checkout.md).
  otherStoreReturns: 'accept',
};

const KEYS = Object.keys(DEFAULT_CHECKOUT_SETTINGS) as (keyof CheckoutSettings)[];

const scopeOf = (storeId: string) => `store:${storeId}`;

/** The store's checkout settings, defaults filled in. Callers have checked the store. */
export async function readCheckoutSettings(db: Kysely<DB>, storeId: string): Promise<CheckoutSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value_json']).where('scope', '=', scopeOf(storeId)).where('key', 'in', KEYS).execute();
  return checkoutSettingsFrom(rows);
}

/** `readCheckoutSettings` for the store of a register, as a statement checkout batches with its other reads. */
export function registerCheckoutSettingsStatement(registerId: string): SqlStatement {
  return {
    text: `SELECT key, value_json FROM settings WHERE scope = 'store:' || (SELECT store_id FROM registers WHERE id = ?) AND key IN (${KEYS.map(() => '?').join(', ')})`,
    params: [registerId, ...KEYS],
    returns: true,
  };
}

/** The settings from their stored rows, defaults filled in. */
export function checkoutSettingsFrom(rows: readonly { key: unknown; value_json: unknown }[]): CheckoutSettings {
  const stored = Object.fromEntries(rows.map((r) => [String(r.key), JSON.parse(String(r.value_json)) as unknown]));
  return { ...DEFAULT_CHECKOUT_SETTINGS, ...stored } as CheckoutSettings;
}

export class StoreSettingsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  async get(auth: AuthContext, storeId: string): Promise<CheckoutSettings> {
    await this.requireStore(auth, 'stores.read', storeId);
    return readCheckoutSettings(this.db, storeId);
  }

  async update(auth: AuthContext, storeId: string, patch: Partial<CheckoutSettings>): Promise<CheckoutSettings> {
    await this.requireStore(auth, 'stores.manage', storeId);
    const at = this.clock().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const before = await readCheckoutSettings(trx, storeId);
      const changed = KEYS.filter((k) => patch[k] !== undefined);
      for (const key of changed) {
        const value_json = JSON.stringify(patch[key]);
        await trx
          .insertInto('settings')
          .values({ scope: scopeOf(storeId), key, value_json, updated_at: at })
          .onConflict((oc) => oc.columns(['scope', 'key']).doUpdateSet({ value_json, updated_at: at }))
          .execute();
      }
      const after = { ...before, ...Object.fromEntries(changed.map((k) => [k, patch[k]])) } as CheckoutSettings;
      await appendAudit(trx, {
        chainId: chains.company(auth.user.companyId),
        companyId: auth.user.companyId,
        actorId: auth.user.id,
        action: 'store.checkout_settings_changed',
        subjectType: 'store',
        subjectId: storeId,
        storeId,
        at,
        data: { before, after },
      });
      return after;
    });
  }

  private async requireStore(auth: AuthContext, permission: Permission, storeId: string) {
    auth.requireStore(permission, storeId);
    const store = await this.db.selectFrom('stores').select('id').where('id', '=', storeId).where('company_id', '=', auth.user.companyId).executeTakeFirst();
    if (!store) throw notFound('Store');
  }
}
