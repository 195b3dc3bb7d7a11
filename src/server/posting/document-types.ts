// Every business document type, what it must leave behind (checked by `verify` LINK) and how it is
// numbered. Register documents share one gapless sequence per register (receipt numbers); back-office
// documents are numbered per store and type.
export interface DocumentTypeSpec {
  prefix: string;
  numbering: 'register' | 'store';
  /** At least one balanced journal entry must exist for the document. */
  journal: 'required' | 'optional';
  /** Every line with a product and a non-zero qty must have produced at least one stock move. */
  movesPerStockLine: boolean;
  /** Till documents: the `sales` row (kind) each must have, for shift close and the reports. */
  tillKind?: 'sale' | 'return' | 'exchange' | 'void';
}

export const DOCUMENT_TYPES = {
  opening_balance: { prefix: 'OB', numbering: 'store', journal: 'optional', movesPerStockLine: true },
  cash_in: { prefix: 'PI', numbering: 'register', journal: 'required', movesPerStockLine: false },
  cash_out: { prefix: 'PO', numbering: 'register', journal: 'required', movesPerStockLine: false },
  journal_entry: { prefix: 'JE', numbering: 'store', journal: 'required', movesPerStockLine: false },
  receipt: { prefix: 'GR', numbering: 'store', journal: 'optional', movesPerStockLine: true },
  write_off: { prefix: 'WO', numbering: 'store', journal: 'optional', movesPerStockLine: true },
  transfer_out: { prefix: 'TO', numbering: 'store', journal: 'optional', movesPerStockLine: true },
  transfer_in: { prefix: 'TI', numbering: 'store', journal: 'optional', movesPerStockLine: true },
  stocktake_adjustment: { prefix: 'ST', numbering: 'store', journal: 'optional', movesPerStockLine: true },
  price_change: { prefix: 'PC', numbering: 'store', journal: 'optional', movesPerStockLine: false },
  sale: { prefix: 'SA', numbering: 'register', journal: 'required', movesPerStockLine: true, tillKind: 'sale' },
  // 交接班: the drawer count of a shift; books over/short only when there is a difference.
  shift_close: { prefix: 'SC', numbering: 'register', journal: 'optional', movesPerStockLine: false },
  // Returns, exchanges and voids share the register's receipt sequence (docs/checkout.md).
  sale_return: { prefix: 'RT', numbering: 'register', journal: 'required', movesPerStockLine: true, tillKind: 'return' },
  exchange: { prefix: 'EX', numbering: 'register', journal: 'required', movesPerStockLine: true, tillKind: 'exchange' },
  sale_void: { prefix: 'VD', numbering: 'register', journal: 'required', movesPerStockLine: true, tillKind: 'void' },
  // 手工凭证 approved by a second user; a reversal (红字冲销) of a journal-only document; 年结.
  manual_entry: { prefix: 'JV', numbering: 'store', journal: 'required', movesPerStockLine: false },
  reversal: { prefix: 'RV', numbering: 'store', journal: 'required', movesPerStockLine: false },
  year_end_close: { prefix: 'YC', numbering: 'store', journal: 'required', movesPerStockLine: false },
  // The payment providers' fees of one settlement file (对账): 财务费用 against the wallet account.
  settlement: { prefix: 'SF', numbering: 'store', journal: 'required', movesPerStockLine: false },
} as const satisfies Record<string, DocumentTypeSpec>;

export type DocumentType = keyof typeof DOCUMENT_TYPES;

export function documentTypeSpec(type: string): DocumentTypeSpec | undefined {
  return (DOCUMENT_TYPES as Record<string, DocumentTypeSpec>)[type];
}
