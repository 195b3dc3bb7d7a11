import { IdParams } from '../../../contracts/common';
import { ApproveStocktakeBody, CancelStocktakeBody, CountBody, StartStocktakeBody, StocktakeListQuery } from '../../../contracts/stocktakes';
import { authOf, type ZodApp } from '../../http/zod-app';
import { listHandlers } from '../../lists/list-exports';
import type { Services } from '../../services';

export function stocktakesRoutes(app: ZodApp, s: Services) {
  const tags = ['stocktakes'];
  app.get('/stocktakes', { config: { access: 'stocktake.count' }, schema: { tags, querystring: StocktakeListQuery } }, listHandlers(s).stocktakes);
  app.get('/stocktakes/:id', { config: { access: 'stocktake.count' }, schema: { tags, params: IdParams } }, (req) => s.stocktakes.get(authOf(req), req.params.id));
  app.get('/stocktakes/:id/variances', { config: { access: 'stocktake.approve' }, schema: { tags, params: IdParams } }, (req) =>
    s.stocktakes.variances(authOf(req), req.params.id),
  );
  app.post('/stocktakes', { config: { access: 'stocktake.count' }, schema: { tags, body: StartStocktakeBody } }, async (req, reply) =>
    reply.code(201).send(await s.stocktakes.start(authOf(req), req.body)),
  );
  app.post('/stocktakes/:id/counts', { config: { access: 'stocktake.count' }, schema: { tags, params: IdParams, body: CountBody } }, async (req, reply) =>
    reply.code(201).send(await s.stocktakes.count(authOf(req), req.params.id, req.body)),
  );
  // First posting answers 201; a replay of the same client id answers 200 with the same body.
  app.post('/stocktakes/:id/approve', { config: { access: 'stocktake.approve' }, schema: { tags, params: IdParams, body: ApproveStocktakeBody } }, async (req, reply) => {
    const outcome = await s.stocktakes.approve(authOf(req), req.params.id, req.body);
    return reply.code(outcome.replayed ? 200 : 201).send(outcome.document);
  });
  app.post('/stocktakes/:id/cancel', { config: { access: 'stocktake.approve' }, schema: { tags, params: IdParams, body: CancelStocktakeBody } }, (req) =>
    s.stocktakes.cancel(authOf(req), req.params.id, req.body),
  );
}
