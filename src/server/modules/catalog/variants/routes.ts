import { IdParams } from '../../../../contracts/common';
import { CreateVariantTemplateBody, GenerateVariantsBody } from '../../../../contracts/catalog';
import { authOf, type ZodApp } from '../../../http/zod-app';
import type { CatalogServices } from '../services';

const tags = ['catalog'];

export function variantRoutes(app: ZodApp, c: CatalogServices) {
  app.get('/variant-templates', { config: { access: 'products.read' }, schema: { tags } }, (req) => c.variants.list(authOf(req)));
  app.get('/variant-templates/:id', { config: { access: 'products.read' }, schema: { tags, params: IdParams } }, (req) => c.variants.get(authOf(req), req.params.id));
  app.post('/variant-templates', { config: { access: 'catalog.manage' }, schema: { tags, body: CreateVariantTemplateBody } }, async (req, reply) =>
    reply.code(201).send(await c.variants.create(authOf(req), req.body)),
  );
  app.put(
    '/variant-templates/:id',
    { config: { access: 'catalog.manage' }, schema: { tags, params: IdParams, body: CreateVariantTemplateBody, description: 'Replace the name and attributes; products generated before keep theirs' } },
    (req) => c.variants.update(authOf(req), req.params.id, req.body),
  );
  app.post(
    '/variant-templates/:id/generate',
    { config: { access: 'catalog.manage' }, schema: { tags, params: IdParams, body: GenerateVariantsBody, description: 'One product per combination, SKU BASE-S-红, in one transaction' } },
    async (req, reply) => reply.code(201).send(await c.variants.generate(authOf(req), req.params.id, req.body)),
  );
}
