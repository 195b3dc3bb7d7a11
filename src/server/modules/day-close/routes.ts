import { DayCloseBody, DayCloseParams, DayCloseQuery } from '../../../contracts/shifts';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { Services } from '../../services';

export function dayCloseRoutes(app: ZodApp, s: Services) {
  app.post(
    '/stores/:id/day-close',
    { config: { access: 'stores.day_close' }, schema: { tags: ['shifts'], params: DayCloseParams, body: DayCloseBody, description: 'Day close (日结) once every shift of the date is closed' } },
    async (req, reply) => {
      const r = await s.dayClose.close(authOf(req), req.params.id, req.body);
      return reply.code(r.created ? 201 : 200).send(r.view);
    },
  );
  app.get(
    '/stores/:id/day-close',
    { config: { access: 'shifts.read' }, schema: { tags: ['shifts'], params: DayCloseParams, querystring: DayCloseQuery, description: 'The day’s summary: recorded at day close, or so far' } },
    (req) => s.dayClose.get(authOf(req), req.params.id, req.query.businessDate),
  );
}
