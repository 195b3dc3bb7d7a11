import { CurrentShiftQuery, OpenShiftBody } from '../../../contracts/shifts';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { Services } from '../../services';

export function shiftsRoutes(app: ZodApp, s: Services) {
  app.post('/shifts', { config: { access: 'shifts.open' }, schema: { tags: ['shifts'], body: OpenShiftBody, description: 'Open a shift on a register with its float' } }, async (req, reply) => {
    const r = await s.shifts.open(authOf(req), req.body);
    return reply.code(r.created ? 201 : 200).send(r.shift);
  });
  app.get('/shifts/current', { config: { access: 'shifts.read' }, schema: { tags: ['shifts'], querystring: CurrentShiftQuery, description: 'The open shift of a register (404 no_open_shift when none)' } }, (req) =>
    s.shifts.current(authOf(req), req.query.registerId),
  );
}
