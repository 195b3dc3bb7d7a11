// Variant templates (规格模板): attributes with values, e.g. size S/M/L × color 红/蓝; generating
// from a template creates one product per combination, with a SKU built from the base SKU and the
// values (TSHIRT-S-红) and the combination kept in variant_json, all in one transaction.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { GenerateVariantsBody } from '../../../../contracts/catalog';
import { uuidv7 } from '../../../../core/id/uuidv7';
import type { DB } from '../../../../db/schema';
import type { AuthContext } from '../../../auth/auth-context';
import type { Clock } from '../../../clock';
import { badRequest, conflict, notFound } from '../../../http/problem';
import { auditCatalog } from '../audit';
import { assertActiveTaxRate } from '../../tax-rates/service';
import { insertProducts } from '../products/insert';
import { assertCategory } from '../products/validate';
import { barcodesOf, toSummary, type ProductSummary } from '../products/views';
import { combinations, SKU_PART, skuSuffix, variantName, variantSku, type Attributes } from './combinations';

export const MAX_VARIANTS = 500;
const MAX_SKU = 64;

export interface VariantTemplateView {
  id: string;
  name: string;
  attributes: Attributes;
  combinations: number;
  createdAt: string;
}

export class VariantsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  async list(auth: AuthContext): Promise<{ items: VariantTemplateView[]; total: number }> {
    const rows = await this.db.selectFrom('variant_templates').selectAll().where('company_id', '=', auth.user.companyId).orderBy('name').execute();
    return { items: rows.map(toView), total: rows.length };
  }

  async get(auth: AuthContext, id: string): Promise<VariantTemplateView> {
    const row = await this.db.selectFrom('variant_templates').selectAll().where('company_id', '=', auth.user.companyId).where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('Variant template');
    return toView(row);
  }

  async create(auth: AuthContext, input: { name: string; attributes: Attributes }): Promise<VariantTemplateView> {
    assertAttributes(input.attributes);
    const id = uuidv7();
    const at = this.clock().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('variant_templates')
        .values({ id, company_id: auth.user.companyId, name: input.name, attributes_json: JSON.stringify(input.attributes), created_at: at })
        .execute();
      await auditCatalog(trx, auth, at, { action: 'variant_template.created', subjectType: 'variant_template', subjectId: id, data: input });
    });
    return this.get(auth, id);
  }

  /**
   * Replaces the name and attributes. Products generated earlier keep their SKUs and their
   * recorded combination; the template only shapes what is generated next.
   */
  async update(auth: AuthContext, id: string, input: { name: string; attributes: Attributes }): Promise<VariantTemplateView> {
    assertAttributes(input.attributes);
    const before = await this.get(auth, id);
    const at = this.clock().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('variant_templates')
        .set({ name: input.name, attributes_json: JSON.stringify(input.attributes) })
        .where('company_id', '=', auth.user.companyId)
        .where('id', '=', id)
        .execute();
      await auditCatalog(trx, auth, at, {
        action: 'variant_template.updated',
        subjectType: 'variant_template',
        subjectId: id,
        data: { before: { name: before.name, attributes: before.attributes }, after: input },
      });
    });
    return this.get(auth, id);
  }

  async generate(auth: AuthContext, id: string, input: z.infer<typeof GenerateVariantsBody>): Promise<{ items: ProductSummary[]; total: number }> {
    const companyId = auth.user.companyId;
    const template = await this.get(auth, id);
    const combos = combinations(template.attributes);
    const products = combos.map((variant) => ({
      ...input,
      sku: variantSku(input.baseSku, variant),
      name: variantName(input.baseName, variant),
      variantTemplateId: id,
      variant,
    }));
    const tooLong = products.find((p) => p.sku.length > MAX_SKU);
    if (tooLong) throw badRequest('sku_too_long', `${tooLong.sku} is longer than ${MAX_SKU} characters`, 'baseSku');
    const at = this.clock().toISOString();
    const ids = await this.db.transaction().execute(async (trx) => {
      if (input.categoryId) await assertCategory(trx, companyId, input.categoryId, 'categoryId');
      await assertActiveTaxRate(trx, companyId, input.taxRate, 'taxRate');
      const taken = await trx.selectFrom('products').select('sku').where('company_id', '=', companyId).where('sku', 'in', products.map((p) => p.sku)).execute();
      if (taken.length) {
        const skus = taken.map((t) => t.sku).sort();
        throw conflict('sku_taken', `SKU ${skus.join(', ')} ${skus.length > 1 ? 'are' : 'is'} taken`, 'baseSku', { skus });
      }
      const newIds = await insertProducts(trx, companyId, products, at);
      await auditCatalog(trx, auth, at, {
        action: 'variant_template.generated',
        subjectType: 'variant_template',
        subjectId: id,
        data: { input, products: products.map((p, i) => ({ id: newIds[i], sku: p.sku })) },
      });
      return newIds;
    });
    const rows = await this.db.selectFrom('products').selectAll().where('id', 'in', ids).execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const barcodes = await barcodesOf(this.db, ids);
    return { items: ids.map((pid) => toSummary(byId.get(pid)!, barcodes.get(pid) ?? [])), total: ids.length };
  }
}

/** Every value must read well in a SKU, once per attribute, and the combinations stay bounded. */
function assertAttributes(attributes: Attributes): void {
  for (const [attr, values] of Object.entries(attributes)) {
    const seen = new Set<string>();
    values.forEach((v, i) => {
      const field = `attributes.${attr}.${i}`;
      if (!SKU_PART.test(skuSuffix(v))) throw badRequest('variant_value_invalid', `"${v}" cannot be part of a SKU (letters, digits, spaces and . _ - / only)`, field);
      // Two values that read the same in a SKU ("a b" and "a_b") would collide.
      if (seen.has(skuSuffix(v))) throw badRequest('variant_value_duplicate', `"${v}" is listed twice for ${attr}`, field);
      seen.add(skuSuffix(v));
    });
  }
  const count = combinations(attributes).length;
  if (count > MAX_VARIANTS) throw badRequest('too_many_variants', `${count} combinations; at most ${MAX_VARIANTS}`, 'attributes');
}

function toView(r: DB['variant_templates']): VariantTemplateView {
  const attributes = JSON.parse(r.attributes_json) as Attributes;
  return { id: r.id, name: r.name, attributes, combinations: combinations(attributes).length, createdAt: r.created_at };
}
