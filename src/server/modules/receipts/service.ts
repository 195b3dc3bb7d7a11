// Receipts of checkout documents: the original print (what the till prints after the sale) and
// copies (重印 COPY). Every copy — a fetch with `copy=1` or the till's explicit reprint — is
// numbered in `receipt_prints` and audited in the register's chain (`receipt.reprinted`: who, what,
// when, which format), so a reprint can never pass for the original. A copy never kicks the drawer.
import type { Kysely } from 'kysely';
import { encodeReceiptEscPos } from '../../../core/receipts/encode-receipt-escpos';
import type { ReceiptWidth } from '../../../core/receipts/receipt-model';
import { renderReceiptHtml } from '../../../core/receipts/render-receipt-html';
import { isUniqueViolation } from '../../../db/dialect';
import type { DB } from '../../../db/schema';
import { appendAudit, chains } from '../../audit/chain';
import type { AuthContext } from '../../auth/auth-context';
import type { Clock } from '../../clock';
import { encodeGbk } from './gbk';
import { loadReceipt, type ReceiptSource } from './receipt-from-document';

export type ReceiptFormat = 'html' | 'escpos';

export interface ReceiptRequest {
  format: ReceiptFormat;
  width: ReceiptWidth;
  copy: boolean;
  drawer?: boolean;
}

export interface RenderedReceipt {
  contentType: string;
  body: string | Uint8Array;
  /** The copy's number (1 = first reprint); null for the original. */
  printNo: number | null;
}

export class ReceiptsService {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  async render(auth: AuthContext, id: string, req: ReceiptRequest): Promise<RenderedReceipt> {
    return this.print(auth, await loadReceipt(this.db, auth, id), req);
  }

  /** The till's reprint button: always a copy, never the drawer. */
  async reprint(auth: AuthContext, id: string, req: { format: ReceiptFormat; width: ReceiptWidth }): Promise<RenderedReceipt> {
    const source = await loadReceipt(this.db, auth, id);
    auth.requireStore('receipts.reprint', source.storeId, 'Sale');
    return this.print(auth, source, { ...req, copy: true });
  }

  private async print(auth: AuthContext, source: ReceiptSource, req: ReceiptRequest): Promise<RenderedReceipt> {
    const printNo = req.copy ? await this.recordCopy(auth, source, req.format) : null;
    if (req.format === 'html') {
      return { contentType: 'text/html; charset=utf-8', body: renderReceiptHtml(source.model, { width: req.width, copy: req.copy }), printNo };
    }
    const bytes = encodeReceiptEscPos(source.model, { width: req.width, copy: req.copy, drawer: req.drawer === true && !req.copy, encodeText: encodeGbk });
    return { contentType: 'application/octet-stream', body: bytes, printNo };
  }

  private async recordCopy(auth: AuthContext, source: ReceiptSource, format: ReceiptFormat): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.db.transaction().execute(async (trx) => {
          const last = await trx.selectFrom('receipt_prints').select((eb) => eb.fn.max('print_no').as('n')).where('document_id', '=', source.documentId).executeTakeFirst();
          const printNo = Number(last?.n ?? 0) + 1;
          const at = this.clock().toISOString();
          await trx.insertInto('receipt_prints').values({ document_id: source.documentId, print_no: printNo, store_id: source.storeId, format, printed_by: auth.user.id, printed_at: at }).execute();
          await appendAudit(trx, {
            chainId: chains.register(source.registerId),
            companyId: auth.user.companyId,
            actorId: auth.user.id,
            action: 'receipt.reprinted',
            subjectType: 'document',
            subjectId: source.documentId,
            storeId: source.storeId,
            at,
            data: { number: source.model.number, printNo, format },
          });
          return printNo;
        });
      } catch (err) {
        // Two copies of one receipt at the same instant: the loser takes the next number.
        if (isUniqueViolation(err) && attempt < 5) continue;
        throw err;
      }
    }
  }
}
