import { useTranslation } from 'react-i18next';
import type { T } from './index';

export function useTillT(): T {
  const { t } = useTranslation();
  return t as unknown as T;
}
