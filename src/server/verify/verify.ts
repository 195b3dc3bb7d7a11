// `cangshou verify`: every invariant of ARCHITECTURE §3, checked from stored rows alone.
// Each check names the first violation it finds; the order is the order of the report.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { auditHash, GENESIS_HASH } from '../audit/chain';
import { DOCUMENT_TYPES, type DocumentTypeSpec } from '../posting/document-types';

export type InvariantName = 'STOCK' | 'GL' | 'ONCE' | 'SEQ' | 'CHAIN' | 'LINK';

export interface CheckResult {
  name: InvariantName;
  ok: boolean;
  message: string;
}

export interface VerifyReport {
  ok: boolean;
  checks: CheckResult[];
  /** The first violation, as `NAME: message`, or null. */
  firstViolation: string | null;
}

const CHECKS: Record<InvariantName, (db: Kysely<DB>) => Promise<string | null>> = {
  STOCK: checkStock,
  GL: checkLedger,
  ONCE: checkOnce,
  SEQ: checkSequences,
  CHAIN: checkChains,
  LINK: checkLinks,
};

export async function verifyAll(db: Kysely<DB>): Promise<VerifyReport> {
  const checks: CheckResult[] = [];
  for (const [name, check] of Object.entries(CHECKS) as [InvariantName, (db: Kysely<DB>) => Promise<string | null>][]) {
    const violation = await check(db);
    checks.push({ name, ok: violation === null, message: violation ?? 'ok' });
  }
  const first = checks.find((c) => !c.ok);
  return { ok: !first, checks, firstViolation: first ? `${first.name}: ${first.message}` : null };
}

/** STOCK: every balance equals the sum of its moves, and every set of moves has its balance. */
async function checkStock(db: Kysely<DB>): Promise<string | null> {
  const r = await sql<{ product_id: string; store_id: string; batch_id: string; bq: number; bv: number; mq: number; mv: number }>`
    SELECT b.store_id, b.product_id, b.batch_id, b.qty AS bq, b.cost_value AS bv,
           CAST(COALESCE(m.qty, 0) AS BIGINT) AS mq, CAST(COALESCE(m.val, 0) AS BIGINT) AS mv
    FROM stock_balances b
    LEFT JOIN (SELECT store_id, location_id, product_id, batch_id, SUM(qty) AS qty, SUM(cost_value) AS val
               FROM stock_moves GROUP BY store_id, location_id, product_id, batch_id) m
      ON m.store_id = b.store_id AND m.location_id = b.location_id AND m.product_id = b.product_id AND m.batch_id = b.batch_id
    WHERE b.qty <> COALESCE(m.qty, 0) OR b.cost_value <> COALESCE(m.val, 0)
    LIMIT 1`.execute(db);
  const bad = r.rows[0];
  if (bad) {
    return `balance of product ${bad.product_id} in store ${bad.store_id} is qty ${bad.bq} value ${bad.bv} but its moves sum to qty ${bad.mq} value ${bad.mv}`;
  }
  const orphan = await sql<{ product_id: string; store_id: string }>`
    SELECT m.store_id, m.product_id FROM stock_moves m
    WHERE NOT EXISTS (SELECT 1 FROM stock_balances b WHERE b.store_id = m.store_id AND b.location_id = m.location_id
                      AND b.product_id = m.product_id AND b.batch_id = m.batch_id)
    LIMIT 1`.execute(db);
  if (orphan.rows[0]) return `moves of product ${orphan.rows[0].product_id} in store ${orphan.rows[0].store_id} have no balance row`;
  return null;
}

/** GL: every entry balances; so the trial balance sums to zero. */
async function checkLedger(db: Kysely<DB>): Promise<string | null> {
  const bad = await sql<{ entry_id: string; d: number; c: number }>`
    SELECT entry_id, CAST(SUM(debit) AS BIGINT) AS d, CAST(SUM(credit) AS BIGINT) AS c FROM journal_lines
    GROUP BY entry_id HAVING SUM(debit) <> SUM(credit) LIMIT 1`.execute(db);
  if (bad.rows[0]) return `journal entry ${bad.rows[0].entry_id} does not balance: debit ${bad.rows[0].d}, credit ${bad.rows[0].c}`;
  const sided = await sql<{ entry_id: string; line_no: number }>`
    SELECT entry_id, line_no FROM journal_lines
    WHERE debit < 0 OR credit < 0 OR (debit = 0 AND credit = 0) OR (debit > 0 AND credit > 0) LIMIT 1`.execute(db);
  if (sided.rows[0]) return `journal entry ${sided.rows[0].entry_id} line ${sided.rows[0].line_no} is not a single positive debit or credit`;
  const tb = await sql<{ d: number | null; c: number | null }>`
    SELECT CAST(SUM(debit) AS BIGINT) AS d, CAST(SUM(credit) AS BIGINT) AS c FROM journal_lines`.execute(db);
  const { d, c } = tb.rows[0] ?? { d: 0, c: 0 };
  if (Number(d ?? 0) !== Number(c ?? 0)) return `trial balance does not sum to zero: debit ${d}, credit ${c}`;
  return null;
}

