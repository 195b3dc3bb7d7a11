import { IdParams } from '../../../../contracts/common';
import { CreateCategoryBody, UpdateCategoryBody } from '../../../../contracts/catalog';
import { authOf, type ZodApp } from '../../../http/zod-app';
import type { CatalogServices } from '../services';

const tags = ['catalog'];

export function categoryRoutes(app: ZodApp, c: CatalogServices) {
  app.get('/categories', { config: { access: 'products.read' }, schema: { tags, description: 'The category tree' } }, (req) => c.categories.tree(authOf(req)));
  app.get('/categories/:id', { config: { access: 'products.read' }, schema: { tags, params: IdParams } }, (req) => c.categories.get(authOf(req), req.params.id));
  app.post('/categories', { config: { access: 'catalog.manage' }, schema: { tags, body: CreateCategoryBody } }, async (req, reply) =>
    reply.code(201).send(await c.categories.create(authOf(req), req.body)),
  );
  app.patch('/categories/:id', { config: { access: 'catalog.manage' }, schema: { tags, params: IdParams, body: UpdateCategoryBody, description: 'Rename and/or move' } }, (req) =>
    c.categories.update(authOf(req), req.params.id, req.body),
  );
}
