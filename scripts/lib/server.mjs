// Start the GridGov server as a child process on a free port and wait until GET /api/health answers ok.
// Used by e2e/run.mjs and bench/locate.mjs.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/**
 * @param {{ env: Record<string,string>, timeoutMs?: number, label?: string, echo?: boolean }} opts
 * PORT=0 lets the OS choose; the port is read from the server's "GridGov ready on http://…" line.
 * @returns {Promise<{ url: string, pid: number, output: () => string, stop: () => Promise<void> }>}
 */
export async function startServer({ env, timeoutMs = 120_000, label = 'server', echo = false }) {
  const started = Date.now();
  const child = spawn(TSX, ['server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let url = null;
  let exited = null;
  const onData = (buf) => {
    const s = buf.toString();
    out += s;
    if (out.length > 2_000_000) out = out.slice(-1_000_000);
    if (echo) process.stdout.write(s.split('\n').filter(Boolean).map((l) => `  [${label}] ${l}\n`).join(''));
    const m = /GridGov ready on (http:\/\/[^\s]+)/.exec(out);
    if (m && !url) url = m[1].replace('0.0.0.0', '127.0.0.1');
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  child.on('exit', (code, signal) => { exited = { code, signal }; });

  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const deadline = Date.now() + 15_000;
    while (!exited && Date.now() < deadline) await sleep(100);
    if (!exited) child.kill('SIGKILL');
    while (!exited) await sleep(50);
  };

  while (Date.now() - started < timeoutMs) {
    if (exited) throw new Error(`${label} exited (${exited.code ?? exited.signal}) before it was ready:\n${tail(out)}`);
    if (url) {
      try {
        const res = await fetch(`${url}/api/health`);
        const body = await res.json().catch(() => ({}));
        if (res.status === 200 && body.status === 'ok') {
          return { url, pid: child.pid, output: () => out, stop, startedInMs: Date.now() - started };
        }
      } catch { /* not listening yet */ }
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`${label} not healthy within ${timeoutMs / 1000} s:\n${tail(out)}`);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const tail = (s, n = 40) => s.split('\n').slice(-n).join('\n');
