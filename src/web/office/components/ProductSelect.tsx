// Pick a product by typing what a clerk knows: barcode, SKU, name or pinyin initials (the tiered
// product search, GET /products?q=). The chosen product's summary goes to onPick.
import { Select, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import type { ProductSummary } from '../../shared/inventory-types';
import type { Page } from '../../shared/types';

export function productLabel(product: Pick<ProductSummary, 'sku' | 'name'>): string {
  return `${product.name} · ${product.sku}`;
}

export function ProductSelect({
  value,
  onChange,
  onPick,
  placeholder,
  style,
  id,
  autoFocus,
}: {
  value?: string;
  onChange?(id: string | undefined): void;
  onPick?(product: ProductSummary | undefined): void;
  placeholder?: string;
  style?: React.CSSProperties;
  id?: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<ProductSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const known = useRef(new Map<string, ProductSummary>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const controller = useRef<AbortController | undefined>(undefined);

  const search = (q: string) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(async () => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      setLoading(true);
      try {
        const page = await api.get<Page<ProductSummary>>('/products', { signal: current.signal, query: { q: q.trim(), pageSize: 20 } });
        page.items.forEach((product) => known.current.set(product.id, product));
        setOptions(page.items);
      } catch {
        // A failed search leaves the previous options; typing again retries.
      } finally {
        if (!current.signal.aborted) setLoading(false);
      }
    }, 200);
  };

  useEffect(() => {
    search('');
    return () => {
      clearTimeout(timer.current);
      controller.current?.abort();
    };
  }, []);

  const shown = value && !options.some((o) => o.id === value) && known.current.has(value) ? [known.current.get(value)!, ...options] : options;

  return (
    <Select<string>
      id={id}
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear
      autoFocus={autoFocus}
      value={value}
      loading={loading}
      placeholder={placeholder ?? t('picker.productPlaceholder')}
      notFoundContent={loading ? t('common.loading') : t('picker.noProduct')}
      style={{ minWidth: 240, ...style }}
      popupMatchSelectWidth={false}
      onChange={(id) => {
        onChange?.(id);
        onPick?.(id ? known.current.get(id) : undefined);
      }}
      options={shown.map((product) => ({
        value: product.id,
        label: (
          <span>
            {product.name}{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {product.sku}
              {product.spec ? ` · ${product.spec}` : ''}
            </Typography.Text>
          </span>
        ),
      }))}
    />
  );
}
