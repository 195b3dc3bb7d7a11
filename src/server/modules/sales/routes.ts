import { SaleBody, SaleFlagsReviewBody, SaleReviewQuery, SalesListQuery } from '../../../contracts/sales';
import { authOf, type ZodApp } from '../../http/zod-app';
import { receiptLinks } from '../receipts/routes';
import { listHandlers } from '../../lists/list-exports';
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
      // A training sale creates nothing: 200.
      const links = outcome.document.training ? {} : { links: receiptLinks(outcome.document.id) };
      return reply.code(outcome.replayed || outcome.document.training ? 200 : 201).send({ ...outcome.document, ...links });
    },
  );
  app.get('/sales', { config: { access: 'sales.read' }, schema: { tags: ['sales'], querystring: SalesListQuery, description: 'Sales journal: sales, returns, exchanges and voids, newest first by default' } }, listHandlers(s).sales);
  app.get('/sales/review', { config: { access: 'sales.review' }, schema: { tags: ['sales'], querystring: SaleReviewQuery, description: 'Sales flagged for review' } }, (req) =>
    s.sales.review(authOf(req), req.query),
  );
  app.post(
    '/sales/review',
    { config: { access: 'sales.review_resolve' }, schema: { tags: ['sales'], body: SaleFlagsReviewBody, description: 'Mark review flags of one store as reviewed, with a note (all or none)' } },
    (req) => s.sales.markReviewed(authOf(req), req.body),
  );
}
