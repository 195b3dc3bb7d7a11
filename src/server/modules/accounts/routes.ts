import { AccountCreateBody, AccountParams, AccountPatchBody, LockDateBody } from '../../../contracts/accounting';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { Services } from '../../services';

export function accountsRoutes(app: ZodApp, s: Services) {
  app.get('/accounts', { config: { access: 'accounts.read' }, schema: { tags: ['accounts'] } }, (req) => s.accounts.chart(authOf(req)));
  app.post('/accounts', { config: { access: 'accounts.manage' }, schema: { tags: ['accounts'], body: AccountCreateBody } }, async (req, reply) =>
    reply.code(201).send(await s.accounts.create(authOf(req), req.body)),
  );
  app.patch('/accounts/:code', { config: { access: 'accounts.manage' }, schema: { tags: ['accounts'], params: AccountParams, body: AccountPatchBody } }, (req) =>
    s.accounts.update(authOf(req), req.params.code, req.body),
  );
  app.get('/books/lock-date', { config: { access: 'accounts.read' }, schema: { tags: ['accounts'] } }, (req) => s.accounts.lockDate(authOf(req)));
  app.put('/books/lock-date', { config: { access: 'books.lock' }, schema: { tags: ['accounts'], body: LockDateBody } }, (req) =>
    s.accounts.setLockDate(authOf(req), req.body.lockDate),
  );
}
