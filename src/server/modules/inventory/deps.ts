import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema';
import type { Clock } from '../../clock';
import type { PostingEngine } from '../../posting/engine';
import type { PostingRulesCache } from '../posting-rules/cache';

/** What the inventory documents and queries run on. */
export interface InventoryDeps {
  db: Kysely<DB>;
  engine: PostingEngine;
  clock: Clock;
  postingRules: PostingRulesCache;
}
