// Posting rules (记账规则): read with their defaults, set per kind + key, reset to the default.
// A rule must point at an active account of the right type; a change is audited in the
// company's chain and affects only postings made after it (the journal keeps what it booked).
import type { Kysely } from 'kysely';
import { allowedAccountTypes, FIXED_RULE_KEYS, type PostingRuleKind, type PostingRuleView } from '../../../contracts/posting-rules';
import type { DB } from '../../../db/schema';
import { appendAudit, chains } from '../../audit/chain';
import type { AuthContext } from '../../auth/auth-context';
import type { Clock } from '../../clock';
import { badRequest, notFound, unprocessable } from '../../http/problem';
import { companyTaxRates } from '../tax-rates/service';
import { loadPostingRules, type PostingRulesCache } from './cache';
import { defaultAccount, resolveRules, type PostingRules } from './rules';

const CATEGORY_KINDS = ['category_revenue', 'category_cogs'] as const;

export class PostingRulesService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly cache: PostingRulesCache,
  ) {}

  async list(auth: AuthContext): Promise<{ items: PostingRuleView[] }> {
    const companyId = auth.user.companyId;
    const [rows, categories, companyRates] = await Promise.all([
      this.db.selectFrom('posting_rules').select(['kind', 'key', 'account_code']).where('company_id', '=', companyId).execute(),
      this.db.selectFrom('categories').select(['id', 'name', 'code', 'parent_id']).where('company_id', '=', companyId).orderBy('code').execute(),
      companyTaxRates(this.db, companyId),
    ]);
    const rules = resolveRules(
      rows.map((r) => ({ kind: r.kind as PostingRuleKind, key: r.key, account: r.account_code })),
      categories.map((c) => ({ id: c.id, parentId: c.parent_id, name: c.name })),
    );
    const own = new Map(rows.map((r) => [`${r.kind}\u0000${r.key}`, r.account_code]));
    const fixed = (kind: PostingRuleKind, key: string) => ruleView(rules, kind, key, own.get(`${kind}\u0000${key}`) ?? null);
    const items: PostingRuleView[] = [];
    for (const [kind, keys] of Object.entries(FIXED_RULE_KEYS) as [PostingRuleKind, readonly string[]][]) for (const key of keys) items.push(fixed(kind, key));
    // The company's tax rates (settings), plus any rate a rule still names.
    const taxRates = new Set([...companyRates.map((r) => Number(r.rate)), ...rows.filter((r) => r.kind === 'tax_rate').map((r) => Number(r.key))]);
    for (const rate of [...taxRates].sort((a, b) => b - a)) items.push(fixed('tax_rate', String(rate)));
    for (const kind of CATEGORY_KINDS) {
      for (const c of categories) items.push({ ...ruleView(rules, kind, c.id, null), label: c.name });
    }
    return { items };
  }

  /** Points kind + key at `account` (insert or replace), audited with the account before and after. */
  async set(auth: AuthContext, kind: PostingRuleKind, key: string, account: string): Promise<PostingRuleView> {
    const companyId = auth.user.companyId;
    await this.checkKey(companyId, kind, key);
    const row = await this.db.selectFrom('accounts').select(['code', 'type', 'active']).where('company_id', '=', companyId).where('code', '=', account).executeTakeFirst();
    if (!row) throw unprocessable('unknown_account', `Account ${account} is not in the chart of accounts`, 'account');
    if (Number(row.active) !== 1) throw unprocessable('account_inactive', `Account ${account} is deactivated`, 'account');
    const allowed = allowedAccountTypes(kind, key);
    if (!allowed.includes(row.type as (typeof allowed)[number])) {
      throw unprocessable('account_type_mismatch', `A ${kind} rule needs an account of type ${allowed.join(' or ')}; ${account} is ${row.type}`, 'account', { allowedTypes: allowed });
    }
    const at = this.clock().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const before = await this.current(trx, companyId, kind, key);
      await trx
        .insertInto('posting_rules')
        .values({ company_id: companyId, kind, key, account_code: account, updated_by: auth.user.id, updated_at: at })
        .onConflict((oc) => oc.columns(['company_id', 'kind', 'key']).doUpdateSet({ account_code: account, updated_by: auth.user.id, updated_at: at }))
        .execute();
      await this.audit(trx, auth, 'posting_rule.set', kind, key, at, { before, after: account });
    });
    this.cache.invalidate(companyId);
    return this.view(companyId, kind, key);
  }

  /** Back to the default (for a category: to the nearest ancestor's rule, else the default). */
  async reset(auth: AuthContext, kind: PostingRuleKind, key: string): Promise<PostingRuleView> {
    const companyId = auth.user.companyId;
    await this.checkKey(companyId, kind, key);
    const at = this.clock().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const before = await this.current(trx, companyId, kind, key);
      if (before === null) return;
      await trx.deleteFrom('posting_rules').where('company_id', '=', companyId).where('kind', '=', kind).where('key', '=', key).execute();
      await this.audit(trx, auth, 'posting_rule.reset', kind, key, at, { before, after: null });
    });
    this.cache.invalidate(companyId);
    return this.view(companyId, kind, key);
  }

  private async view(companyId: string, kind: PostingRuleKind, key: string): Promise<PostingRuleView> {
    return ruleView(await loadPostingRules(this.db, companyId), kind, key, await this.current(this.db, companyId, kind, key));
  }

  /** Fixed kinds take their listed keys; categories an id of the company; tax rates 0–10000 bp. */
  private async checkKey(companyId: string, kind: PostingRuleKind, key: string): Promise<void> {
    if (kind === 'category_revenue' || kind === 'category_cogs') {
      const found = await this.db.selectFrom('categories').select('id').where('company_id', '=', companyId).where('id', '=', key).executeTakeFirst();
      if (!found) throw notFound('Category', 'key');
      return;
    }
    if (kind === 'tax_rate') {
      if (!/^\d{1,5}$/.test(key) || Number(key) > 10_000 || String(Number(key)) !== key) throw badRequest('bad_tax_rate', 'A tax rate in basis points, 0–10000 (1300 = 13%)', 'key');
      return;
    }
    const keys: readonly string[] = FIXED_RULE_KEYS[kind];
    if (!keys.includes(key)) throw badRequest('bad_rule_key', `A ${kind} rule is keyed by one of ${keys.join(', ')}`, 'key');
  }

  private async current(db: Kysely<DB>, companyId: string, kind: string, key: string): Promise<string | null> {
    const row = await db.selectFrom('posting_rules').select('account_code').where('company_id', '=', companyId).where('kind', '=', kind).where('key', '=', key).executeTakeFirst();
    return row?.account_code ?? null;
  }

  private audit(trx: Kysely<DB>, auth: AuthContext, action: string, kind: string, key: string, at: string, data: Record<string, unknown>) {
    return appendAudit(trx, {
      chainId: chains.company(auth.user.companyId),
      companyId: auth.user.companyId,
      actorId: auth.user.id,
      action,
      subjectType: 'posting_rule',
      subjectId: `${kind}/${key}`,
      storeId: null,
      at,
      data: { kind, key, ...data },
    });
  }
}

/** One row of GET /posting-rules; `own` is the rule set for exactly this key (categories: read from the tree). */
function ruleView(rules: PostingRules, kind: PostingRuleKind, key: string, own: string | null): PostingRuleView {
  const base = { kind, key, defaultAccount: defaultAccount(kind, key), allowedTypes: allowedAccountTypes(kind, key) };
  if (kind === 'category_revenue' || kind === 'category_cogs') {
    const { account, from } = rules.categorySource(kind, key);
    const source = from === null ? 'default' : from === key ? 'rule' : 'inherited';
    return { ...base, account, source, ...(from !== null && source === 'inherited' ? { from } : {}) };
  }
  return { ...base, account: own ?? base.defaultAccount, source: own ? 'rule' : 'default' };
}
