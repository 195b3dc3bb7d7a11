// Product categories (商品分类): a tree per company; create, rename, move. A move that would put a
// category under itself or one of its descendants is refused.
import type { Kysely } from 'kysely';
import { uuidv7 } from '../../../../core/id/uuidv7';
import { isUniqueViolation } from '../../../../db/dialect';
import type { DB } from '../../../../db/schema';
import type { AuthContext } from '../../../auth/auth-context';
import type { Clock } from '../../../clock';
import { badRequest, conflict, notFound } from '../../../http/problem';
import { auditCatalog } from '../audit';
import { buildTree, isAncestorOrSelf, loadCategories, type CategoryNode } from './tree';

export interface CategoryView {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
}

export class CategoriesService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  async tree(auth: AuthContext): Promise<{ items: CategoryNode[]; total: number }> {
    const rows = await loadCategories(this.db, auth.user.companyId);
    return { items: buildTree(rows), total: rows.length };
  }

  async get(auth: AuthContext, id: string): Promise<CategoryView> {
    const r = await this.db
      .selectFrom('categories')
      .select(['id', 'code', 'name', 'parent_id'])
      .where('company_id', '=', auth.user.companyId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!r) throw notFound('Category');
    return { id: r.id, code: r.code, name: r.name, parentId: r.parent_id };
  }

  async create(auth: AuthContext, input: { code: string; name: string; parentId?: string | null }): Promise<CategoryView> {
    const companyId = auth.user.companyId;
    const at = this.clock().toISOString();
    const id = uuidv7();
    await this.write(input.code, async (trx) => {
      if (input.parentId) await this.assertParent(trx, companyId, input.parentId);
      await trx
        .insertInto('categories')
        .values({ id, company_id: companyId, parent_id: input.parentId ?? null, code: input.code, name: input.name, created_at: at })
        .execute();
      await auditCatalog(trx, auth, at, { action: 'category.created', subjectType: 'category', subjectId: id, data: input });
    });
    return this.get(auth, id);
  }

  /** Rename (name, code) and/or move (parentId; null = top level). */
  async update(auth: AuthContext, id: string, patch: { code?: string; name?: string; parentId?: string | null }): Promise<CategoryView> {
    const companyId = auth.user.companyId;
    const at = this.clock().toISOString();
    const before = await this.get(auth, id);
    await this.write(patch.code ?? before.code, async (trx) => {
      if (patch.parentId) {
        await this.assertParent(trx, companyId, patch.parentId);
        if (isAncestorOrSelf(await loadCategories(trx, companyId), id, patch.parentId)) {
          throw badRequest('category_cycle', 'A category cannot move under itself or one of its descendants', 'parentId');
        }
      }
      await trx
        .updateTable('categories')
        .set({
          ...(patch.code !== undefined ? { code: patch.code } : {}),
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.parentId !== undefined ? { parent_id: patch.parentId } : {}),
        })
        .where('id', '=', id)
        .execute();
      await auditCatalog(trx, auth, at, { action: 'category.updated', subjectType: 'category', subjectId: id, data: { before, patch } });
    });
    return this.get(auth, id);
  }

  private async write(code: string, fn: (trx: Kysely<DB>) => Promise<void>) {
    try {
      await this.db.transaction().execute(fn);
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('category_code_taken', `Category code ${code} is taken`, 'code');
      throw err;
    }
  }

  private async assertParent(trx: Kysely<DB>, companyId: string, parentId: string) {
    const parent = await trx.selectFrom('categories').select('id').where('company_id', '=', companyId).where('id', '=', parentId).executeTakeFirst();
    if (!parent) throw notFound('Parent category', 'parentId');
  }
}
