import { IdParams } from '../../../contracts/common';
import { CloseTransferBody, ReceiveTransferBody, ShipTransferBody, TransferListQuery } from '../../../contracts/transfers';
import { authOf, type ZodApp } from '../../http/zod-app';
import { listHandlers } from '../../lists/list-exports';
import type { Services } from '../../services';

// Documents: the first posting answers 201; a replay of the same client id answers 200 with the same body.
export function transfersRoutes(app: ZodApp, s: Services) {
  const tags = ['transfers'];
  app.get('/transfers', { config: { access: 'stock.read' }, schema: { tags, querystring: TransferListQuery } }, listHandlers(s).transfers);
  app.get('/transfers/:id', { config: { access: 'stock.read' }, schema: { tags, params: IdParams } }, (req) => s.transfers.get(authOf(req), req.params.id));
  app.post('/transfers', { config: { access: 'stock.transfer' }, schema: { tags, body: ShipTransferBody } }, async (req, reply) => {
    const outcome = await s.transfers.ship(authOf(req), req.body);
    return reply.code(outcome.replayed ? 200 : 201).send(outcome.document);
  });
  app.post('/transfers/:id/receipts', { config: { access: 'stock.transfer' }, schema: { tags, params: IdParams, body: ReceiveTransferBody } }, async (req, reply) => {
    const outcome = await s.transfers.receive(authOf(req), req.params.id, req.body);
    return reply.code(outcome.replayed ? 200 : 201).send(outcome.document);
  });
  app.post('/transfers/:id/close', { config: { access: 'stock.transfer' }, schema: { tags, params: IdParams, body: CloseTransferBody } }, async (req, reply) => {
    const outcome = await s.transfers.close(authOf(req), req.params.id, req.body);
    return reply.code(outcome.replayed ? 200 : 201).send(outcome.document);
  });
}
