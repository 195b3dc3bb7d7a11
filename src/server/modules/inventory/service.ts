// Inventory: goods receipts and write-offs (posted through the engine), and the stock queries and
// alerts over what they leave behind. Each operation lives in its own file; this class wires them.
import type { z } from 'zod';
import type { AlertsQuery, BatchStockQuery, InTransitQuery, OnHandQuery, StockCardQuery, ValuationQuery } from '../../../contracts/inventory';
import type { AuthContext } from '../../auth/auth-context';
import { alerts } from './alerts';
import { batchStock } from './batch-stock';
import type { InventoryDeps } from './deps';
import { inTransit } from './in-transit';
import { onHand } from './on-hand';
import { postReceipt, type ReceiptInput } from './receipts';
import { stockCard } from './stock-card';
import { valuation } from './valuation';
import { postWriteOff, type WriteOffInput } from './write-offs';

export class InventoryService {
  constructor(private readonly deps: InventoryDeps) {}

  postReceipt(auth: AuthContext, input: ReceiptInput) {
    return postReceipt(this.deps, auth, input);
  }

  postWriteOff(auth: AuthContext, input: WriteOffInput) {
    return postWriteOff(this.deps, auth, input);
  }

  onHand(auth: AuthContext, q: z.infer<typeof OnHandQuery>) {
    return onHand(this.deps, auth, q);
  }

  inTransit(auth: AuthContext, q: z.infer<typeof InTransitQuery>) {
    return inTransit(this.deps, auth, q);
  }

  batches(auth: AuthContext, q: z.infer<typeof BatchStockQuery>) {
    return batchStock(this.deps, auth, q);
  }

  stockCard(auth: AuthContext, q: z.infer<typeof StockCardQuery>) {
    return stockCard(this.deps, auth, q);
  }

  valuation(auth: AuthContext, q: z.infer<typeof ValuationQuery>) {
    return valuation(this.deps, auth, q);
  }

  alerts(auth: AuthContext, q: z.infer<typeof AlertsQuery>) {
    return alerts(this.deps, auth, q);
  }
}
