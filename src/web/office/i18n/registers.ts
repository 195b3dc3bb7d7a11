// Register pairing strings of the stores page, added to the `translation` namespace at run time for the
// same reason as sales.ts (the typed key union of zh-CN.ts is at TypeScript's depth limit).
import { useTranslation } from 'react-i18next';
import i18n from './index';
import { registersEn } from './registers.en';
import { registersZhCN } from './registers.zh-CN';

i18n.addResourceBundle('zh-CN', 'translation', registersZhCN, true, false);
i18n.addResourceBundle('en', 'translation', registersEn, true, false);

type Paths<T, P extends string = ''> = { [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`> }[keyof T & string];
export type RegistersKey = Paths<typeof registersZhCN>;
export type RegistersT = (key: RegistersKey, options?: Record<string, unknown>) => string;

/** The office's `t`, seen as taking the register pairing keys. */
export function asRegistersT(t: unknown): RegistersT {
  return t as RegistersT;
}

export function useRegistersT(): RegistersT {
  return asRegistersT(useTranslation().t);
}
