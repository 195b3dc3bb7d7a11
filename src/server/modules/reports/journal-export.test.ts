import { describe, expect, it } from 'vitest';
import { ledgerAccountName, toJournalCsv, toLedgerJournal } from './journal-export';
import type { JournalExportEntry } from './service';

const entry: JournalExportEntry = {
  entryId: 'e1',
  businessDate: '2026-11-26',
  documentId: 'd1',
  documentType: 'journal_entry',
  number: 'JE-S01-000001',
  store: 'S01',
  memo: '=HYPERLINK("x")\nsecond line; not a comment',
  lines: [
    { account: '5601', accountName: '销售费用', debit: 123_456_789, credit: 0, memo: '+cmd' },
    { account: '222101', accountName: '应交增值税:销项税额;  2026', debit: 0, credit: 123_456_789, memo: '' },
  ],
};

describe('journal export', () => {
  it('names accounts code:name with no hierarchy, comment or double-space characters from the name', () => {
    expect(ledgerAccountName('1001', '库存现金')).toBe('1001:库存现金');
    expect(ledgerAccountName('222101', '应交增值税:销项税额;  2026')).toBe('222101:应交增值税-销项税额- 2026');
    expect(ledgerAccountName('9999', '')).toBe('9999');
  });

  it('writes one hledger transaction per entry with exact two-decimal amounts from fen', () => {
    expect(toLedgerJournal([entry], 'CNY').split('\n')).toEqual([
      '2026-11-26 (JE-S01-000001) =HYPERLINK("x") second line not a comment',
      '    ; document: d1, type: journal_entry, store: S01',
      '    5601:销售费用  1234567.89 CNY  ; +cmd',
      '    222101:应交增值税-销项税额- 2026  -1234567.89 CNY',
      '',
    ]);
  });

  it('writes formula-safe CSV rows, one per line, amounts in yuan', () => {
    const rows = toJournalCsv([entry]).split('\r\n');
    expect(rows[0]).toBe('"business_date","number","document_type","document_id","store","entry_memo","line","account","account_name","debit","credit","memo"');
    expect(rows[1]).toContain(`"'=HYPERLINK(""x"")`);
    expect(rows[1]).toContain(`"1234567.89","0.00","'+cmd"`);
    expect(rows).toHaveLength(4);
  });
});
