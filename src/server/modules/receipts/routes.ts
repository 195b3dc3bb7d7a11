import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../../contracts/common';
import { authOf, type ZodApp } from '../../http/zod-app';
import type { Services } from '../../services';
import type { RenderedReceipt } from './service';

const Width = z.enum(['58', '80']).default('80').transform((w) => Number(w) as 58 | 80).describe('Paper width in mm');
const Flag = z.enum(['0', '1']).default('0').transform((f) => f === '1');
const HtmlQuery = z.strictObject({ width: Width, copy: Flag.describe('1: a reprint, marked COPY and audited') });
const EscPosQuery = z.strictObject({ width: Width, copy: Flag.describe('1: a reprint, marked COPY and audited'), drawer: Flag.describe('1: kick the cash drawer (never on a copy)') });
const ReprintBody = z.strictObject({ format: z.enum(['html', 'escpos']), width: z.union([z.literal(58), z.literal(80)]).default(80) });

export function receiptsRoutes(app: ZodApp, s: Services) {
  app.get(
    '/sales/:id/receipt.html',
    { config: { access: 'sales.read' }, schema: { tags: ['sales'], params: IdParams, querystring: HtmlQuery, description: 'Printable HTML receipt (58 / 80 mm)' } },
    async (req, reply) => send(reply, await s.receipts.render(authOf(req), req.params.id, { format: 'html', ...req.query })),
  );
  app.get(
    '/sales/:id/receipt.escpos',
    { config: { access: 'sales.read' }, schema: { tags: ['sales'], params: IdParams, querystring: EscPosQuery, description: 'ESC/POS bytes of the receipt (GBK text)' } },
    async (req, reply) => send(reply, await s.receipts.render(authOf(req), req.params.id, { format: 'escpos', ...req.query })),
  );
  app.post(
    '/sales/:id/reprint',
    { config: { access: 'receipts.reprint' }, schema: { tags: ['sales'], params: IdParams, body: ReprintBody, description: 'Reprint a receipt (重印): a COPY, numbered and audited' } },
    async (req, reply) => send(reply, await s.receipts.reprint(authOf(req), req.params.id, req.body)),
  );
}

function send(reply: FastifyReply, r: RenderedReceipt) {
  if (r.printNo !== null) reply.header('receipt-copy', String(r.printNo));
  reply.type(r.contentType);
  return reply.send(typeof r.body === 'string' ? r.body : Buffer.from(r.body.buffer, r.body.byteOffset, r.body.byteLength));
}

/** Where a checkout document's receipt is printed from; the sale response carries these. */
export function receiptLinks(documentId: string) {
  return { html: `/api/v1/sales/${documentId}/receipt.html`, escpos: `/api/v1/sales/${documentId}/receipt.escpos` };
}
