import { IdParams } from '../../../contracts/common';
import { CreateLocationBody, CreateRegisterBody, CreateStoreBody, LocationListQuery, RegisterListQuery, StoreListQuery, UpdateStoreBody } from '../../../contracts/stores';
import { authOf, type ZodApp } from '../../http/zod-app';
import { listHandlers } from '../../lists/list-exports';
import type { Services } from '../../services';

export function storesRoutes(app: ZodApp, s: Services) {
  app.get('/stores', { config: { access: 'stores.read' }, schema: { tags: ['stores'], querystring: StoreListQuery } }, listHandlers(s).stores);
  app.get('/stores/:id', { config: { access: 'stores.read' }, schema: { tags: ['stores'], params: IdParams } }, (req) =>
    s.stores.get(authOf(req), req.params.id),
  );
  app.post('/stores', { config: { access: 'stores.manage' }, schema: { tags: ['stores'], body: CreateStoreBody } }, async (req, reply) =>
    reply.code(201).send(await s.stores.create(authOf(req), req.body)),
  );
  app.patch('/stores/:id', { config: { access: 'stores.manage' }, schema: { tags: ['stores'], params: IdParams, body: UpdateStoreBody } }, (req) =>
    s.stores.update(authOf(req), req.params.id, req.body),
  );
  app.get('/registers', { config: { access: 'stores.read' }, schema: { tags: ['stores'], querystring: RegisterListQuery } }, (req) =>
    s.stores.listRegisters(authOf(req), req.query),
  );
  app.post('/registers', { config: { access: 'registers.manage' }, schema: { tags: ['stores'], body: CreateRegisterBody } }, async (req, reply) =>
    reply.code(201).send(await s.stores.createRegister(authOf(req), req.body)),
  );
  app.get('/locations', { config: { access: 'stores.read' }, schema: { tags: ['stores'], querystring: LocationListQuery } }, (req) =>
    s.stores.listLocations(authOf(req), req.query),
  );
  app.post(
    '/locations',
    { config: { access: 'stores.manage' }, schema: { tags: ['stores'], body: CreateLocationBody, description: 'Add a warehouse (or another sales floor) to a store' } },
    async (req, reply) => reply.code(201).send(await s.stores.createLocation(authOf(req), req.body)),
  );
  app.post(
    '/registers/:id/pair',
    { config: { access: 'registers.manage' }, schema: { tags: ['stores'], params: IdParams, description: 'Issue the device token a till uses (shown once)' } },
    (req) => s.stores.pairRegister(authOf(req), req.params.id),
  );
  app.post(
    '/registers/:id/unpair',
    { config: { access: 'registers.manage' }, schema: { tags: ['stores'], params: IdParams, description: 'Revoke the device token and end the till sessions of this register' } },
    (req) => s.stores.unpairRegister(authOf(req), req.params.id),
  );
}
