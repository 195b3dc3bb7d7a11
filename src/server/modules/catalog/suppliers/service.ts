// Suppliers (供应商) and what each supplies: purchase price per pack, the pack unit and its size in
// thousandths of the product's base unit, and the supplier's own SKU. Suppliers are deactivated,
// not deleted: receipts and payables refer to them.
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { SortValue } from '../../../../contracts/common';
import type { SUPPLIER_SORTS } from '../../../../contracts/catalog';
import { uuidv7 } from '../../../../core/id/uuidv7';
import { isUniqueViolation } from '../../../../db/dialect';
import type { DB } from '../../../../db/schema';
import type { AuthContext } from '../../../auth/auth-context';
import type { Clock } from '../../../clock';
import { badRequest, conflict, notFound } from '../../../http/problem';
import { orderBySort } from '../../../lists/sort';
import { auditCatalog } from '../audit';
import { containsPattern } from '../prefix-range';

export interface SupplierView {
  id: string;
  code: string;
  name: string;
  contact: string;
  phone: string;
  taxId: string;
  paymentTermsDays: number;
  status: string;
  createdAt: string;
}

export interface SupplierInput {
  code: string;
  name: string;
  contact?: string;
  phone?: string;
  taxId?: string;
  paymentTermsDays?: number;
}

export interface SupplyLinkView {
  productId: string;
  sku: string;
  productName: string;
  supplierId: string;
  supplierCode: string;
  supplierName: string;
  purchasePrice: number;
  packUnit: string;
  packSize: number;
  supplierSku: string;
}

export interface SupplyLinkInput {
  purchasePrice: number;
  packUnit: string;
  packSize: number;
  supplierSku?: string;
}

