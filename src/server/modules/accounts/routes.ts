import { z } from 'zod';
import { Id } from '../../../contracts/common';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { Services } from '../../services';

export function accountsRoutes(app: ZodApp, s: Services) {
  app.get('/accounts', { config: { access: 'accounts.read' }, schema: { tags: ['accounts'] } }, (req) => s.accounts.chart(authOf(req)));
  app.get(
    '/accounts/trial-balance',
    { config: { access: 'accounts.read' }, schema: { tags: ['accounts'], querystring: z.strictObject({ storeId: Id.optional() }) } },
    (req) => s.accounts.trialBalance(authOf(req), req.query.storeId),
  );
}
