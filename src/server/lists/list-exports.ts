// The columns every back-office list exports, with headers in both office languages. Each list
// reads its rows through its own service call (filters, store scope and sort included); the
// route answers `format=csv|xlsx|pdf` through listHandler (list-export.ts).
import type { z } from 'zod';
import type { AuditQuery } from '../../contracts/audit';
import type { PriceChangeListQuery, ProductListQuery, SupplierListQuery } from '../../contracts/catalog';
import type { DocumentListQuery } from '../../contracts/documents';
import type { AlertsQuery, BatchStockQuery, OnHandQuery } from '../../contracts/inventory';
import type { SalesListQuery } from '../../contracts/sales';
import type { ShiftListQuery } from '../../contracts/shifts';
import type { StocktakeListQuery } from '../../contracts/stocktakes';
import type { StoreListQuery } from '../../contracts/stores';
import type { TransferListQuery } from '../../contracts/transfers';
import type { UserListQuery } from '../../contracts/users';
import type { AuthContext } from '../auth/auth-context';
import type { Services } from '../services';
import { listExport, listHandler, type ListExport, type ListParams } from './list-export';

type Q<S extends z.ZodType> = z.output<S>;
/** The row type a list call returns. */
type RowOf<F extends (auth: AuthContext, q: never) => Promise<{ items: unknown[] }>> = Awaited<ReturnType<F>>['items'][number];

const yesNo = (b: boolean) => (b ? 'Y' : 'N');

