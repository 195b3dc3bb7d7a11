import { TillSnapshotQuery } from '../../../contracts/till';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { Services } from '../../services';
import { tillSnapshot } from './snapshot';

export function tillRoutes(app: ZodApp, s: Services) {
  app.get(
    '/till/snapshot',
    {
      config: { access: 'products.read' },
      schema: { tags: ['till'], querystring: TillSnapshotQuery, description: "The till's offline catalog: products, barcodes and this store's prices, paged; with `since` only what changed" },
    },
    (req) => tillSnapshot(s.db, s.clock, authOf(req), req.query),
  );
}
