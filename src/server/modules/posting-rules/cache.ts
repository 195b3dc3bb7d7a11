// The company's posting rules, held in process so a sale pays no database round trip for them
// (docs/decisions/0003-posting-rules-cache.md). A change made through this process drops the
// entry at once; a change made by another server process is picked up within `ttlMs`.
import type { Kysely } from 'kysely';
import type { PostingRuleKind } from '../../../contracts/posting-rules';
import type { DB } from '../../../db/schema';
import { resolveRules, type PostingRules } from './rules';

export const POSTING_RULES_TTL_MS = 30_000;

export class PostingRulesCache {
  private readonly entries = new Map<string, { rules: PostingRules; loadedAt: number }>();
  /** Bumped by every invalidation, so a load that raced a change is not cached as current. */
  private generation = 0;

  constructor(
    private readonly ttlMs = POSTING_RULES_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * The rules, read with `db` (the posting transaction, so SQLite never waits on itself) only
   * when missing, older than the TTL, or when a category of the document is newer than them.
   */
  async get(db: Kysely<DB>, companyId: string, categoryIds: readonly (string | null)[] = []): Promise<PostingRules> {
    const hit = this.entries.get(companyId);
    if (hit && this.now() - hit.loadedAt < this.ttlMs && categoryIds.every((c) => c === null || hit.rules.knowsCategory(c))) return hit.rules;
    const generation = this.generation;
    const loadedAt = this.now();
    const rules = await loadPostingRules(db, companyId);
    if (generation === this.generation) this.entries.set(companyId, { rules, loadedAt });
    return rules;
  }

  invalidate(companyId: string): void {
    this.generation++;
    this.entries.delete(companyId);
  }
}

export async function loadPostingRules(db: Kysely<DB>, companyId: string): Promise<PostingRules> {
  const rows = await db.selectFrom('posting_rules').select(['kind', 'key', 'account_code']).where('company_id', '=', companyId).execute();
  const categories = await db.selectFrom('categories').select(['id', 'parent_id', 'name']).where('company_id', '=', companyId).execute();
  return resolveRules(
    rows.map((r) => ({ kind: r.kind as PostingRuleKind, key: r.key, account: r.account_code })),
    categories.map((c) => ({ id: c.id, parentId: c.parent_id, name: c.name })),
  );
}
