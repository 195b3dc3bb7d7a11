// CPU per sale, not only sales per second: on a shared 2-core machine wall figures swing with the
// neighbours' load, while the CPU a sale costs the server (and its database backends) does not.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type pg from 'pg';

let clockTicks = 0;
/** CPU seconds (user + system) process `pid` has used, from /proc/<pid>/stat; null off Linux. */
export function procCpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    clockTicks ||= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return (Number(fields[11]) + Number(fields[12])) / clockTicks;
  } catch {
    return null;
  }
}

/** CPU of a set of processes now; a process that ended meanwhile counts what it had used before. */
export async function cpuMeter(pids: () => Promise<number[]> | number[]) {
  const before = new Map<number, number>();
  for (const pid of await pids()) before.set(pid, procCpuSeconds(pid) ?? 0);
  return async (): Promise<number | null> => {
    const now = await pids();
    if (!now.length && !before.size) return null;
    let used = 0;
    for (const pid of new Set([...before.keys(), ...now])) {
      const cpu = procCpuSeconds(pid);
      // Started during the run: all its CPU is this run's; ended during it: its last reading is lost.
      if (cpu !== null) used += cpu - (before.get(pid) ?? 0);
    }
    return used;
  };
}

/** The backends of connections named `appName`, from pg_stat_activity. */
export function backendPids(client: pg.Client, appName: string): () => Promise<number[]> {
  return async () => (await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [appName])).rows.map((r) => r.pid);
}
