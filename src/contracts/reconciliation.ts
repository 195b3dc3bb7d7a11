// Payment reconciliation (对账): a provider settlement file against our wallet payments.
import { z } from 'zod';
import { Id, Paging } from './common';

const MIB = 1024 * 1024;
/** A month of a busy store's bill is a few MiB; base64 is 4/3 of it. */
export const SETTLEMENT_MAX_FILE_BYTES = 20 * MIB;
export const SETTLEMENT_BODY_LIMIT = 28 * MIB;

const BusinessDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'A date as YYYY-MM-DD');

export const SettlementUploadBody = z.strictObject({
  fileName: z.string().trim().min(1).max(255),
  contentBase64: z
    .string()
    .min(1)
    .max(Math.ceil(SETTLEMENT_MAX_FILE_BYTES / 3) * 4 + 1024)
    .describe('The settlement CSV (WeChat Pay 交易账单 or Alipay 业务明细), base64-encoded; UTF-8 or GBK'),
  provider: z.enum(['wechat', 'alipay']).optional().describe('Only needed when the file does not say'),
  storeId: Id.optional().describe('The store whose merchant account the file is; company-wide without'),
  from: BusinessDate.optional().describe('First business date to reconcile; default: the file’s first day'),
  to: BusinessDate.optional().describe('Last business date to reconcile; default: the file’s last day'),
});

export const SettlementListQuery = z.strictObject({ ...Paging });

export const PostFeesBody = z.strictObject({
  storeId: Id.optional().describe('Store whose books carry the fees; default: the settlement’s store'),
});
