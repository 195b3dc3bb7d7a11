// Reading the audit trail: filtered, paged, exportable. Users scoped to stores see their stores'
// events only; company events (logins, users) need company-wide audit permission.
import type { Kysely } from 'kysely';
import type { AUDIT_SORTS } from '../../../contracts/audit';
import type { SortValue } from '../../../contracts/common';
import type { DB } from '../../../db/schema';
import type { AuthContext } from '../../auth/auth-context';
import { csvCell } from '../../import/csv';
import { orderBySort } from '../../lists/sort';

export interface AuditFilter {
  chain?: string;
  action?: string;
  actorId?: string;
  storeId?: string;
  from?: string;
  to?: string;
  sort?: AuditSort;
}

type AuditSort = SortValue<(typeof AUDIT_SORTS)[number]>;

export class AuditService {
  constructor(private readonly db: Kysely<DB>) {}

  private query(auth: AuthContext, f: AuditFilter) {
    let q = this.db
      .selectFrom('audit_events')
      .leftJoin('users', 'users.id', 'audit_events.actor_id')
      .where('audit_events.company_id', '=', auth.user.companyId);
    const scope = auth.storesWith('audit.read');
    if (scope !== 'all') q = q.where('audit_events.store_id', 'in', scope.length ? scope : ['-']);
    if (f.chain) q = q.where('audit_events.chain_id', '=', f.chain);
    if (f.action) q = q.where('audit_events.action', 'like', `${f.action}%`);
    if (f.actorId) q = q.where('audit_events.actor_id', '=', f.actorId);
    if (f.storeId) q = q.where('audit_events.store_id', '=', f.storeId);
    if (f.from) q = q.where('audit_events.at', '>=', f.from);
    // A bare date as `to` includes that whole day.
    if (f.to) q = q.where('audit_events.at', '<', f.to.length === 10 ? `${f.to}T99` : f.to);
    return q;
  }

  async list(auth: AuthContext, f: AuditFilter & { page: number; pageSize: number }) {
    const q = this.query(auth, f);
    const { total } = await q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
    const rows = await this.rows(q, f.sort).limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute();
    return { items: rows.map(toView), total: Number(total) };
  }

  async exportCsv(auth: AuthContext, f: AuditFilter): Promise<string> {
    const rows = await this.rows(this.query(auth, f), f.sort).limit(100_000).execute();
    const header = ['chain', 'seq', 'at', 'actor', 'action', 'subject_type', 'subject_id', 'store_id', 'data', 'prev_hash', 'hash'];
    const lines = rows.map((r) =>
      [r.chain_id, r.seq, r.at, r.actor_name ?? r.actor_id ?? '', r.action, r.subject_type, r.subject_id ?? '', r.store_id ?? '', r.data_json, r.prev_hash, r.hash]
        .map(csvCell)
        .join(','),
    );
    return [header.join(','), ...lines].join('\r\n') + '\r\n';
  }

  private rows(q: ReturnType<AuditService['query']>, sort: AuditSort = '-at') {
    return q
      .select([
        'audit_events.chain_id',
        'audit_events.seq',
        'audit_events.at',
        'audit_events.actor_id',
        'users.display_name as actor_name',
        'audit_events.action',
        'audit_events.subject_type',
        'audit_events.subject_id',
        'audit_events.store_id',
        'audit_events.data_json',
        'audit_events.prev_hash',
        'audit_events.hash',
      ])
      .$call((qb) => orderBySort(qb, sort, { at: 'audit_events.at', action: 'audit_events.action', chain: 'audit_events.chain_id' }, ['audit_events.chain_id', 'audit_events.seq']));
  }
}

function toView(r: {
  chain_id: string;
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  store_id: string | null;
  data_json: string;
  prev_hash: string;
  hash: string;
}) {
  return {
    chainId: r.chain_id,
    seq: Number(r.seq),
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    subjectType: r.subject_type,
    subjectId: r.subject_id,
    storeId: r.store_id,
    data: JSON.parse(r.data_json),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
