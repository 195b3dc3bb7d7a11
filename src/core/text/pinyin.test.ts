import { describe, it, expect } from 'vitest';
import { matchesSearch, pinyinKeys, type SearchableProduct } from './pinyin';

describe('pinyinKeys', () => {
  it('gives 可口可乐 the initials kkkl and the full pinyin kekoukele', () => {
    expect(pinyinKeys('可口可乐')).toEqual({ initials: 'kkkl', full: 'kekoukele' });
  });

  it('keeps letters and digits, lowercased', () => {
    expect(pinyinKeys('可口可乐330ML')).toEqual({ initials: 'kkkl330ml', full: 'kekoukele330ml' });
  });

  it('folds full-width characters and drops spaces and punctuation', () => {
    expect(pinyinKeys('Ｃｏｌａ 雪碧·零度')).toEqual({ initials: 'colaxbld', full: 'colaxuebilingdu' });
  });

  it('reads a character by its context and writes ü as v', () => {
    expect(pinyinKeys('银行卡').full).toBe('yinhangka');
    expect(pinyinKeys('重庆小面').initials).toBe('cqxm');
    expect(pinyinKeys('绿茶').full).toBe('lvcha');
  });

  it('gives empty keys for an empty name', () => {
    expect(pinyinKeys('')).toEqual({ initials: '', full: '' });
  });

  it('reads each word in its own context, the same again when the word repeats (cached)', () => {
    // 长 is zhang in 行长 and chang in 长城; 行 is hang in 银行 and xing in 行李.
    expect(pinyinKeys('银行 行李 长城 行长').full).toBe('yinhangxinglichangchenghangzhang');
    expect(pinyinKeys('行长 银行').full).toBe('hangzhangyinhang');
    expect(pinyinKeys('行李箱 行李').initials).toBe('xlxxl');
  });
});

describe('matchesSearch', () => {
  const cola: SearchableProduct = {
    name: '可口可乐 330ml',
    ...pinyinKeys('可口可乐 330ml'),
    sku: 'DRK-COLA-330',
    barcodes: ['6901234567892'],
  };

  it('finds 可口可乐 by its initials, in any case', () => {
    expect(matchesSearch('kkkl', cola)).toBe(true);
    expect(matchesSearch('KKKL', cola)).toBe(true);
    expect(matchesSearch('kl', cola)).toBe(true);
  });

  it('finds it by full pinyin, with or without spaces', () => {
    expect(matchesSearch('kekou', cola)).toBe(true);
    expect(matchesSearch('ke kou ke le', cola)).toBe(true);
  });

  it('finds it by part of the Chinese name, the SKU or a barcode ending', () => {
    expect(matchesSearch('可乐', cola)).toBe(true);
    expect(matchesSearch('cola-330', cola)).toBe(true);
    expect(matchesSearch('67892', cola)).toBe(true);
  });

  it('does not match unrelated text, nor Chinese mixed with pinyin', () => {
    expect(matchesSearch('xb', cola)).toBe(false);
    expect(matchesSearch('雪碧', cola)).toBe(false);
    expect(matchesSearch('可kl', cola)).toBe(false);
  });

  it('matches nothing for an empty or blank query', () => {
    expect(matchesSearch('', cola)).toBe(false);
    expect(matchesSearch('   ', cola)).toBe(false);
  });
});
