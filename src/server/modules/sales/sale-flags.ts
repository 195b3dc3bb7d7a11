// What a sale was accepted with that a person should look at (the review list). Offline sales are
// never refused for a price or for stock, so these flags are how such sales come to light.
import type { SaleFlagKind } from '../../../contracts/sales';

export interface SaleFlag {
  kind: SaleFlagKind;
  /** The document line it concerns (1-based), or 0 for the whole sale. */
  lineNo: number;
  detail: Record<string, unknown>;
}

/** As the response shows them: kind, line, then the details. */
export function flagView(f: SaleFlag) {
  return { kind: f.kind, lineNo: f.lineNo, ...f.detail };
}
