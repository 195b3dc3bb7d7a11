// The category tree (GET /categories) as antd TreeSelect data, plus a name lookup.
import { useMemo } from 'react';
import { api } from '../../shared/api';
import type { Category } from '../../shared/inventory-types';
import { useRemote } from './useRemote';

export interface CategoryNode {
  value: string;
  title: string;
  children?: CategoryNode[];
}

function toNodes(categories: Category[]): CategoryNode[] {
  return categories.map((c) => ({ value: c.id, title: `${c.name} (${c.code})`, children: c.children?.length ? toNodes(c.children) : undefined }));
}

function flatten(categories: Category[], out = new Map<string, Category>()): Map<string, Category> {
  for (const c of categories) {
    out.set(c.id, c);
    if (c.children) flatten(c.children, out);
  }
  return out;
}

export function useCategoryTree() {
  const remote = useRemote((signal) => api.get<Category[] | { items: Category[] }>('/categories', { signal }), []);
  return useMemo(() => {
    const roots = Array.isArray(remote.data) ? remote.data : (remote.data?.items ?? []);
    const byId = flatten(roots);
    return { ...remote, roots, treeData: toNodes(roots), nameOf: (id: string | null | undefined) => (id ? (byId.get(id)?.name ?? null) : null) };
  }, [remote]);
}
