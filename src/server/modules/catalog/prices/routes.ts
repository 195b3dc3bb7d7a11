import { IdParams } from '../../../../contracts/common';
import { CreatePriceChangeBody, PriceChangeListQuery, PriceHistoryQuery, ProductParams } from '../../../../contracts/catalog';
import { authOf, type ZodApp } from '../../../http/zod-app';
import type { ListHandlers } from '../../../lists/list-exports';
import type { CatalogServices } from '../services';

const tags = ['catalog'];

export function priceRoutes(app: ZodApp, c: CatalogServices, list: ListHandlers['priceChanges']) {
  app.get('/price-changes', { config: { access: 'catalog.manage' }, schema: { tags, querystring: PriceChangeListQuery } }, list);
  app.get('/price-changes/:id', { config: { access: 'catalog.manage' }, schema: { tags, params: IdParams } }, (req) => c.prices.get(authOf(req), req.params.id));
  app.post('/price-changes', { config: { access: 'catalog.manage' }, schema: { tags, body: CreatePriceChangeBody, description: 'A draft 调价单; it takes effect once approved' } }, async (req, reply) =>
    reply.code(201).send(await c.prices.create(authOf(req), req.body)),
  );
  app.post(
    '/price-changes/:id/approve',
    { config: { access: 'prices.approve' }, schema: { tags, params: IdParams, description: 'Not by its creator (except an owner); applies at once when effectiveAt has passed' } },
    (req) => c.prices.approve(authOf(req), req.params.id),
  );
  app.post('/price-changes/:id/cancel', { config: { access: 'catalog.manage' }, schema: { tags, params: IdParams, description: 'A draft or a scheduled change' } }, (req) =>
    c.prices.cancel(authOf(req), req.params.id),
  );
  app.get('/products/:id/prices', { config: { access: 'products.read' }, schema: { tags, params: ProductParams, querystring: PriceHistoryQuery, description: 'Price history, newest first' } }, (req) =>
    c.prices.history(authOf(req), req.params.id, req.query),
  );
}
