// Why a row cannot be imported: stable codes for programs, Chinese and English for people.
import type { ImportField } from './columns';

export const ROW_REASONS = {
  missing_sku: ['缺少商品编码', 'SKU is empty'],
  bad_sku: ['商品编码只能由字母、数字和 . _ - / 组成，以字母或数字开头', 'SKU must be letters, digits and . _ - /, starting with a letter or digit'],
  duplicate_sku: ['文件中商品编码重复', 'SKU appears earlier in the file'],
  sku_exists: ['商品编码已存在（导入只新建商品）', 'SKU already exists (import only creates products)'],
  missing_name: ['缺少商品名称', 'Name is empty'],
  too_long: ['内容过长', 'Text is too long'],
  missing_price: ['缺少零售价', 'Price is empty'],
  negative_price: ['价格不能为负', 'Price cannot be negative'],
  bad_number: ['不是有效的数字', 'Not a number'],
  too_many_decimals: ['小数位过多（金额 2 位，数量 3 位）', 'Too many decimals (2 for money, 3 for quantities)'],
  tax_rate_out_of_range: ['税率应在 0%–30% 之间', 'Tax rate must be between 0% and 30%'],
  tax_rate_not_active: ['不是公司已启用的税率（设置 → 税率）', 'Not an active company tax rate (Settings → Tax rates)'],
  bad_barcode: ['条码只能由字母、数字和 - 组成，最长 32 位', 'Barcode must be letters, digits and -, at most 32'],
  barcode_in_scientific_notation: ['条码被 Excel 写成了科学计数法，请把该列设为文本', 'Excel turned the barcode into scientific notation; format the column as text'],
  barcode_check_digit: ['条码校验位错误', 'Barcode check digit is wrong'],
  duplicate_barcode: ['文件中条码重复', 'Barcode appears earlier in the file'],
  barcode_taken: ['条码已属于其他商品', 'Barcode belongs to another product'],
  unknown_category: ['找不到该分类（按编码或名称）', 'No category with this code or name'],
  ambiguous_category: ['有多个同名分类，请用分类编码', 'Several categories have this name; use the category code'],
  negative_stock: ['期初库存不能为负', 'Opening stock cannot be negative'],
  missing_cost: ['有期初库存时必须填写成本', 'Opening stock needs a unit cost'],
  negative_cost: ['成本不能为负', 'Cost cannot be negative'],
  formula_without_value: ['公式没有保存计算结果，请在 Excel 中重新计算并保存', 'Formula has no saved result; recalculate and save in Excel'],
  cell_error: ['单元格是错误值（如 #N/A）', 'Cell holds an error value (such as #N/A)'],
} as const satisfies Record<string, readonly [string, string]>;

export type RowReason = keyof typeof ROW_REASONS;

export interface RowError {
  code: RowReason;
  /** The field whose cell caused it (null when the row as a whole is the problem). */
  field: ImportField | null;
  message: string;
}

export function rowError(code: RowReason, field: ImportField | null, detail?: string): RowError {
  const [, en] = ROW_REASONS[code];
  return { code, field, message: detail ? `${en}: ${detail}` : en };
}

/** '条码校验位错误 barcode_check_digit [条码]' — one reason in the error report's error column. */
export function describeError(e: RowError, header: string | undefined): string {
  const where = header ? ` [${header}]` : '';
  return `${ROW_REASONS[e.code][0]} ${e.code}${where}`;
}
