import { z } from 'zod';
import { ExportParams, IdParams } from '../../../contracts/common';
import { PostFeesBody, SETTLEMENT_BODY_LIMIT, SettlementListQuery, SettlementUploadBody } from '../../../contracts/reconciliation';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { Services } from '../../services';
import { renderExport, sendExport } from '../../export/table-export';
import { settlementTable } from './settlement-table';

export function reconciliationRoutes(app: ZodApp, s: Services) {
  const tags = ['reconciliation'];
  // The file travels as base64 in JSON, above the global 1 MiB body limit.
  app.post(
    '/reconciliation/settlements',
    { bodyLimit: SETTLEMENT_BODY_LIMIT, config: { access: 'journal.post' }, schema: { tags, body: SettlementUploadBody } },
    async (req, reply) => {
      const { created, view } = await s.reconciliation.upload(authOf(req), req.body);
      return reply.code(created ? 201 : 200).send(view);
    },
  );
  app.get('/reconciliation/settlements', { config: { access: 'journal.read' }, schema: { tags, querystring: SettlementListQuery } }, (req) => s.reconciliation.list(authOf(req), req.query));
  // JSON, or with `format=csv|xlsx|pdf` every row with its status as a file.
  app.get(
    '/reconciliation/settlements/:id',
    { config: { access: 'journal.read' }, schema: { tags, params: IdParams, querystring: z.strictObject(ExportParams) } },
    async (req, reply) => {
      const view = await s.reconciliation.view(authOf(req), req.params.id);
      if (!req.query.format) return view;
      return sendExport(reply, await renderExport(settlementTable(view, req.query.lang), req.query.format));
    },
  );
  app.post(
    '/reconciliation/settlements/:id/post-fees',
    { config: { access: 'journal.post' }, schema: { tags, params: IdParams, body: PostFeesBody } },
    async (req, reply) => {
      const { replayed, document } = await s.reconciliation.postFees(authOf(req), req.params.id, req.body ?? {});
      return reply.code(replayed ? 200 : 201).send(document);
    },
  );
}
