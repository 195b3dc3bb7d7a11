// Posting rules (记账规则): which account each kind of automatic posting goes to, per company.
// A rule is kind + key → one account code; without a rule the default of the chart applies.
// Zod-free declarations are shared by the server and the office.
import { z } from 'zod';
import { PAYMENT_METHODS } from '../core/pricing/settle-payments';
import type { AccountType } from './accounting';
import { AccountCode } from './common';
import { WRITE_OFF_REASONS } from './inventory';

export const POSTING_RULE_KINDS = [
  'payment_method',
  'category_revenue',
  'category_cogs',
  'tax_rate',
  'rounding',
  'cash_over_short',
  'write_off_reason',
  'stocktake_variance',
  'supplier_receipt',
] as const;
export type PostingRuleKind = (typeof POSTING_RULE_KINDS)[number];

/** Keys of the kinds with a fixed set of keys; categories are keyed by category id, tax rates by basis points. */
export const FIXED_RULE_KEYS = {
  payment_method: PAYMENT_METHODS,
  rounding: ['given', 'gained'],
  cash_over_short: ['over', 'short'],
  write_off_reason: WRITE_OFF_REASONS,
  stocktake_variance: ['gain', 'loss'],
  supplier_receipt: ['payable'],
} as const satisfies Partial<Record<PostingRuleKind, readonly string[]>>;

/**
 * The account types a rule may point at: the type of its default account, plus, where a count
 * difference or a loss may wait for a decision, the asset 1901 待处理财产损溢 kind of account.
 */
export function allowedAccountTypes(kind: PostingRuleKind, key: string): readonly AccountType[] {
  switch (kind) {
    case 'payment_method':
      // Stored value spends the customer's advance (a liability); a voucher is a promotional cost.
      return key === 'stored_value' ? ['liability'] : key === 'voucher' ? ['expense'] : ['asset'];
    case 'category_revenue':
      return ['revenue'];
    case 'category_cogs':
      return ['expense'];
    case 'tax_rate':
      return ['liability'];
    case 'rounding':
      return key === 'given' ? ['expense'] : ['revenue'];
    case 'cash_over_short':
      return key === 'over' ? ['asset', 'liability', 'revenue'] : ['asset', 'expense'];
    case 'write_off_reason':
      return ['expense', 'asset'];
    case 'stocktake_variance':
      return key === 'gain' ? ['asset', 'revenue'] : ['asset', 'expense'];
    case 'supplier_receipt':
      return ['liability'];
  }
}

/** One row of GET /posting-rules: the account used now, where it comes from, and the default. */
export interface PostingRuleView {
  kind: PostingRuleKind;
  key: string;
  /** Category name, for category rows. */
  label?: string;
  account: string;
  defaultAccount: string;
  /** rule: set for this key; inherited: from an ancestor category (`from`); default: the chart's. */
  source: 'rule' | 'inherited' | 'default';
  from?: string;
  allowedTypes: readonly string[];
}

export const PostingRuleParams = z.strictObject({
  kind: z.enum(POSTING_RULE_KINDS),
  key: z.string().min(1).max(64),
});

export const PostingRuleBody = z.strictObject({ account: AccountCode });
