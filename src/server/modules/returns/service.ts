// Returns, exchanges and voids of posted sales (flows in src/server/flows), and the sale lookup
// the till shows a receipt for return with.
import type { ExchangeInput, ReturnInput, VoidInput } from '../../../contracts/returns';
import type { AuthContext } from '../../auth/auth-context';
import type { CheckoutDeps } from '../../flows/checkout.flow';
import { postExchange } from '../../flows/exchange.flow';
import { postReturn } from '../../flows/return.flow';
import { postVoid } from '../../flows/void.flow';
import type { SaleRef } from './original-sale';
import { saleForReturn } from './sale-view';

export class ReturnsService {
  constructor(private readonly deps: CheckoutDeps) {}

  postReturn(auth: AuthContext, input: ReturnInput) {
    return postReturn(this.deps, auth, input);
  }

  postExchange(auth: AuthContext, input: ExchangeInput) {
    return postExchange(this.deps, auth, input);
  }

  postVoid(auth: AuthContext, input: VoidInput) {
    return postVoid(this.deps, auth, input);
  }

  sale(auth: AuthContext, ref: SaleRef, registerId?: string) {
    return saleForReturn(this.deps.db, auth, ref, registerId);
  }
}
