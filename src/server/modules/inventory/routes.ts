import { AlertsQuery, BatchStockQuery, InTransitQuery, OnHandQuery, ReceiptBody, StockCardQuery, ValuationQuery, WriteOffBody } from '../../../contracts/inventory';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { PostOutcome } from '../../posting/types';
import { listHandlers } from '../../lists/list-exports';
import type { Services } from '../../services';

const tags = ['inventory'];

/** First posting answers 201; a replay of the same client id answers 200 with the same body. */
function posted(outcome: PostOutcome) {
  return { status: outcome.replayed ? 200 : 201, body: outcome.document };
}

export function inventoryRoutes(app: ZodApp, s: Services) {
  const lists = listHandlers(s);
  app.post('/inventory/receipts', { config: { access: 'stock.receive' }, schema: { tags, body: ReceiptBody } }, async (req, reply) => {
    const r = posted(await s.inventory.postReceipt(authOf(req), req.body));
    return reply.code(r.status).send(r.body);
  });
  app.post('/inventory/write-offs', { config: { access: 'stock.writeoff' }, schema: { tags, body: WriteOffBody } }, async (req, reply) => {
    const r = posted(await s.inventory.postWriteOff(authOf(req), req.body));
    return reply.code(r.status).send(r.body);
  });
  app.get('/inventory/on-hand', { config: { access: 'stock.read' }, schema: { tags, querystring: OnHandQuery } }, lists.onHand);
  app.get('/inventory/in-transit', { config: { access: 'stock.read' }, schema: { tags, querystring: InTransitQuery } }, (req) =>
    s.inventory.inTransit(authOf(req), req.query),
  );
  app.get('/inventory/batches', { config: { access: 'stock.read' }, schema: { tags, querystring: BatchStockQuery } }, lists.batches);
  app.get('/inventory/stock-card', { config: { access: 'stock.read' }, schema: { tags, querystring: StockCardQuery } }, (req) =>
    s.inventory.stockCard(authOf(req), req.query),
  );
  app.get('/inventory/valuation', { config: { access: 'stock.read' }, schema: { tags, querystring: ValuationQuery } }, (req) =>
    s.inventory.valuation(authOf(req), req.query),
  );
  app.get('/alerts', { config: { access: 'stock.read' }, schema: { tags: ['alerts'], querystring: AlertsQuery } }, lists.alerts);
}
