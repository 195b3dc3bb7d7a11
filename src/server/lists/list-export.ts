// A back-office list as a file: the same route, filters and sort as the JSON page, with
// `format=csv|xlsx|pdf` (and `lang=` for the headers) answering every matching row instead of one
// page. The rows come from the list's own service call, read a chunk at a time, so an export can
// never disagree with what the screen shows.
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '../auth/auth-context';
import { authOf } from '../http/zod-app';
import { renderExport, sendExport, type ColumnKind, type ExportColumn, type ExportFile, type ExportFormat } from '../export/table-export';

export type ListLang = 'zh-CN' | 'en';

/** A column of a list export: the header in both office languages, [zh-CN, en]. */
export interface ListColumn<Row> {
  header: readonly [string, string];
  kind: ColumnKind;
  value: (row: Row) => string | number | null;
  width?: number;
}

export interface ListExport<Q, Row> {
  title: readonly [string, string];
  /** Without extension or date; the date of the export is added. */
  fileName: string;
  columns: ListColumn<Row>[];
  /** The list's own page call (the JSON route's service method). */
  page: (auth: AuthContext, q: Q & { page: number; pageSize: number }) => Promise<{ items: Row[] }>;
}

/** Only for type inference at the definition site. */
export const listExport = <Q, Row>(def: ListExport<Q, Row>) => def;

/** Rows read per call: large enough that few round trips are made, small enough to stay cheap. */
export const EXPORT_CHUNK = 5000;

/** What every list query carries: its page, and `format`/`lang` when a file is asked for. */
export interface ListParams {
  format?: ExportFormat;
  lang: ListLang;
  page: number;
  pageSize: number;
}

/** Every row of a paged list, a chunk at a time, until a short page says there is no more. */
export async function* everyRow<Row>(page: (page: number, pageSize: number) => Promise<{ items: Row[] }>, chunk = EXPORT_CHUNK): AsyncIterable<Row> {
  // The list's sort ends in a unique key, so offset chunks neither repeat nor skip a row.
  for (let n = 1; ; n++) {
    const { items } = await page(n, chunk);
    yield* items;
    if (items.length < chunk) return;
  }
}

export function exportList<Q, Row>(def: ListExport<Q, Row>, auth: AuthContext, q: Q, format: ExportFormat, lang: ListLang, today: string): Promise<ExportFile> {
  const pick = (words: readonly [string, string]) => (lang === 'en' ? words[1] : words[0]);
  return renderExport(
    {
      title: pick(def.title),
      fileName: `${def.fileName}-${today}`,
      columns: def.columns.map((c): ExportColumn<Row> => ({ header: pick(c.header), kind: c.kind, value: c.value, width: c.width })),
      rows: everyRow((page, pageSize) => def.page(auth, { ...q, page, pageSize })),
    },
    format,
  );
}

/**
 * The handler of a list route: the JSON page, or with `format` the whole list as a file
 * (`page`/`pageSize` are then ignored). The export's date is the server's UTC date.
 */
export function listHandler<Q extends ListParams, Row>(clock: () => Date, def: ListExport<Q, Row>) {
  return async (req: { auth: AuthContext | null; query: Q }, reply: FastifyReply) => {
    const auth = authOf(req);
    if (!req.query.format) return def.page(auth, req.query);
    const today = clock().toISOString().slice(0, 10);
    return sendExport(reply, await exportList(def, auth, req.query, req.query.format, req.query.lang, today));
  };
}
