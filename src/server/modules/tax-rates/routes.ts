import { TaxRateCreateBody, TaxRateParams, TaxRatePutBody } from '../../../contracts/tax-rates';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { Services } from '../../services';

// Managing the rates takes the permission that manages the chart of accounts (owner / finance).
export function taxRatesRoutes(app: ZodApp, s: Services) {
  app.get('/tax-rates', { config: { access: 'authenticated' }, schema: { tags: ['tax-rates'], description: "The company's tax rates in display order" } }, (req) =>
    s.taxRates.list(authOf(req)),
  );
  app.post('/tax-rates', { config: { access: 'accounts.manage' }, schema: { tags: ['tax-rates'], body: TaxRateCreateBody } }, async (req, reply) =>
    reply.code(201).send(await s.taxRates.create(authOf(req), req.body)),
  );
  app.put('/tax-rates/:rate', { config: { access: 'accounts.manage' }, schema: { tags: ['tax-rates'], params: TaxRateParams, body: TaxRatePutBody } }, (req) =>
    s.taxRates.update(authOf(req), req.params.rate, req.body),
  );
}
