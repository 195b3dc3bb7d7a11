import { Command } from 'commander';
import type { AuthContext, RoleAssignment } from '../server/auth/auth-context';
import { firstOwner } from '../server/auth/owner-context';
import { isRole } from '../server/auth/permissions';
import { loadConfig } from '../server/config';
import { Problem } from '../server/http/problem';
import { createServices, type Services } from '../server/services';
import { openMigrated } from './open';

/** The CLI acts as the company's first owner, so its changes are audited under that name. */
async function asOwner<T>(fn: (s: Services, auth: AuthContext) => Promise<T>): Promise<T> {
  const database = await openMigrated(loadConfig());
  const s = createServices(database);
  try {
    const auth = await firstOwner(s.db);
    if (!auth) throw new Error('No owner yet: run `cangshou seed --demo` or `cangshou serve` first');
    return await fn(s, auth);
  } catch (err) {
    if (err instanceof Problem) throw new Error(`${err.detail}${err.errors ? ` (${err.errors.map((e) => e.field).join(', ')})` : ''}`);
    throw err;
  } finally {
    await database.close();
  }
}

async function userId(s: Services, username: string): Promise<string> {
  const u = await s.db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  if (!u) throw new Error(`No user ${username}`);
  return u.id;
}

/** role or role@STORECODE */
async function parseRoles(s: Services, companyId: string, specs: string[]): Promise<RoleAssignment[]> {
  const out: RoleAssignment[] = [];
  for (const spec of specs) {
    const [role, storeCode] = spec.split('@');
    if (!isRole(role)) throw new Error(`Unknown role ${role}`);
    let storeId: string | null = null;
    if (storeCode) {
      const st = await s.db.selectFrom('stores').select('id').where('company_id', '=', companyId).where('code', '=', storeCode).executeTakeFirst();
      if (!st) throw new Error(`No store ${storeCode}`);
      storeId = st.id;
    }
    out.push({ role, storeId });
  }
  return out;
}

export function usersCommand(): Command {
  const cmd = new Command('users').description('list and manage users');
  cmd.command('list').action(() =>
    asOwner(async (s, auth) => {
      const { items } = await s.users.list(auth, { page: 1, pageSize: 500 });
      for (const u of items) {
        const roles = u.roles.map((r) => `${r.role}${r.storeId ? '@' + r.storeId.slice(-6) : ''}`).join(',');
        console.log(`${u.username.padEnd(16)} ${u.disabled ? 'disabled' : 'active  '} ${roles.padEnd(30)} ${u.displayName}`);
      }
    }),
  );
  cmd
    .command('create <username>')
    .requiredOption('--password <password>')
    .option('--name <displayName>')
    .option('--role <roles...>', 'role or role@STORE, e.g. cashier@S01 or owner', [])
    .option('--pin <pin>')
    .action((username: string, o: { password: string; name?: string; role: string[]; pin?: string }) =>
      asOwner(async (s, auth) => {
        const roles = await parseRoles(s, auth.user.companyId, o.role);
        const u = await s.users.create(auth, { username, displayName: o.name ?? username, password: o.password, roles, pin: o.pin });
        console.log(`created ${u.username}`);
      }),
    );
  cmd
    .command('reset-password <username>')
    .requiredOption('--password <password>')
    .action((username: string, o: { password: string }) =>
      asOwner(async (s, auth) => {
        await s.users.resetPassword(auth, await userId(s, username), o.password);
        console.log(`password of ${username} reset; their sessions were ended`);
      }),
    );
  for (const [name, disabled] of [['disable', true], ['enable', false]] as const) {
    cmd.command(`${name} <username>`).action((username: string) =>
      asOwner(async (s, auth) => {
        await s.users.update(auth, await userId(s, username), { disabled });
        console.log(`${username} ${name}d`);
      }),
    );
  }
  return cmd;
}
