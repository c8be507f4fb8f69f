// Starts what the tests run against and returns the teardown: an SMTP sink (aiosmtpd,
// writing a Maildir), a demo company, and `usher serve --test-clock` on loopback ports.
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

const REPO = path.resolve(__dirname, '..', '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

// Resolves once `proc` printed `word` on stdout; rejects when it exits first.
function waitForOutput(proc: ChildProcess, word: string, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no "${word}" within ${ms} ms: ${out}`)), ms);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes(word)) { clearTimeout(timer); resolve(); }
    });
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`exited ${code}: ${out}`)); });
  });
}

async function waitHealthy(base: string, proc: ChildProcess, log: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) break;
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`usher serve did not start:\n${fs.readFileSync(log, 'utf8').slice(-2000)}`);
}

function stop(proc: ChildProcess): Promise<number | null> {
  if (proc.exitCode !== null) return Promise.resolve(proc.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
    proc.once('exit', (code) => { clearTimeout(timer); resolve(code); });
    proc.kill('SIGTERM');
  });
}

export default async function globalSetup() {
  const bin = process.env.USHER_BIN ?? path.join(REPO, 'build', 'usher');
  if (!fs.existsSync(bin)) throw new Error(`${bin} missing: build usher or set USHER_BIN`);
  const shots = process.env.E2E_SCREENSHOTS!;
  fs.rmSync(shots, { recursive: true, force: true });
  fs.mkdirSync(shots, { recursive: true });

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'usher-e2e-'));
  const maildir = path.join(tmp, 'mail');  // created by the sink: it must not exist yet
  const db = `sqlite:${path.join(tmp, 'usher.db')}`;
  const env = { ...process.env, LANG: 'C.UTF-8' };
  for (const k of ['USHER_DB', 'USHER_LISTEN', 'USHER_PUBLIC_URL', 'USHER_SMTP', 'USHER_MAILDIR',
                   'USHER_MAIL_FROM', 'USHER_SMS_URL']) delete env[k];

  const smtpPort = await freePort();
  const sink = spawn('/usr/bin/python3',
                     [path.join(REPO, 'tests', 'support', 'smtp_sink.py'), String(smtpPort), maildir],
                     { stdio: ['ignore', 'pipe', 'inherit'], env });
  await waitForOutput(sink, 'ready', 10_000);

  const demo = JSON.parse(execFileSync(bin, ['demo', '--db', db], { env }).toString());
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = path.join(tmp, 'usher.log');
  const logFd = fs.openSync(log, 'a');
  const usher = spawn(bin, ['serve', '--test-clock', '--db', db, '--listen', `127.0.0.1:${port}`,
                            '--public-url', base, '--smtp', `smtp://127.0.0.1:${smtpPort}`],
                      { stdio: ['ignore', logFd, logFd], env });
  await waitHealthy(base, usher, log);

  const login = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: demo.admin_email, password: demo.admin_password }),
  });
  if (!login.ok) throw new Error(`admin login failed: ${login.status}`);
  // Workers inherit these.
  process.env.E2E_BASE_URL = base;
  process.env.E2E_MAILDIR = maildir;
  process.env.E2E_DEMO = JSON.stringify(demo);
  process.env.E2E_ADMIN_TOKEN = (await login.json()).token;

  return async () => {
    const rc = await stop(usher);
    await stop(sink);
    fs.closeSync(logFd);
    const text = fs.readFileSync(log, 'utf8');
    const errors = text.split('\n').filter((l) => /\bstatus=5\d\d\b/.test(l));
    console.log(`Screenshots: ${shots}`);
    if (rc !== 0 || errors.length) {
      throw new Error(`usher serve exited ${rc}; server errors:\n${errors.join('\n')}\n` +
                      `log kept in ${log}`);
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  };
}