/** ONCE: a client id is posted once per company. */
async function checkOnce(db: Kysely<DB>): Promise<string | null> {
  const dup = await sql<{ client_id: string; n: number }>`
    SELECT client_id, CAST(COUNT(*) AS BIGINT) AS n FROM documents GROUP BY company_id, client_id HAVING COUNT(*) > 1 LIMIT 1`.execute(db);
  if (dup.rows[0]) return `client id ${dup.rows[0].client_id} was posted ${dup.rows[0].n} times`;
  // A sale is voided once, and no line of it goes back more often than it was sold.
  const voids = await sql<{ number: string; n: number }>`
    SELECT d.number, CAST(COUNT(*) AS BIGINT) AS n FROM sales s JOIN documents d ON d.id = s.original_document_id
    WHERE s.kind = 'void' GROUP BY d.number HAVING COUNT(*) > 1 LIMIT 1`.execute(db);
  if (voids.rows[0]) return `sale ${voids.rows[0].number} was voided ${voids.rows[0].n} times`;
  const over = await sql<{ number: string; line_no: number }>`
    SELECT d.number, r.line_no FROM sale_line_returns r JOIN documents d ON d.id = r.document_id
    WHERE r.returned_qty > r.sold_qty LIMIT 1`.execute(db);
  return over.rows[0] ? `sale ${over.rows[0].number} line ${over.rows[0].line_no} was returned more than sold` : null;
}

/** SEQ: numbers run 1..n without a gap in every scope (receipt numbers per register). */
async function checkSequences(db: Kysely<DB>): Promise<string | null> {
  const scopes = await sql<{ number_scope: string; n: number; lo: number; hi: number }>`
    SELECT number_scope, CAST(COUNT(*) AS BIGINT) AS n, CAST(MIN(number_seq) AS BIGINT) AS lo, CAST(MAX(number_seq) AS BIGINT) AS hi
    FROM documents GROUP BY number_scope
    HAVING MIN(number_seq) <> 1 OR MAX(number_seq) <> COUNT(*)
    ORDER BY number_scope LIMIT 1`.execute(db);
  const bad = scopes.rows[0];
  if (!bad) return null;
  const seqs = await db.selectFrom('documents').select('number_seq').where('number_scope', '=', bad.number_scope).orderBy('number_seq').execute();
  let expected = 1;
  for (const s of seqs) {
    if (Number(s.number_seq) !== expected) break;
    expected++;
  }
  return `numbers of ${bad.number_scope} have a gap: ${expected} is missing (${bad.n} documents, highest ${bad.hi})`;
}

/** CHAIN: every audit chain is gapless from 1 and every hash recomputes from its predecessor. */
async function checkChains(db: Kysely<DB>): Promise<string | null> {
  const heads = await db.selectFrom('audit_heads').selectAll().orderBy('chain_id').execute();
  const PAGE = 2000;
  for (const head of heads) {
    let prevHash = GENESIS_HASH;
    let expected = 1;
    for (;;) {
      const rows = await db
        .selectFrom('audit_events')
        .selectAll()
        .where('chain_id', '=', head.chain_id)
        .where('seq', '>=', expected)
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      for (const r of rows) {
        const seq = Number(r.seq);
        if (seq !== expected) return `chain ${head.chain_id} is broken at seq ${expected} (missing; next is ${seq})`;
        if (r.prev_hash !== prevHash || auditHash(prevHash, { ...r, seq }) !== r.hash) {
          return `chain ${head.chain_id} is broken at seq ${seq}`;
        }
        prevHash = r.hash;
        expected++;
      }
      if (rows.length < PAGE) break;
    }
    if (Number(head.seq) !== expected - 1 || (expected > 1 && head.hash !== prevHash)) {
      return `chain ${head.chain_id} is broken at seq ${expected} (head says ${head.seq}; events end at ${expected - 1})`;
    }
  }
  const headless = await sql<{ chain_id: string }>`
    SELECT DISTINCT e.chain_id FROM audit_events e WHERE NOT EXISTS (SELECT 1 FROM audit_heads h WHERE h.chain_id = e.chain_id) LIMIT 1`.execute(db);
  if (headless.rows[0]) return `chain ${headless.rows[0].chain_id} is broken at seq 1 (no head row)`;
  return null;
}

