import { LabelsQuery } from '../../../contracts/import';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { Services } from '../../services';

export function labelsRoutes(app: ZodApp, s: Services) {
  app.get('/labels', { config: { access: 'products.read' }, schema: { tags: ['labels'], querystring: LabelsQuery } }, async (req, reply) => {
    const pdf = await s.labels.pdf(authOf(req), req.query);
    return reply.type('application/pdf').header('content-disposition', 'inline; filename="labels.pdf"').send(pdf);
  });
}
