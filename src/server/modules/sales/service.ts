// Sales (checkout): posting a sale runs the checkout flow (src/server/flows/checkout.flow.ts);
// the review list reads what sales were flagged with, and its review step marks flags as looked at.
import type { SaleFlagsReviewInput, SaleInput, SalesListInput } from '../../../contracts/sales';
import type { AuthContext } from '../../auth/auth-context';
import { checkout, type CheckoutDeps } from '../../flows/checkout.flow';
import type { PostOutcome } from '../../posting/types';
import { listSaleFlags, reviewSaleFlags, type ReviewQuery } from './review';
import { listSalesJournal } from './sales-list';

export class SalesService {
  constructor(private readonly deps: CheckoutDeps) {}

  post(auth: AuthContext, input: SaleInput): Promise<PostOutcome> {
    return checkout(this.deps, auth, input);
  }

  review(auth: AuthContext, q: ReviewQuery) {
    return listSaleFlags(this.deps.db, auth, q);
  }

  /** Mark review flags as looked at (all or none). */
  markReviewed(auth: AuthContext, input: SaleFlagsReviewInput) {
    return reviewSaleFlags(this.deps.db, auth, input, this.deps.clock());
  }

  /** The sales journal: sales, returns, exchanges and voids, newest first. */
  list(auth: AuthContext, q: SalesListInput) {
    return listSalesJournal(this.deps.db, auth, q);
  }
}
