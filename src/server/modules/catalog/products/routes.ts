import {
  BarcodeDef,
  BarcodeParams,
  CreateProductBody,
  LookupQuery,
  ProductListQuery,
  ProductParams,
  SetUnitBody,
  StockLimitBody,
  StoreLimitParams,
  UnitParams,
  UpdateProductBody,
} from '../../../../contracts/catalog';
import { authOf, type ZodApp } from '../../../http/zod-app';
import type { ListHandlers } from '../../../lists/list-exports';
import type { CatalogServices } from '../services';

const tags = ['catalog'];

export function productRoutes(app: ZodApp, c: CatalogServices, list: ListHandlers['products']) {
  const p = c.products;
  app.get('/products', { config: { access: 'products.read' }, schema: { tags, querystring: ProductListQuery, description: 'Active products by default; q searches SKU/barcode prefix, name, pinyin; format= downloads every match' } }, list);
  app.get('/catalog/lookup', { config: { access: 'products.read' }, schema: { tags, querystring: LookupQuery, description: 'Barcode, SKU or PLU → product, unit, factor and the store price (the till hot path)' } }, (req) =>
    p.lookup(authOf(req), req.query),
  );
  app.get('/products/:id', { config: { access: 'products.read' }, schema: { tags, params: ProductParams } }, (req) => p.get(authOf(req), req.params.id));
  app.post('/products', { config: { access: 'catalog.manage' }, schema: { tags, body: CreateProductBody } }, async (req, reply) =>
    reply.code(201).send(await p.create(authOf(req), req.body)),
  );
  app.patch('/products/:id', { config: { access: 'catalog.manage' }, schema: { tags, params: ProductParams, body: UpdateProductBody, description: 'Prices change through price changes, not here' } }, (req) =>
    p.update(authOf(req), req.params.id, req.body),
  );
  app.post('/products/:id/archive', { config: { access: 'catalog.manage' }, schema: { tags, params: ProductParams, description: 'Stop selling; the product stays readable with its history' } }, (req) =>
    p.setStatus(authOf(req), req.params.id, 'archived'),
  );
  app.post('/products/:id/restore', { config: { access: 'catalog.manage' }, schema: { tags, params: ProductParams } }, (req) => p.setStatus(authOf(req), req.params.id, 'active'));
  app.put('/products/:id/units/:unit', { config: { access: 'catalog.manage' }, schema: { tags, params: UnitParams, body: SetUnitBody, description: 'Pack unit: factor in thousandths of the base unit (箱 of 24 → 24000)' } }, (req) =>
    p.setUnit(authOf(req), req.params.id, req.params.unit, req.body.factor),
  );
  app.delete('/products/:id/units/:unit', { config: { access: 'catalog.manage' }, schema: { tags, params: UnitParams } }, (req) => p.removeUnit(authOf(req), req.params.id, req.params.unit));
  app.post('/products/:id/barcodes', { config: { access: 'catalog.manage' }, schema: { tags, params: ProductParams, body: BarcodeDef } }, async (req, reply) =>
    reply.code(201).send(await p.addBarcode(authOf(req), req.params.id, req.body)),
  );
  app.delete('/products/:id/barcodes/:code', { config: { access: 'catalog.manage' }, schema: { tags, params: BarcodeParams } }, (req) =>
    p.removeBarcode(authOf(req), req.params.id, req.params.code),
  );
  app.put('/products/:id/stock-limits/:storeId', { config: { access: 'catalog.manage' }, schema: { tags, params: StoreLimitParams, body: StockLimitBody } }, (req) =>
    p.setStockLimit(authOf(req), req.params.id, req.params.storeId, req.body),
  );
  app.delete('/products/:id/stock-limits/:storeId', { config: { access: 'catalog.manage' }, schema: { tags, params: StoreLimitParams } }, (req) =>
    p.removeStockLimit(authOf(req), req.params.id, req.params.storeId),
  );
}
