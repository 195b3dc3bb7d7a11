import { IdParams } from '../../../contracts/common';
import { CashMovementBody, DocumentListQuery, OpeningBalanceBody } from '../../../contracts/documents';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { PostOutcome } from '../../posting/types';
import { listHandlers } from '../../lists/list-exports';
import type { Services } from '../../services';

/** First posting answers 201; a replay of the same client id answers 200 with the same body. */
function posted(outcome: PostOutcome) {
  return { status: outcome.replayed ? 200 : 201, body: outcome.document };
}

export function documentsRoutes(app: ZodApp, s: Services) {
  app.get('/documents', { config: { access: 'documents.read' }, schema: { tags: ['documents'], querystring: DocumentListQuery } }, listHandlers(s).documents);
  app.get('/documents/:id', { config: { access: 'documents.read' }, schema: { tags: ['documents'], params: IdParams } }, (req) =>
    s.documents.get(authOf(req), req.params.id),
  );
  app.post('/documents/opening-balances', { config: { access: 'opening.post' }, schema: { tags: ['documents'], body: OpeningBalanceBody } }, async (req, reply) => {
    const r = posted(await s.documents.postOpeningBalance(authOf(req), req.body));
    return reply.code(r.status).send(r.body);
  });
  app.post('/documents/cash-movements', { config: { access: 'cash.move' }, schema: { tags: ['documents'], body: CashMovementBody } }, async (req, reply) => {
    const r = posted(await s.documents.postCashMovement(authOf(req), req.body));
    return reply.code(r.status).send(r.body);
  });
}
