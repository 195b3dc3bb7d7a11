import { IdParams } from '../../../contracts/common';
import { CreateUserBody, PasswordBody, PinBody, RolesBody, UpdateUserBody, UserListQuery } from '../../../contracts/users';
import { authOf, type ZodApp } from '../../http/zod-app';
import { listHandlers } from '../../lists/list-exports';
import type { Services } from '../../services';

export function usersRoutes(app: ZodApp, s: Services) {
  const opts = { config: { access: 'users.manage' as const } };
  app.get('/users', { ...opts, schema: { tags: ['users'], querystring: UserListQuery } }, listHandlers(s).users);
  app.get('/users/:id', { ...opts, schema: { tags: ['users'], params: IdParams } }, (req) => s.users.get(authOf(req), req.params.id));
  app.post('/users', { ...opts, schema: { tags: ['users'], body: CreateUserBody } }, async (req, reply) =>
    reply.code(201).send(await s.users.create(authOf(req), req.body)),
  );
  app.patch('/users/:id', { ...opts, schema: { tags: ['users'], params: IdParams, body: UpdateUserBody } }, (req) =>
    s.users.update(authOf(req), req.params.id, req.body),
  );
  app.put('/users/:id/roles', { ...opts, schema: { tags: ['users'], params: IdParams, body: RolesBody } }, (req) =>
    s.users.setRoles(authOf(req), req.params.id, req.body.roles),
  );
  app.post('/users/:id/password', { ...opts, schema: { tags: ['users'], params: IdParams, body: PasswordBody } }, async (req, reply) => {
    await s.users.resetPassword(authOf(req), req.params.id, req.body.password);
    return reply.code(204).send();
  });
  app.post('/users/:id/pin', { ...opts, schema: { tags: ['users'], params: IdParams, body: PinBody } }, async (req, reply) => {
    await s.users.setPin(authOf(req), req.params.id, req.body.pin);
    return reply.code(204).send();
  });
}
