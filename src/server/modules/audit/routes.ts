import { AuditQuery } from '../../../contracts/audit';
import { authOf, type ZodApp } from '../../http/zod-app';
import { listHandlers } from '../../lists/list-exports';
import type { Services } from '../../services';

export function auditRoutes(app: ZodApp, s: Services) {
  app.get('/audit', { config: { access: 'audit.read' }, schema: { tags: ['audit'], querystring: AuditQuery } }, listHandlers(s).audit);
  app.get('/audit/export', { config: { access: 'audit.read' }, schema: { tags: ['audit'], querystring: AuditQuery } }, async (req, reply) => {
    const csv = await s.audit.exportCsv(authOf(req), req.query);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit.csv"')
      .send('\uFEFF' + csv);
  });
}
