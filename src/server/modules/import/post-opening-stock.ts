// Opening stock of an import, posted as opening-balance documents of at most 1000 lines each
// (a document stays readable and its transaction short), through the one documents service.
import { uuidv7 } from '../../../core/id/uuidv7';
import type { AuthContext } from '../../auth/auth-context';
import type { DocumentsService } from '../documents/service';

export const OPENING_LINES_PER_DOCUMENT = 1000;
const IN_FLIGHT = 4;

export interface OpeningLine {
  productId: string;
  qty: number;
  unitCost: number;
}

export interface OpeningDocument {
  id: string;
  number: string;
  lines: number;
  /** Stock value in fen. */
  total: number;
}

export async function postOpeningStock(
  documents: DocumentsService,
  auth: AuthContext,
  storeId: string,
  lines: OpeningLine[],
  fileName: string,
): Promise<OpeningDocument[]> {
  const parts = Math.ceil(lines.length / OPENING_LINES_PER_DOCUMENT);
  const posted: OpeningDocument[] = new Array(parts);
  let next = 0;
  // A few parts in flight at once: on SQLite the engine's group commit writes them in one shared
  // transaction (one fsync for several documents); on PostgreSQL they use parallel connections.
  // Only a few, so one batch never holds the event loop for long. Every check that could refuse
  // a part was made before the catalog was written.
  const worker = async () => {
    while (next < parts) {
      const k = next++;
      const stock = lines.slice(k * OPENING_LINES_PER_DOCUMENT, (k + 1) * OPENING_LINES_PER_DOCUMENT);
      const { document } = await documents.postOpeningBalance(auth, {
        id: uuidv7(),
        storeId,
        memo: `导入期初 Opening stock from ${fileName} (${k + 1}/${parts})`.slice(0, 500),
        stock,
        accounts: [],
      });
      posted[k] = { id: document.id, number: document.number, lines: stock.length, total: document.total };
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, parts) }, worker));
  return posted;
}
