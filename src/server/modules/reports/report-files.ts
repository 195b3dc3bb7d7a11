// Scheduled report files: every Monday the past week's and every 1st the past month's sales
// summary, profit and loss and VAT summary, as XLSX and PDF, company-wide and per store, under
// <data>/reports/<period>/<report>.<ext> and <data>/reports/<period>/stores/<code>/<report>.<ext>. The scheduler writes only what is
// missing (a file once written is the record of that period and is not rewritten); the CLI
// rewrites a period on demand. Files are written to a temporary name and renamed, so a reader or a
// crash never sees half a file.
import fs from 'node:fs/promises';
import path from 'node:path';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { businessDate } from '../../../core/time/business-date';
import { lastCompletePeriods, parseReportPeriod, type ReportPeriod } from '../../../core/time/report-period';
import type { AuthContext } from '../../auth/auth-context';
import { actAsOwner } from '../../auth/owner-context';
import type { ExportFormat } from '../../export/table-export';
import type { Services } from '../../services';
import type { ReportName } from './report-export';

export const SCHEDULED_REPORTS: readonly ReportName[] = ['sales-summary', 'profit-and-loss', 'vat-summary'];
export const SCHEDULED_FORMATS: readonly ExportFormat[] = ['xlsx', 'pdf'];
const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export interface ReportFileResult {
  path: string;
  /** false: it was there already. */
  written: boolean;
}

interface Company {
  id: string;
  owner: AuthContext;
  timeZone: string;
  /** Business date the company was created: earlier periods have nothing to report. */
  since: string;
  stores: { id: string; code: string }[];
}

export class ReportFilesService {
  constructor(
    private readonly s: Pick<Services, 'db' | 'clock' | 'reportExports'>,
    /** Usually <data>/reports. */
    private readonly dir: string,
  ) {}

  private inFlight: Promise<ReportFileResult[]> | null = null;

  /**
   * The scheduler's tick: any missing file of the last whole week and month of every company. A
   * tick that finds the previous one still writing waits for it instead of writing the same files.
   */
  writeDue(): Promise<ReportFileResult[]> {
    this.inFlight ??= this.writeMissing().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async writeMissing(): Promise<ReportFileResult[]> {
    const out: ReportFileResult[] = [];
    const companies = await this.companies();
    for (const c of companies) {
      const today = businessDate(this.s.clock(), c.timeZone);
      for (const p of lastCompletePeriods(today)) {
        if (p.to < c.since) continue;
        out.push(...(await this.writeCompanyPeriod(c, p, false, companies.length > 1)));
      }
    }
    return out;
  }

  /** `cangshou reports write --period`: (re)writes every file of one whole period. */
  async writePeriod(label: string): Promise<ReportFileResult[]> {
    const p = parseReportPeriod(label);
    if (!p) throw new RangeError(`${label} is not a period: use a week as 2026-W47 or a month as 2026-11`);
    const out: ReportFileResult[] = [];
    const companies = await this.companies();
    for (const c of companies) {
      const today = businessDate(this.s.clock(), c.timeZone);
      if (p.to >= today) throw new RangeError(`${label} is not over yet (it ends ${p.to}); a period's file is written once it is whole`);
      out.push(...(await this.writeCompanyPeriod(c, p, true, companies.length > 1)));
    }
    return out;
  }

  private async writeCompanyPeriod(c: Company, p: ReportPeriod, overwrite: boolean, perCompanyDir: boolean): Promise<ReportFileResult[]> {
    const base = path.join(this.dir, ...(perCompanyDir ? [c.id] : []), p.label);
    const scopes = [{ dir: base, storeId: undefined as string | undefined }, ...c.stores.map((st) => ({ dir: path.join(base, 'stores', st.code), storeId: st.id }))];
    const out: ReportFileResult[] = [];
    for (const scope of scopes) {
      const dir = scope.dir;
      for (const report of SCHEDULED_REPORTS) {
        const targets = SCHEDULED_FORMATS.map((format) => ({ format, file: path.join(dir, `${report}.${format}`) }));
        const missing = overwrite ? targets : (await Promise.all(targets.map(async (t) => ((await exists(t.file)) ? null : t)))).filter((t) => t !== null);
        for (const t of targets) if (!missing.includes(t)) out.push({ path: t.file, written: false });
        if (!missing.length) continue;
        const render = await this.s.reportExports.prepare(c.owner, report, { storeId: scope.storeId, from: p.from, to: p.to }, 'zh-CN');
        await fs.mkdir(dir, { recursive: true });
        for (const t of missing) {
          const file = await render(t.format);
          await writeAtomically(t.file, file.body);
          out.push({ path: t.file, written: true });
          // A PDF takes a moment to lay out: let waiting requests in between files.
          await yieldToEventLoop();
        }
      }
    }
    return out;
  }

  private async companies(): Promise<Company[]> {
    const db = this.s.db;
    const [companies, owners, stores] = await Promise.all([
      db.selectFrom('companies').select(['id', 'created_at']).orderBy('created_at').orderBy('id').execute(),
      db
        .selectFrom('users')
        .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
        .select(['users.id', 'users.company_id', 'users.username', 'users.display_name'])
        .where('user_roles.role', '=', 'owner')
        .orderBy('users.created_at')
        .orderBy('users.id')
        .execute(),
      db.selectFrom('stores').select(['id', 'company_id', 'code', 'timezone']).orderBy('created_at').orderBy('code').execute(),
    ]);
    const out: Company[] = [];
    for (const c of companies) {
      const owner = owners.find((o) => o.company_id === c.id);
      // Reports are read as the owner, who sees every store; a company without one has no books yet.
      if (!owner) continue;
      const own = stores.filter((st) => st.company_id === c.id);
      const timeZone = own[0]?.timezone || DEFAULT_TIME_ZONE;
      out.push({
        id: c.id,
        owner: actAsOwner({ id: owner.id, companyId: c.id, username: owner.username, displayName: owner.display_name }),
        timeZone,
        since: businessDate(new Date(c.created_at), timeZone),
        stores: own.map((st) => ({ id: st.id, code: st.code })),
      });
    }
    return out;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

async function writeAtomically(file: string, body: Buffer | string): Promise<void> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await fs.writeFile(tmp, body);
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}
