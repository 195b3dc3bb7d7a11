// The journal as text other tools read: an hledger/ledger journal (one transaction per journal
// entry, amounts exact from fen) and a formula-safe CSV. `hledger -f FILE bal` gives back our trial
// balance (tested in reports.test.ts).
import { formatFen } from '../../../core/money/round';
import { toCsv } from '../../import/csv';
import type { JournalExportEntry } from './service';

/**
 * hledger account name `1001:库存现金` (code as the parent so accounts sort by code). A name may not
 * hold ':' (hierarchy), ';' (comment) or two spaces in a row (they end the account name).
 */
export function ledgerAccountName(code: string, name: string): string {
  const clean = name.replace(/[:;]/g, '-').replace(/\s+/g, ' ').trim();
  return clean ? `${code}:${clean}` : code;
}

/** Free text on one line, without the characters that start a comment. */
const oneLine = (s: string) => s.replace(/[\r\n\t;]+/g, ' ').replace(/\s{2,}/g, ' ').trim();

export function toLedgerJournal(entries: readonly JournalExportEntry[], currency: string): string {
  const out: string[] = [];
  for (const e of entries) {
    const description = oneLine(e.memo || e.number);
    out.push(`${e.businessDate} (${oneLine(e.number)}) ${description}`);
    out.push(`    ; document: ${e.documentId}, type: ${e.documentType}, store: ${oneLine(e.store)}`);
    for (const l of e.lines) {
      const amount = `${formatFen(l.debit - l.credit)} ${currency}`;
      const memo = oneLine(l.memo);
      out.push(`    ${ledgerAccountName(l.account, l.accountName)}  ${amount}${memo ? `  ; ${memo}` : ''}`);
    }
    out.push('');
  }
  return out.join('\n');
}

export const JOURNAL_CSV_HEADER = ['business_date', 'number', 'document_type', 'document_id', 'store', 'entry_memo', 'line', 'account', 'account_name', 'debit', 'credit', 'memo'];

/** One row per journal line; amounts in yuan with two decimals; cells formula-safe (csvCell). */
export function toJournalCsv(entries: readonly JournalExportEntry[]): string {
  const rows: unknown[][] = [JOURNAL_CSV_HEADER];
  for (const e of entries) {
    e.lines.forEach((l, i) => {
      rows.push([e.businessDate, e.number, e.documentType, e.documentId, e.store, e.memo, i + 1, l.account, l.accountName, formatFen(l.debit), formatFen(l.credit), l.memo]);
    });
  }
  return toCsv(rows);
}
