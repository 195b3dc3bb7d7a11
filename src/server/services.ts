// Wires the services once, for the HTTP app, the CLI and tests alike.
import type { Database } from '../db/dialect';
import { SessionStore } from './auth/sessions';
import { systemClock, type Clock } from './clock';
import { AccountsService } from './modules/accounts/service';
import { AuditService } from './modules/audit/service';
import { AuthService } from './modules/auth/service';
import { DocumentsService } from './modules/documents/service';
import { ProductsService } from './modules/products/service';
import { StockService } from './modules/stock/service';
import { StoresService } from './modules/stores/service';
import { UsersService } from './modules/users/service';
import { PostingEngine } from './posting/engine';

export interface ServiceOptions {
  clock?: Clock;
}

export function createServices(database: Database, opts: ServiceOptions = {}) {
  const db = database.db;
  const clock = opts.clock ?? systemClock;
  const engine = new PostingEngine(database, { now: clock });
  const sessions = new SessionStore(db);
  return {
    database,
    db,
    clock,
    engine,
    sessions,
    auth: new AuthService(db, sessions, clock),
    users: new UsersService(db, sessions, clock),
    stores: new StoresService(db, clock, () => engine.forget()),
    documents: new DocumentsService(db, engine, clock),
    audit: new AuditService(db),
    accounts: new AccountsService(db),
    products: new ProductsService(db),
    stock: new StockService(db),
  };
}

export type Services = ReturnType<typeof createServices>;
