import { z } from 'zod';
import { ExportParams, Id, Paging, sortParam } from './common';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, 'YYYY-MM-DD or an ISO instant');

export const AUDIT_SORTS = ['at', 'action', 'chain'] as const;
export const AuditQuery = z.strictObject({
  chain: z.string().max(80).optional(),
  action: z.string().max(80).optional(),
  actorId: Id.optional(),
  storeId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  sort: sortParam(AUDIT_SORTS, '-at'),
  ...ExportParams,
  ...Paging,
});
