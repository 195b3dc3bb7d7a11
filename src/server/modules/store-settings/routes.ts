import { IdParams } from '../../../contracts/common';
import { UpdateCheckoutSettingsBody } from '../../../contracts/store-settings';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { Services } from '../../services';

export function storeSettingsRoutes(app: ZodApp, s: Services) {
  app.get('/stores/:id/settings', { config: { access: 'stores.read' }, schema: { tags: ['stores'], params: IdParams, description: 'Checkout settings: 抹零, oversell, scale labels, discount limit' } }, (req) =>
    s.storeSettings.get(authOf(req), req.params.id),
  );
  app.put('/stores/:id/settings', { config: { access: 'stores.manage' }, schema: { tags: ['stores'], params: IdParams, body: UpdateCheckoutSettingsBody, description: 'Set some checkout settings; the others are kept' } }, (req) =>
    s.storeSettings.update(authOf(req), req.params.id, req.body),
  );
}
