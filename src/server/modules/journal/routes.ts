import { IdParams } from '../../../contracts/common';
import {
  DocumentIdParams,
  ManualEntryApproveBody,
  ManualEntryCreateBody,
  ManualEntryListQuery,
  ManualEntryPatchBody,
  ManualEntryRejectBody,
  ReverseBody,
  YearEndCloseBody,
} from '../../../contracts/journal';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { PostOutcome } from '../../posting/types';
import type { Services } from '../../services';

/** A first posting answers 201; a replay answers 200 with the same body. */
const status = (o: PostOutcome) => (o.replayed ? 200 : 201);

export function journalRoutes(app: ZodApp, s: Services) {
  const tags = ['journal'];
  app.get('/journal/manual-entries', { config: { access: 'journal.read' }, schema: { tags, querystring: ManualEntryListQuery } }, (req) =>
    s.manualEntries.list(authOf(req), req.query),
  );
  app.get('/journal/manual-entries/:id', { config: { access: 'journal.read' }, schema: { tags, params: IdParams } }, (req) =>
    s.manualEntries.get(authOf(req), req.params.id),
  );
  app.post('/journal/manual-entries', { config: { access: 'journal.draft' }, schema: { tags, body: ManualEntryCreateBody } }, async (req, reply) => {
    const r = await s.manualEntries.create(authOf(req), req.body);
    return reply.code(r.created ? 201 : 200).send(r.entry);
  });
  app.patch('/journal/manual-entries/:id', { config: { access: 'journal.draft' }, schema: { tags, params: IdParams, body: ManualEntryPatchBody } }, (req) =>
    s.manualEntries.update(authOf(req), req.params.id, req.body),
  );
  app.post('/journal/manual-entries/:id/approve', { config: { access: 'journal.approve' }, schema: { tags, params: IdParams, body: ManualEntryApproveBody } }, async (req, reply) => {
    const r = await s.manualEntries.approve(authOf(req), req.params.id, req.body ?? {});
    return reply.code(status(r)).send(r.document);
  });
  app.post('/journal/manual-entries/:id/reject', { config: { access: 'journal.approve' }, schema: { tags, params: IdParams, body: ManualEntryRejectBody } }, (req) =>
    s.manualEntries.reject(authOf(req), req.params.id, req.body.reason),
  );
  app.post('/journal/documents/:documentId/reverse', { config: { access: 'journal.approve' }, schema: { tags, params: DocumentIdParams, body: ReverseBody } }, async (req, reply) => {
    const r = await s.reversals.reverse(authOf(req), req.params.documentId, req.body);
    return reply.code(status(r)).send(r.document);
  });
  app.post('/books/year-end-close', { config: { access: 'books.lock' }, schema: { tags, body: YearEndCloseBody } }, async (req, reply) =>
    reply.code(201).send(await s.yearEndClose.close(authOf(req), req.body.year)),
  );
  app.get('/books/year-end-closes', { config: { access: 'accounts.read' }, schema: { tags } }, (req) => s.yearEndClose.list(authOf(req)));
}