export class SuppliersService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  async list(auth: AuthContext, q: { q?: string; status: 'active' | 'inactive' | 'all'; sort?: SortValue<(typeof SUPPLIER_SORTS)[number]>; page: number; pageSize: number }) {
    let query = this.db.selectFrom('suppliers').where('company_id', '=', auth.user.companyId);
    if (q.status !== 'all') query = query.where('status', '=', q.status);
    if (q.q) {
      const pattern = containsPattern(q.q.toLowerCase());
      query = query.where(sql<SqlBool>`(lower(code) LIKE ${pattern} ESCAPE '\\' OR lower(name) LIKE ${pattern} ESCAPE '\\')`);
    }
    const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const sorted = orderBySort(query.selectAll(), q.sort ?? 'code', { code: 'code', name: 'name', paymentTermsDays: 'payment_terms_days', createdAt: 'created_at' }, 'id');
    const rows = await sorted.limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute();
    return { items: rows.map(toView), total: Number(total) };
  }

  async get(auth: AuthContext, id: string): Promise<SupplierView> {
    return toView(await this.row(this.db, auth.user.companyId, id));
  }

  async create(auth: AuthContext, input: SupplierInput): Promise<SupplierView> {
    const id = uuidv7();
    const at = this.clock().toISOString();
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('suppliers')
          .values({
            id,
            company_id: auth.user.companyId,
            code: input.code,
            name: input.name,
            contact: input.contact ?? '',
            phone: input.phone ?? '',
            tax_id: input.taxId ?? '',
            payment_terms_days: input.paymentTermsDays ?? 0,
            status: 'active',
            created_at: at,
          })
          .execute();
        await auditCatalog(trx, auth, at, { action: 'supplier.created', subjectType: 'supplier', subjectId: id, data: input });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('supplier_code_taken', `Supplier code ${input.code} is taken`, 'code');
      throw err;
    }
    return this.get(auth, id);
  }

  async update(auth: AuthContext, id: string, patch: Partial<Omit<SupplierInput, 'code'>> & { status?: 'active' | 'inactive' }): Promise<SupplierView> {
    const at = this.clock().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const before = toView(await this.row(trx, auth.user.companyId, id));
      await trx
        .updateTable('suppliers')
        .set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.contact !== undefined ? { contact: patch.contact } : {}),
          ...(patch.phone !== undefined ? { phone: patch.phone } : {}),
          ...(patch.taxId !== undefined ? { tax_id: patch.taxId } : {}),
          ...(patch.paymentTermsDays !== undefined ? { payment_terms_days: patch.paymentTermsDays } : {}),
          ...(patch.status !== undefined ? { status: patch.status } : {}),
        })
        .where('id', '=', id)
        .execute();
      await auditCatalog(trx, auth, at, { action: 'supplier.updated', subjectType: 'supplier', subjectId: id, data: { before, patch } });
    });
    return this.get(auth, id);
  }

  /** Products a supplier supplies, or (productId given) the suppliers of one product. */
  async links(auth: AuthContext, by: { supplierId: string } | { productId: string }): Promise<{ items: SupplyLinkView[]; total: number }> {
    const companyId = auth.user.companyId;
    if ('supplierId' in by) await this.row(this.db, companyId, by.supplierId);
    else await productRow(this.db, companyId, by.productId);
    const rows = await this.db
      .selectFrom('product_suppliers as ps')
      .innerJoin('products as p', 'p.id', 'ps.product_id')
      .innerJoin('suppliers as s', 's.id', 'ps.supplier_id')
      .select(['ps.product_id', 'p.sku', 'p.name as product_name', 'ps.supplier_id', 's.code', 's.name as supplier_name', 'ps.purchase_price', 'ps.pack_unit', 'ps.pack_size', 'ps.supplier_sku'])
      .where('p.company_id', '=', companyId)
      .where('supplierId' in by ? 'ps.supplier_id' : 'ps.product_id', '=', 'supplierId' in by ? by.supplierId : by.productId)
      .orderBy('supplierId' in by ? 'p.sku' : 's.code')
      .execute();
    const items = rows.map((r) => ({
      productId: r.product_id,
      sku: r.sku,
      productName: r.product_name,
      supplierId: r.supplier_id,
      supplierCode: r.code,
      supplierName: r.supplier_name,
      purchasePrice: Number(r.purchase_price),
      packUnit: r.pack_unit,
      packSize: Number(r.pack_size),
      supplierSku: r.supplier_sku,
    }));
    return { items, total: items.length };
  }

  /**
   * Sets what a supplier charges for a product. A pack named like one of the product's units must
   * hold what that unit holds (a 箱 is the same box for the shop and the supplier); a pack of the
   * supplier's own (件, 筐) can hold any amount.
   */
  async link(auth: AuthContext, supplierId: string, productId: string, input: SupplyLinkInput): Promise<SupplyLinkView> {
    const companyId = auth.user.companyId;
    const at = this.clock().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await this.row(trx, companyId, supplierId);
      const product = await productRow(trx, companyId, productId);
      const unit = await trx.selectFrom('product_units').select('factor').where('product_id', '=', productId).where('unit', '=', input.packUnit).executeTakeFirst();
      const expected = input.packUnit === product.unit ? 1000 : unit ? Number(unit.factor) : null;
      if (expected !== null && expected !== input.packSize) {
        throw badRequest('pack_size_mismatch', `One ${input.packUnit} of ${product.sku} holds ${expected} thousandths of ${product.unit}`, 'packSize');
      }
      const values = { purchase_price: input.purchasePrice, pack_unit: input.packUnit, pack_size: input.packSize, supplier_sku: input.supplierSku ?? '' };
      await trx
        .insertInto('product_suppliers')
        .values({ product_id: productId, supplier_id: supplierId, ...values })
        .onConflict((oc) => oc.columns(['product_id', 'supplier_id']).doUpdateSet(values))
        .execute();
      await auditCatalog(trx, auth, at, { action: 'supplier.product_linked', subjectType: 'supplier', subjectId: supplierId, data: { productId, ...input } });
    });
    const { items } = await this.links(auth, { supplierId });
    return items.find((i) => i.productId === productId)!;
  }

  async unlink(auth: AuthContext, supplierId: string, productId: string): Promise<void> {
    const at = this.clock().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await this.row(trx, auth.user.companyId, supplierId);
      const res = await trx.deleteFrom('product_suppliers').where('supplier_id', '=', supplierId).where('product_id', '=', productId).executeTakeFirst();
      if (!Number(res.numDeletedRows)) throw notFound('Supplied product', 'productId');
      await auditCatalog(trx, auth, at, { action: 'supplier.product_unlinked', subjectType: 'supplier', subjectId: supplierId, data: { productId } });
    });
  }

  private async row(db: Kysely<DB>, companyId: string, id: string) {
    const row = await db.selectFrom('suppliers').selectAll().where('id', '=', id).where('company_id', '=', companyId).executeTakeFirst();
    if (!row) throw notFound('Supplier');
    return row;
  }
}

async function productRow(db: Kysely<DB>, companyId: string, id: string) {
  const row = await db.selectFrom('products').select(['id', 'sku', 'unit']).where('id', '=', id).where('company_id', '=', companyId).executeTakeFirst();
  if (!row) throw notFound('Product', 'productId');
  return row;
}

function toView(r: DB['suppliers']): SupplierView {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    contact: r.contact,
    phone: r.phone,
    taxId: r.tax_id,
    paymentTermsDays: r.payment_terms_days,
    status: r.status,
    createdAt: r.created_at,
  };
}
