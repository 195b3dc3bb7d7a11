import { z } from 'zod';
import { Id } from '../../../contracts/common';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { Services } from '../../services';

export function stockRoutes(app: ZodApp, s: Services) {
  app.get('/stock/balances', { config: { access: 'stock.read' }, schema: { tags: ['stock'], querystring: z.strictObject({ storeId: Id }) } }, (req) =>
    s.stock.balances(authOf(req), req.query.storeId),
  );
}
