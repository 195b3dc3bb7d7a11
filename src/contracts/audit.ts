import { z } from 'zod';
import { Id, Paging } from './common';

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z?)?$/, 'YYYY-MM-DD or an ISO instant');

export const AuditQuery = z.strictObject({
  chain: z.string().max(80).optional(),
  action: z.string().max(80).optional(),
  actorId: Id.optional(),
  storeId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  ...Paging,
});
