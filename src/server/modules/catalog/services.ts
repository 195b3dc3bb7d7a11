// The catalog's services, wired once (see src/server/services.ts).
import type { Database } from '../../../db/dialect';
import type { Clock } from '../../clock';
import type { PostingEngine } from '../../posting/engine';
import { CategoriesService } from './categories/service';
import { PriceChangesService } from './prices/service';
import { ProductsService } from './products/service';
import { SuppliersService } from './suppliers/service';
import { VariantsService } from './variants/service';

export function createCatalogServices(database: Database, engine: PostingEngine, clock: Clock) {
  const db = database.db;
  return {
    products: new ProductsService(db, clock),
    categories: new CategoriesService(db, clock),
    variants: new VariantsService(db, clock),
    prices: new PriceChangesService(db, database, engine, clock),
    suppliers: new SuppliersService(db, clock),
  };
}

export type CatalogServices = ReturnType<typeof createCatalogServices>;