/** LINK: every document left what its type requires (journal entries, stock moves per stock line). */
async function checkLinks(db: Kysely<DB>): Promise<string | null> {
  const needJournal = Object.entries(DOCUMENT_TYPES).filter(([, s]) => s.journal === 'required').map(([t]) => t);
  if (needJournal.length) {
    const r = await db
      .selectFrom('documents')
      .select(['id', 'number', 'type'])
      .where('type', 'in', needJournal)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('journal_entries').select('id').whereRef('journal_entries.document_id', '=', 'documents.id'))))
      .limit(1)
      .executeTakeFirst();
    if (r) return `${r.type} ${r.number} has no journal entry`;
  }
  const needMoves = Object.entries(DOCUMENT_TYPES).filter(([, s]) => s.movesPerStockLine).map(([t]) => t);
  if (needMoves.length) {
    const r = await sql<{ number: string; type: string; line_no: number }>`
      SELECT d.number, d.type, l.line_no FROM document_lines l JOIN documents d ON d.id = l.document_id
      WHERE d.type IN (${sql.join(needMoves)}) AND l.product_id IS NOT NULL AND l.qty <> 0
        AND NOT EXISTS (SELECT 1 FROM stock_moves m WHERE m.document_id = l.document_id AND m.line_no = l.line_no)
      LIMIT 1`.execute(db);
    if (r.rows[0]) return `${r.rows[0].type} ${r.rows[0].number} line ${r.rows[0].line_no} has no stock move`;
  }
  // Till documents carry their `sales` row of the right kind; returns of a receipt, exchanges and
  // voids name a sale (returns and exchanges may name an exchange, whose new goods go back too;
  // shift close and the reports read these rows).
  for (const [type, spec] of Object.entries(DOCUMENT_TYPES) as [string, DocumentTypeSpec][]) {
    if (!spec.tillKind) continue;
    const r = await sql<{ number: string }>`
      SELECT d.number FROM documents d WHERE d.type = ${type}
        AND NOT EXISTS (SELECT 1 FROM sales s WHERE s.document_id = d.id AND s.kind = ${spec.tillKind})
      LIMIT 1`.execute(db);
    if (r.rows[0]) return `${type} ${r.rows[0].number} has no ${spec.tillKind} row in sales`;
  }
  const unlinked = await sql<{ number: string; kind: string }>`
    SELECT d.number, s.kind FROM sales s JOIN documents d ON d.id = s.document_id
    LEFT JOIN documents o ON o.id = s.original_document_id
    WHERE (s.kind IN ('exchange', 'void') AND s.original_document_id IS NULL)
      OR (s.original_document_id IS NOT NULL AND (o.type IS NULL OR o.type NOT IN ('sale', 'exchange') OR (s.kind = 'void' AND o.type <> 'sale')))
    LIMIT 1`.execute(db);
  if (unlinked.rows[0]) return `${unlinked.rows[0].kind} ${unlinked.rows[0].number} names no original sale`;
  // Paid-in / paid-out count in a shift's drawer through their shift_cash_movements row.
  const unshifted = await sql<{ type: string; number: string }>`
    SELECT d.type, d.number FROM documents d WHERE d.type IN ('cash_in', 'cash_out')
      AND NOT EXISTS (SELECT 1 FROM shift_cash_movements m WHERE m.document_id = d.id)
    LIMIT 1`.execute(db);
  if (unshifted.rows[0]) return `${unshifted.rows[0].type} ${unshifted.rows[0].number} has no shift_cash_movements row`;
  const orphan = await sql<{ entry_id: string }>`
    SELECT j.id AS entry_id FROM journal_entries j WHERE NOT EXISTS (SELECT 1 FROM journal_lines l WHERE l.entry_id = j.id) LIMIT 1`.execute(db);
  if (orphan.rows[0]) return `journal entry ${orphan.rows[0].entry_id} has no lines`;
  return null;
}
