// The page and page size of a server-paged table, with antd's pagination props for it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function usePaging(pageSize = 20) {
  const { t } = useTranslation();
  const [paging, setPaging] = useState({ page: 1, pageSize });
  /** antd `pagination` for a list of `total` rows: page size changer and "N in all". */
  const pagination = (total: number | undefined) => ({
    current: paging.page,
    pageSize: paging.pageSize,
    total: total ?? 0,
    showSizeChanger: true,
    showTotal: (n: number) => t('common.total', { total: n }),
  });
  /** antd Table `onChange`: the page or page size picked. */
  const onChange = (p: { current?: number; pageSize?: number }) => setPaging({ page: p.current ?? 1, pageSize: p.pageSize ?? paging.pageSize });
  /** Back to page 1, when the filters change. */
  const first = () => setPaging((p) => ({ ...p, page: 1 }));
  return { paging, pagination, onChange, first };
}