export function listExports(s: Services) {
  const { products, suppliers, prices } = s.catalog;
  return {
    products: listExport<Q<typeof ProductListQuery>, RowOf<typeof products.list>>({
      title: ['商品', 'Products'],
      fileName: 'products',
      page: (a, q) => products.list(a, q),
      columns: [
        { header: ['编码', 'SKU'], kind: 'text', value: (r) => r.sku, width: 16 },
        { header: ['名称', 'Name'], kind: 'text', value: (r) => r.name, width: 28 },
        { header: ['规格', 'Spec'], kind: 'text', value: (r) => r.spec },
        { header: ['单位', 'Unit'], kind: 'text', value: (r) => r.unit, width: 6 },
        { header: ['条码', 'Barcodes'], kind: 'text', value: (r) => r.barcodes.map((b) => b.code).join(';'), width: 22 },
        { header: ['零售价', 'Price'], kind: 'money', value: (r) => r.price },
        { header: ['会员价', 'Member price'], kind: 'money', value: (r) => r.memberPrice },
        { header: ['税率', 'Tax rate'], kind: 'percentBp', value: (r) => r.taxRate },
        { header: ['状态', 'Status'], kind: 'text', value: (r) => r.status, width: 9 },
      ],
    }),
    suppliers: listExport<Q<typeof SupplierListQuery>, RowOf<typeof suppliers.list>>({
      title: ['供应商', 'Suppliers'],
      fileName: 'suppliers',
      page: (a, q) => suppliers.list(a, q),
      columns: [
        { header: ['编码', 'Code'], kind: 'text', value: (r) => r.code },
        { header: ['名称', 'Name'], kind: 'text', value: (r) => r.name, width: 28 },
        { header: ['联系人', 'Contact'], kind: 'text', value: (r) => r.contact },
        { header: ['电话', 'Phone'], kind: 'text', value: (r) => r.phone },
        { header: ['税号', 'Tax id'], kind: 'text', value: (r) => r.taxId, width: 20 },
        { header: ['账期(天)', 'Payment terms (days)'], kind: 'int', value: (r) => r.paymentTermsDays },
        { header: ['状态', 'Status'], kind: 'text', value: (r) => r.status, width: 9 },
      ],
    }),
    priceChanges: listExport<Q<typeof PriceChangeListQuery>, RowOf<typeof prices.list>>({
      title: ['调价单', 'Price changes'],
      fileName: 'price-changes',
      page: (a, q) => prices.list(a, q),
      columns: [
        { header: ['创建时间', 'Created'], kind: 'datetime', value: (r) => r.createdAt },
        { header: ['生效时间', 'Effective'], kind: 'datetime', value: (r) => r.effectiveAt },
        { header: ['状态', 'Status'], kind: 'text', value: (r) => r.status, width: 10 },
        { header: ['门店', 'Stores'], kind: 'text', value: (r) => (r.storeIds === 'all' ? 'all' : r.storeIds.join(';')) },
        { header: ['商品数', 'Lines'], kind: 'int', value: (r) => r.lines.length },
        { header: ['原因', 'Reason'], kind: 'text', value: (r) => r.reason, width: 30 },
      ],
    }),
    onHand: listExport<Q<typeof OnHandQuery>, RowOf<typeof s.inventory.onHand>>({
      title: ['库存', 'Stock on hand'],
      fileName: 'stock-on-hand',
      page: (a, q) => s.inventory.onHand(a, q),
      columns: [
        { header: ['编码', 'SKU'], kind: 'text', value: (r) => r.sku },
        { header: ['名称', 'Name'], kind: 'text', value: (r) => r.name, width: 28 },
        { header: ['单位', 'Unit'], kind: 'text', value: (r) => r.unit, width: 6 },
        { header: ['库位', 'Location'], kind: 'text', value: (r) => r.locationCode, width: 10 },
        { header: ['批号', 'Lot'], kind: 'text', value: (r) => r.lot, width: 12 },
        { header: ['到期日', 'Expiry'], kind: 'date', value: (r) => r.expiryDate },
        { header: ['数量', 'Qty'], kind: 'qty', value: (r) => r.qty },
        { header: ['成本金额', 'Value'], kind: 'money', value: (r) => r.value },
      ],
    }),
    batches: listExport<Q<typeof BatchStockQuery>, RowOf<typeof s.inventory.batches>>({
      title: ['批次库存', 'Stock by batch'],
      fileName: 'batches',
      page: (a, q) => s.inventory.batches(a, q),
      columns: [
        { header: ['编码', 'SKU'], kind: 'text', value: (r) => r.sku },
        { header: ['名称', 'Name'], kind: 'text', value: (r) => r.name, width: 28 },
        { header: ['批号', 'Lot'], kind: 'text', value: (r) => r.lot, width: 12 },
        { header: ['生产日期', 'Produced'], kind: 'date', value: (r) => r.productionDate },
        { header: ['到期日', 'Expiry'], kind: 'date', value: (r) => r.expiryDate },
        { header: ['剩余天数', 'Days left'], kind: 'int', value: (r) => r.daysToExpiry },
        { header: ['数量', 'Qty'], kind: 'qty', value: (r) => r.qty },
        { header: ['成本金额', 'Value'], kind: 'money', value: (r) => r.value },
      ],
    }),
    alerts: listExport<Q<typeof AlertsQuery>, RowOf<typeof s.inventory.alerts>>({
      title: ['库存预警', 'Stock alerts'],
      fileName: 'stock-alerts',
      page: (a, q) => s.inventory.alerts(a, q),
      columns: [
        { header: ['级别', 'Severity'], kind: 'text', value: (r) => r.severity, width: 9 },
        { header: ['类型', 'Kind'], kind: 'text', value: (r) => r.kind, width: 15 },
        { header: ['编码', 'SKU'], kind: 'text', value: (r) => r.sku },
        { header: ['名称', 'Name'], kind: 'text', value: (r) => r.name, width: 28 },
        { header: ['数量', 'Qty'], kind: 'qty', value: (r) => r.qty },
      ],
    }),
    documents: listExport<Q<typeof DocumentListQuery>, RowOf<typeof s.documents.list>>({
      title: ['单据', 'Documents'],
      fileName: 'documents',
      page: (a, q) => s.documents.list(a, q),
      columns: [
        { header: ['单号', 'Number'], kind: 'text', value: (r) => r.number, width: 20 },
        { header: ['类型', 'Type'], kind: 'text', value: (r) => r.type, width: 14 },
        { header: ['营业日', 'Business date'], kind: 'date', value: (r) => r.businessDate },
        { header: ['过账时间', 'Posted at'], kind: 'datetime', value: (r) => r.postedAt },
        { header: ['过账人', 'Posted by'], kind: 'text', value: (r) => r.postedByName },
        { header: ['备注', 'Memo'], kind: 'text', value: (r) => r.memo, width: 24 },
        { header: ['金额', 'Total'], kind: 'money', value: (r) => r.total },
      ],
    }),
    transfers: listExport<Q<typeof TransferListQuery>, RowOf<typeof s.transfers.list>>({
      title: ['调拨单', 'Transfers'],
      fileName: 'transfers',
      page: (a, q) => s.transfers.list(a, q),
      columns: [
        { header: ['创建时间', 'Created'], kind: 'datetime', value: (r) => r.createdAt },
        { header: ['调出门店', 'From'], kind: 'text', value: (r) => r.fromStoreCode, width: 10 },
        { header: ['调入门店', 'To'], kind: 'text', value: (r) => r.toStoreCode, width: 10 },
        { header: ['状态', 'Status'], kind: 'text', value: (r) => r.status, width: 10 },
        { header: ['行数', 'Lines'], kind: 'int', value: (r) => r.lineCount },
        { header: ['发出成本', 'Shipped value'], kind: 'money', value: (r) => r.totals.costValue },
        { header: ['收到成本', 'Received value'], kind: 'money', value: (r) => r.totals.costReceived },
        { header: ['备注', 'Memo'], kind: 'text', value: (r) => r.memo, width: 24 },
      ],
    }),
    stocktakes: listExport<Q<typeof StocktakeListQuery>, RowOf<typeof s.stocktakes.list>>({
      title: ['盘点单', 'Stocktakes'],
      fileName: 'stocktakes',
      page: (a, q) => s.stocktakes.list(a, q),
      columns: [
        { header: ['开始时间', 'Started'], kind: 'datetime', value: (r) => r.startedAt },
        { header: ['范围', 'Scope'], kind: 'text', value: (r) => r.scope, width: 10 },
        { header: ['状态', 'Status'], kind: 'text', value: (r) => r.status, width: 10 },
        { header: ['盲盘', 'Blind'], kind: 'text', value: (r) => yesNo(r.blind), width: 6 },
        { header: ['更新时间', 'Updated'], kind: 'datetime', value: (r) => r.updatedAt },
      ],
    }),
    sales: listExport<Q<typeof SalesListQuery>, RowOf<typeof s.sales.list>>({
      title: ['销售流水', 'Sales journal'],
      fileName: 'sales',
      page: (a, q) => s.sales.list(a, q),
      columns: [
        { header: ['小票号', 'Receipt'], kind: 'text', value: (r) => r.number, width: 20 },
        { header: ['类型', 'Kind'], kind: 'text', value: (r) => r.kind, width: 9 },
        { header: ['营业日', 'Business date'], kind: 'date', value: (r) => r.businessDate },
        { header: ['时间', 'Posted at'], kind: 'datetime', value: (r) => r.postedAt },
        { header: ['收银机', 'Register'], kind: 'text', value: (r) => r.registerCode, width: 9 },
        { header: ['收银员', 'Cashier'], kind: 'text', value: (r) => r.cashierName },
        { header: ['小计', 'Subtotal'], kind: 'money', value: (r) => r.subtotal },
        { header: ['抹零', 'Rounding'], kind: 'money', value: (r) => r.rounding },
        { header: ['应收', 'Due'], kind: 'money', value: (r) => r.due },
        { header: ['税额', 'Tax'], kind: 'money', value: (r) => r.tax },
        { header: ['离线', 'Offline'], kind: 'text', value: (r) => yesNo(r.offline), width: 6 },
      ],
    }),
    shifts: listExport<Q<typeof ShiftListQuery>, RowOf<typeof s.shifts.list>>({
      title: ['班次', 'Shifts'],
      fileName: 'shifts',
      page: (a, q) => s.shifts.list(a, q),
      columns: [
        { header: ['营业日', 'Business date'], kind: 'date', value: (r) => r.businessDate },
        { header: ['收银机', 'Register'], kind: 'text', value: (r) => r.registerCode, width: 9 },
        { header: ['状态', 'Status'], kind: 'text', value: (r) => r.status, width: 8 },
        { header: ['开班人', 'Opened by'], kind: 'text', value: (r) => r.openedByName },
        { header: ['开班时间', 'Opened at'], kind: 'datetime', value: (r) => r.openedAt },
        { header: ['交班时间', 'Closed at'], kind: 'datetime', value: (r) => r.closedAt },
        { header: ['备用金', 'Opening float'], kind: 'money', value: (r) => r.openingFloat },
        { header: ['应有现金', 'Expected cash'], kind: 'money', value: (r) => r.close?.expectedCash ?? null },
        { header: ['实点现金', 'Counted cash'], kind: 'money', value: (r) => r.close?.countedCash ?? null },
        { header: ['长短款', 'Over/short'], kind: 'money', value: (r) => r.close?.overShort ?? null },
      ],
    }),
    users: listExport<Q<typeof UserListQuery>, RowOf<typeof s.users.list>>({
      title: ['用户', 'Users'],
      fileName: 'users',
      page: (a, q) => s.users.list(a, q),
      columns: [
        { header: ['用户名', 'Username'], kind: 'text', value: (r) => r.username },
        { header: ['姓名', 'Name'], kind: 'text', value: (r) => r.displayName },
        { header: ['角色', 'Roles'], kind: 'text', value: (r) => r.roles.map((x) => (x.storeId ? `${x.role}@${x.storeId}` : x.role)).join(';'), width: 30 },
        { header: ['停用', 'Disabled'], kind: 'text', value: (r) => yesNo(r.disabled), width: 6 },
        { header: ['创建时间', 'Created'], kind: 'datetime', value: (r) => r.createdAt },
      ],
    }),
    stores: listExport<Q<typeof StoreListQuery>, RowOf<typeof s.stores.list>>({
      title: ['门店', 'Stores'],
      fileName: 'stores',
      page: (a, q) => s.stores.list(a, q),
      columns: [
        { header: ['编码', 'Code'], kind: 'text', value: (r) => r.code },
        { header: ['名称', 'Name'], kind: 'text', value: (r) => r.name, width: 24 },
        { header: ['时区', 'Time zone'], kind: 'text', value: (r) => r.timezone },
        { header: ['币种', 'Currency'], kind: 'text', value: (r) => r.currency, width: 8 },
        { header: ['创建时间', 'Created'], kind: 'datetime', value: (r) => r.createdAt },
      ],
    }),
    audit: listExport<Q<typeof AuditQuery>, RowOf<typeof s.audit.list>>({
      title: ['审计日志', 'Audit log'],
      fileName: 'audit',
      page: (a, q) => s.audit.list(a, q),
      columns: [
        { header: ['时间', 'At'], kind: 'datetime', value: (r) => r.at },
        { header: ['链', 'Chain'], kind: 'text', value: (r) => r.chainId, width: 20 },
        { header: ['序号', 'Seq'], kind: 'int', value: (r) => r.seq },
        { header: ['操作人', 'Actor'], kind: 'text', value: (r) => r.actorName ?? r.actorId },
        { header: ['动作', 'Action'], kind: 'text', value: (r) => r.action, width: 22 },
        { header: ['对象类型', 'Subject type'], kind: 'text', value: (r) => r.subjectType },
        { header: ['对象', 'Subject'], kind: 'text', value: (r) => r.subjectId, width: 36 },
        { header: ['门店', 'Store'], kind: 'text', value: (r) => r.storeId, width: 36 },
        { header: ['数据', 'Data'], kind: 'text', value: (r) => JSON.stringify(r.data), width: 40 },
        { header: ['哈希', 'Hash'], kind: 'text', value: (r) => r.hash, width: 64 },
      ],
    }),
  };
}

export type ListExports = ReturnType<typeof listExports>;

/** Each list's route handler: its JSON page, or the whole list as a file with `format`. */
export function listHandlers(s: Services) {
  const d = listExports(s);
  const h = <Q extends ListParams, Row>(def: ListExport<Q, Row>) => listHandler(s.clock, def);
  return {
    products: h(d.products),
    suppliers: h(d.suppliers),
    priceChanges: h(d.priceChanges),
    onHand: h(d.onHand),
    batches: h(d.batches),
    alerts: h(d.alerts),
    documents: h(d.documents),
    transfers: h(d.transfers),
    stocktakes: h(d.stocktakes),
    sales: h(d.sales),
    shifts: h(d.shifts),
    users: h(d.users),
    stores: h(d.stores),
    audit: h(d.audit),
  };
}

export type ListHandlers = ReturnType<typeof listHandlers>;
