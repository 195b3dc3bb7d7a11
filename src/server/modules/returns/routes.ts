import { ExchangeBody, ReturnBody, SaleLookupQuery, SaleNumberParams, VoidBody } from '../../../contracts/returns';
import { IdParams } from '../../../contracts/common';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { Services } from '../../services';

export function returnsRoutes(app: ZodApp, s: Services) {
  const posted = (outcome: { replayed: boolean; document: object; walletRefunds: unknown[] }) => ({ ...outcome.document, walletRefunds: outcome.walletRefunds });
  app.post(
    '/returns',
    { config: { access: 'sales.return' }, schema: { tags: ['sales'], body: ReturnBody, description: 'Return goods of a sale (退货), or without receipt with approval; 201, a retry 200' } },
    async (req, reply) => {
      const outcome = await s.returns.postReturn(authOf(req), req.body);
      return reply.code(outcome.replayed ? 200 : 201).send(posted(outcome));
    },
  );
  app.post(
    '/exchanges',
    { config: { access: 'sales.return' }, schema: { tags: ['sales'], body: ExchangeBody, description: 'Exchange (换货): a return and a sale in one document with a net payment' } },
    async (req, reply) => {
      const outcome = await s.returns.postExchange(authOf(req), req.body);
      return reply.code(outcome.replayed ? 200 : 201).send(posted(outcome));
    },
  );
  app.post(
    '/voids',
    { config: { access: 'sales.create' }, schema: { tags: ['sales'], body: VoidBody, description: 'Void (作废) a sale inside its open shift, with approval sale.void' } },
    async (req, reply) => {
      const outcome = await s.returns.postVoid(authOf(req), req.body);
      return reply.code(outcome.replayed ? 200 : 201).send(posted(outcome));
    },
  );
  app.get(
    '/sales/by-number/:number',
    { config: { access: 'sales.read' }, schema: { tags: ['sales'], params: SaleNumberParams, querystring: SaleLookupQuery, description: 'A sale or exchange by receipt number, with what is left to return per line' } },
    (req) => s.returns.sale(authOf(req), { saleNumber: req.params.number }, req.query.registerId),
  );
  app.get(
    '/sales/:id',
    { config: { access: 'sales.read' }, schema: { tags: ['sales'], params: IdParams, querystring: SaleLookupQuery, description: 'A sale or exchange with what is left to return per line' } },
    (req) => s.returns.sale(authOf(req), { saleId: req.params.id }, req.query.registerId),
  );
}
