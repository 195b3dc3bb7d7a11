// The editable `lines` table of a document drawer (receipt, transfer, write-off, price change):
// one row per Form.List field, a remove button per row (never the last row) and an "add line"
// button. Pages pass their own columns; the product and quantity columns are shared.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, InputNumber, Table, type FormListFieldData, type TableColumnType } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ProductSummary } from '../../shared/inventory-types';
import { ProductSelect } from './ProductSelect';

export type LineColumn = TableColumnType<FormListFieldData>;

export function LinesEditor({
  columns,
  tableTestId,
  addTestId,
  removeLabel,
}: {
  columns: LineColumn[];
  tableTestId?: string;
  addTestId?: string;
  /** aria-label of the remove buttons. */
  removeLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <Form.List name="lines">
      {(fields, { add, remove }) => (
        <>
          <Table
            size="small"
            rowKey="key"
            pagination={false}
            dataSource={fields}
            data-testid={tableTestId}
            columns={[
              ...columns,
              {
                key: 'remove',
                width: 40,
                render: (_, field) => (
                  <Button type="text" danger icon={<DeleteOutlined />} disabled={fields.length === 1} onClick={() => remove(field.name)} aria-label={removeLabel} />
                ),
              },
            ]}
          />
          <Button type="dashed" icon={<PlusOutlined />} block onClick={() => add({})} style={{ marginTop: 12 }} data-testid={addTestId}>
            {t('receipts.addLine')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** The required product picker of a line (`lines.N.productId`). */
export function productColumn(
  t: TFunction,
  { width, id, onPick }: { width: number; id?: (field: FormListFieldData) => string; onPick?: (field: FormListFieldData, product: ProductSummary | undefined) => void },
): LineColumn {
  return {
    title: t('common.product'),
    key: 'product',
    render: (_, field) => (
      <Form.Item name={[field.name, 'productId']} rules={[{ required: true, message: t('common.selectRequired', { field: t('common.product') }) }]} style={{ margin: 0 }}>
        <ProductSelect style={{ width }} id={id?.(field)} onPick={onPick && ((p) => onPick(field, p))} />
      </Form.Item>
    ),
  };
}

/** The required quantity of a line (`lines.N.qty`, in units with up to 3 decimals). */
export function qtyColumn(t: TFunction, width: number): LineColumn {
  return {
    title: t('receipts.qty'),
    key: 'qty',
    width,
    render: (_, field) => (
      <Form.Item name={[field.name, 'qty']} rules={[{ required: true, message: t('common.required', { field: t('receipts.qty') }) }]} style={{ margin: 0 }}>
        <InputNumber min={0.001} precision={3} style={{ width: '100%' }} />
      </Form.Item>
    ),
  };
}
