import { IdParams } from '../../../contracts/common';
import { CloseShiftBody, CurrentShiftQuery, OpenShiftBody, ShiftListQuery } from '../../../contracts/shifts';
import { authOf, type ZodApp } from '../../http/zod-app';
import { listHandlers } from '../../lists/list-exports';
import type { Services } from '../../services';

export function shiftsRoutes(app: ZodApp, s: Services) {
  app.post('/shifts', { config: { access: 'shifts.open' }, schema: { tags: ['shifts'], body: OpenShiftBody, description: 'Open a shift on a register with its float' } }, async (req, reply) => {
    const r = await s.shifts.open(authOf(req), req.body);
    return reply.code(r.created ? 201 : 200).send(r.shift);
  });
  app.get('/shifts', { config: { access: 'shifts.read' }, schema: { tags: ['shifts'], querystring: ShiftListQuery, description: 'Shifts of a store by business date, with over/short once closed' } }, listHandlers(s).shifts);
  app.get('/shifts/current', { config: { access: 'shifts.read' }, schema: { tags: ['shifts'], querystring: CurrentShiftQuery, description: 'The open shift of a register (404 no_open_shift when none)' } }, (req) =>
    s.shifts.current(authOf(req), req.query.registerId),
  );
  app.get('/shifts/:id/x-report', { config: { access: 'shifts.read' }, schema: { tags: ['shifts'], params: IdParams, description: 'X report: the shift’s takings so far, read only' } }, (req) =>
    s.shifts.xReport(authOf(req), req.params.id),
  );
  app.post(
    '/shifts/:id/close',
    { config: { access: 'shifts.close' }, schema: { tags: ['shifts'], params: IdParams, body: CloseShiftBody, description: 'Close a shift (交接班) with the drawer count; over/short is posted' } },
    async (req, reply) => {
      const outcome = await s.shifts.close(authOf(req), req.params.id, req.body);
      return reply.code(outcome.replayed ? 200 : 201).send(outcome.document);
    },
  );
}
