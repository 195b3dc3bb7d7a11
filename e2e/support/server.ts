// Starts a real Cangshou server on a fresh data directory and a free port for one e2e suite.
// The server seeds the demo company on first run, so every suite starts from the same state.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface StartServerOptions {
  /** Extra environment for the server process. */
  env?: Record<string, string>;
  /** How long to wait for GET /api/v1/health to answer 200. */
  readyTimeoutMs?: number;
  /** Keep the data directory after stop() (to inspect a failure). */
  keepData?: boolean;
  /** Reuse a data directory (a restart on the same database); it is kept after stop(). */
  dataDir?: string;
  /** Listen on this port (a restart at the same origin, so the browser's storage stays). */
  port?: number;
}

export interface RunningServer {
  url: string;
  dataDir: string;
  /** Everything the server wrote to stdout/stderr so far (last 64 KiB). */
  output(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Signal the server's whole process group: tsx runs the server in a child node process. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || exited(child)) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // Already gone.
    }
  }
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'cangshou-e2e-')));
  const keepData = options.keepData || options.dataDir !== undefined;
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  let output = '';

  const child = spawn(join(repoRoot, 'node_modules/.bin/tsx'), ['src/cli/main.ts', 'serve'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group, so stop() reaches tsx's child too.
    detached: true,
  });
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-65_536);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);

  const stop = async () => {
    if (!exited(child)) {
      signalGroup(child, 'SIGTERM');
      if (!(await waitForExit(child, 5_000))) {
        signalGroup(child, 'SIGKILL');
        await waitForExit(child, 5_000);
      }
    }
    // Stragglers of the group (tsx's node child if tsx itself went first); ESRCH when none are left.
    if (child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Group already empty.
      }
    }
    if (!keepData) await rm(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  while (Date.now() < deadline) {
    if (exited(child)) {
      await stop();
      throw new Error(`server exited with ${child.exitCode ?? child.signalCode} before it was ready:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.status === 200) return { url, dataDir, output: () => output, stop };
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`server did not answer GET /api/v1/health with 200 within ${options.readyTimeoutMs ?? 60_000} ms:\n${output}`);
}
