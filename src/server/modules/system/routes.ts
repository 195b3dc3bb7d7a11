import { z } from 'zod';
import { sql } from 'kysely';
import type { AppOptions } from '../../app';
import type { ZodApp } from '../../http/zod-app';
import type { Services } from '../../services';
import { verifyAll } from '../../verify/verify';

const Health = z.object({ status: z.string(), db: z.string(), version: z.string() });

export function systemRoutes(app: ZodApp, s: Services, opts: AppOptions) {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], response: { 200: Health, 503: Health } },
    },
    async (_req, reply) => {
      try {
        await sql`SELECT 1`.execute(s.db);
        return { status: 'ok', db: s.database.info.name, version: opts.version };
      } catch {
        return reply.code(503).send({ status: 'db_unavailable', db: s.database.info.name, version: opts.version });
      }
    },
  );

  app.get('/verify', { config: { access: 'audit.read' }, schema: { tags: ['system'] } }, () => verifyAll(s.db));
}
