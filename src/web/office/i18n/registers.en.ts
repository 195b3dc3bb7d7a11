// English for register pairing.
import type { registersZhCN } from './registers.zh-CN';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const registersEn: Strings<typeof registersZhCN> = {
  registers: {
    unpair: 'Unpair',
    unpairConfirm: "The register's device token stops working at once and its till sessions end. Pair it again to sell on it.",
    unpaired: '{{name}} unpaired',
  },
};
