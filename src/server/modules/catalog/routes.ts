// Every catalog route under /api/v1 (see docs/catalog.md).
import type { ZodApp } from '../../http/zod-app';
import { listHandlers } from '../../lists/list-exports';
import type { Services } from '../../services';
import { categoryRoutes } from './categories/routes';
import { priceRoutes } from './prices/routes';
import { productRoutes } from './products/routes';
import { supplierRoutes } from './suppliers/routes';
import { variantRoutes } from './variants/routes';

export function catalogRoutes(app: ZodApp, s: Services) {
  const lists = listHandlers(s);
  productRoutes(app, s.catalog, lists.products);
  categoryRoutes(app, s.catalog);
  variantRoutes(app, s.catalog);
  priceRoutes(app, s.catalog, lists.priceChanges);
  supplierRoutes(app, s.catalog, lists.suppliers);
}
