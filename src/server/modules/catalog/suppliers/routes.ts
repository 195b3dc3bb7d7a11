import { IdParams } from '../../../../contracts/common';
import { CreateSupplierBody, ProductParams, SupplierListQuery, SupplierProductBody, SupplierProductParams, UpdateSupplierBody } from '../../../../contracts/catalog';
import { authOf, type ZodApp } from '../../../http/zod-app';
import type { ListHandlers } from '../../../lists/list-exports';
import type { CatalogServices } from '../services';

const tags = ['catalog'];

// Purchase prices are not for every role: reading suppliers needs stock.read (receiving, finance,
// audit), writing them suppliers.manage.
export function supplierRoutes(app: ZodApp, c: CatalogServices, list: ListHandlers['suppliers']) {
  const s = c.suppliers;
  app.get('/suppliers', { config: { access: 'stock.read' }, schema: { tags, querystring: SupplierListQuery } }, list);
  app.get('/suppliers/:id', { config: { access: 'stock.read' }, schema: { tags, params: IdParams } }, (req) => s.get(authOf(req), req.params.id));
  app.post('/suppliers', { config: { access: 'suppliers.manage' }, schema: { tags, body: CreateSupplierBody } }, async (req, reply) =>
    reply.code(201).send(await s.create(authOf(req), req.body)),
  );
  app.patch('/suppliers/:id', { config: { access: 'suppliers.manage' }, schema: { tags, params: IdParams, body: UpdateSupplierBody } }, (req) =>
    s.update(authOf(req), req.params.id, req.body),
  );
  app.get('/suppliers/:id/products', { config: { access: 'stock.read' }, schema: { tags, params: IdParams } }, (req) => s.links(authOf(req), { supplierId: req.params.id }));
  app.put('/suppliers/:id/products/:productId', { config: { access: 'suppliers.manage' }, schema: { tags, params: SupplierProductParams, body: SupplierProductBody } }, (req) =>
    s.link(authOf(req), req.params.id, req.params.productId, req.body),
  );
  app.delete('/suppliers/:id/products/:productId', { config: { access: 'suppliers.manage' }, schema: { tags, params: SupplierProductParams } }, async (req, reply) => {
    await s.unlink(authOf(req), req.params.id, req.params.productId);
    return reply.code(204).send();
  });
  app.get('/products/:id/suppliers', { config: { access: 'stock.read' }, schema: { tags, params: ProductParams } }, (req) => s.links(authOf(req), { productId: req.params.id }));
}
