import { SaleBody, SaleReviewQuery } from '../../../contracts/sales';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { Services } from '../../services';

export function salesRoutes(app: ZodApp, s: Services) {
  app.post(
    '/sales',
    {
      config: { access: 'sales.create' },
      schema: { tags: ['sales'], body: SaleBody, description: 'Post a sale (201); a retry of the same id answers 200 with the same body' },
    },
    async (req, reply) => {
      const outcome = await s.sales.post(authOf(req), req.body);
      return reply.code(outcome.replayed ? 200 : 201).send(outcome.document);
    },
  );
  app.get('/sales/review', { config: { access: 'sales.review' }, schema: { tags: ['sales'], querystring: SaleReviewQuery, description: 'Sales flagged for review' } }, (req) =>
    s.sales.review(authOf(req), req.query),
  );
}
