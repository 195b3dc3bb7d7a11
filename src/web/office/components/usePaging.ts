// The page, page size and sort of a server-paged table, with antd's pagination and sorter props.
import type { SorterResult } from 'antd/es/table/interface';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SortValue } from '../../../contracts/common';

type Sorter = SorterResult<any> | SorterResult<any>[];

/** antd's sorter → the API's `sort` (`field` / `-field`, the column key is the field); none → the default. */
function toSort<F extends string>(sorter: Sorter, fallback: SortValue<F> | undefined): SortValue<F> | undefined {
  const one = Array.isArray(sorter) ? sorter[0] : sorter;
  if (!one?.order || one.columnKey === undefined) return fallback;
  const field = String(one.columnKey) as F;
  return one.order === 'ascend' ? field : `-${field}`;
}

export function usePaging<F extends string = string>(pageSize = 20, defaultSort?: SortValue<F>) {
  const { t } = useTranslation();
  const [paging, setPaging] = useState({ page: 1, pageSize });
  const [sort, setSort] = useState<SortValue<F> | undefined>(defaultSort);
  /** antd `pagination` for a list of `total` rows: page size changer and "N in all". */
  const pagination = (total: number | undefined) => ({
    current: paging.page,
    pageSize: paging.pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    showTotal: (n: number) => t('common.total', { total: n }),
  });
  /** antd Table `onChange`: the page, page size or column sort picked; a new sort starts at page 1. */
  const onChange = (p: { current?: number; pageSize?: number }, _filters?: unknown, sorter?: Sorter) => {
    const next = sorter === undefined ? sort : toSort(sorter, defaultSort);
    setSort(next);
    setPaging({ page: next === sort ? (p.current ?? 1) : 1, pageSize: p.pageSize ?? paging.pageSize });
  };
  /** Back to page 1, when the filters change. */
  const first = () => setPaging((p) => ({ ...p, page: 1 }));
  /** Spread into a column to sort it on the server by `field` (one of the list's sort fields). */
  const sortable = (field: F) => ({
    key: field,
    sorter: true,
    sortOrder: sort === field ? ('ascend' as const) : sort === `-${field}` ? ('descend' as const) : null,
  });
  return { paging, pagination, onChange, first, sort, sortable };
}
