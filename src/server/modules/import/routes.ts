import { ExportQuery, IMPORT_BODY_LIMIT, ImportBody } from '../../../contracts/import';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { Services } from '../../services';

export function importRoutes(app: ZodApp, s: Services) {
  // The file travels as base64 in JSON, so this one route takes bodies far above the global 1 MiB.
  app.post(
    '/imports',
    { bodyLimit: IMPORT_BODY_LIMIT, config: { access: 'import.run' }, schema: { tags: ['import'], body: ImportBody } },
    async (req, reply) => {
      const report = await s.imports.run(authOf(req), req.body);
      return reply.code(report.committed ? 201 : 200).send(report);
    },
  );
  app.get('/exports/products', { config: { access: 'stock.read' }, schema: { tags: ['import'], querystring: ExportQuery } }, async (req, reply) => {
    const file = await s.exports.products(authOf(req), req.query);
    return reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.body);
  });
}
