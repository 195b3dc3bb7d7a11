import { z } from 'zod';
import { ClientId, Fen, Id } from './common';

export const OpenShiftBody = z.strictObject({
  id: ClientId,
  registerId: Id,
  openingFloat: Fen.describe('Cash in the drawer at the start of the shift (备用金), in fen'),
});

export const CurrentShiftQuery = z.strictObject({ registerId: Id });
