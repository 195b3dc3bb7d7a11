// Scheduled report files on a pinned clock: the demo company opens on Wednesday 2026-11-18 and
// sells 2 × ¥11.30 at 13% in S01 (due 2260, tax 260, revenue 2000, cost 2 × ¥5.00); on Tuesday 2026-11-24 the
// scheduler writes week 2026-W47 (Nov 16–22) and skips October, which ended before the company.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../db/testing';
import { makeTestApp, type TestApp } from '../../testing';
import { booksFixture, sellForCash } from '../journal/test-helpers';
import { ReportFilesService } from './report-files';

const REPORTS = ['sales-summary', 'profit-and-loss', 'vat-summary'];
const FILES = REPORTS.flatMap((r) => [`${r}.xlsx`, `${r}.pdf`]);

async function sheetRows(file: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  // Index 0 = row 1; the blank row under the title reads as [].
  return Array.from(wb.worksheets[0].getSheetValues().slice(1), (r) => (r ?? []) as unknown[]);
}

/** Every file under dir, relative, sorted. */
function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}

describe.each(testDialects)('scheduled report files on %s', (dialect) => {
  let t: TestApp;
  let now = new Date('2026-11-18T04:00:00Z');
  let dataDir: string;
  let files: ReportFilesService;
  const week = () => path.join(dataDir, 'reports', '2026-W47');

  beforeAll(async () => {
    t = await makeTestApp(dialect, { clock: () => now });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cangshou-report-files-'));
    files = new ReportFilesService(t.services, path.join(dataDir, 'reports'));
    await sellForCash(t, await booksFixture(t), [2000]);
    now = new Date('2026-11-24T02:00:00Z');
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the last whole week for the company and each store, and nothing for a month before the company', async () => {
    const result = await files.writeDue();
    const expected = [...FILES, ...['S01', 'S02'].flatMap((s) => FILES.map((f) => `stores/${s}/${f}`))].sort();
    expect(listFiles(path.join(dataDir, 'reports'))).toEqual(expected.map((f) => path.join('2026-W47', f)).sort());
    expect(result.filter((r) => r.written)).toHaveLength(expected.length);
  });

  it('puts the week\'s figures in the files, to the fen', async () => {
    const sales = await sheetRows(path.join(week(), 'sales-summary.xlsx'));
    expect(sales[0][1]).toBe('销售汇总');
    expect(sales[1][1]).toBe('全部门店 · 2026-11-16 — 2026-11-22');
    // Header on row 4, the one day on row 5, totals on row 6: date, tickets, sales … gross profit.
    expect(sales[4].slice(1)).toEqual([new Date('2026-11-18T00:00:00Z'), 1, 22.6, 0, 22.6, 2.6, 20, 10, 10]);
    expect(sales[5].slice(1, 3)).toEqual(['合计', 1]);
    const s02 = await sheetRows(path.join(week(), 'stores', 'S02', 'sales-summary.xlsx'));
    expect(s02).toHaveLength(5);
    expect(s02[4].slice(1, 4)).toEqual(['合计', 0, 0]);
    const pl = await sheetRows(path.join(week(), 'stores', 'S01', 'profit-and-loss.xlsx'));
    expect(pl.find((r) => r[2] === '5001')?.[4]).toBe(20);
    expect(pl[pl.length - 1].slice(1)).toEqual(['净利润', undefined, undefined, 10]);
    const vat = await sheetRows(path.join(week(), 'vat-summary.xlsx'));
    expect(vat[4].slice(1)).toEqual([0.13, 22.6, 20, 2.6]);
    expect(fs.readFileSync(path.join(week(), 'vat-summary.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('never rewrites a file that is there; writes one that went missing; leaves no temporary file', async () => {
    const kept = path.join(week(), 'profit-and-loss.xlsx');
    const lost = path.join(week(), 'stores', 'S01', 'vat-summary.pdf');
    fs.writeFileSync(kept, 'edited by hand');
    fs.rmSync(lost);
    // Two ticks at once: the second waits for the first instead of writing the same file again.
    const [result, overlapping] = await Promise.all([files.writeDue(), files.writeDue()]);
    expect(overlapping).toBe(result);
    expect(result.filter((r) => r.written).map((r) => r.path)).toEqual([lost]);
    expect(fs.readFileSync(kept, 'utf8')).toBe('edited by hand');
    expect(fs.existsSync(lost)).toBe(true);
    expect(listFiles(dataDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('rewrites a whole period on demand, and refuses a period that is not over', async () => {
    const result = await files.writePeriod('2026-W47');
    expect(result.every((r) => r.written)).toBe(true);
    expect((await sheetRows(path.join(week(), 'profit-and-loss.xlsx')))[0][1]).toBe('利润表');
    await expect(files.writePeriod('2026-W48')).rejects.toThrow(/not over yet/);
    await expect(files.writePeriod('2026-11')).rejects.toThrow(/not over yet/);
    await expect(files.writePeriod('2026-W99')).rejects.toThrow(/not a period/);
  });
});
