import { z } from 'zod';
import { Paging } from '../../../contracts/common';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { Services } from '../../services';

export function productsRoutes(app: ZodApp, s: Services) {
  app.get(
    '/products',
    { config: { access: 'products.read' }, schema: { tags: ['products'], querystring: z.strictObject({ q: z.string().max(100).optional(), ...Paging }) } },
    (req) => s.products.list(authOf(req), req.query),
  );
}
