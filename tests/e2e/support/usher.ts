// What the specs share: the running usher (from global-setup), its JSON API and test
// clock, the Maildir, and the checks every page gets (axe-core, a screenshot).
import AxeBuilder from '@axe-core/playwright';
import { BrowserContext, Cookie, expect, Page, test as base } from '@playwright/test';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const BASE = process.env.E2E_BASE_URL!;
export const DEMO = JSON.parse(process.env.E2E_DEMO ?? '{}');
export const PASSWORD = 'Velvet-Harbour-Quantum-42';
export const EVIL = '<img src=x onerror=alert(1)>';
const SHOTS = process.env.E2E_SCREENSHOTS!;
const DAY = 86_400;

// Every page of every test: baseURL is the server global-setup started, and any dialog
// (alert, confirm) fails the test, so injected script cannot go unnoticed.
export const test = base.extend<{ dialogs: string[] }>({
  baseURL: async ({}, use) => { await use(BASE); },
  dialogs: [async ({ page }, use) => {
    const seen: string[] = [];
    page.on('dialog', async (d) => { seen.push(d.message()); await d.dismiss(); });
    await use(seen);
    expect(seen, 'no dialog may open').toEqual([]);
  }, { auto: true }],
});
export { expect };

let counter = 0;
export function uniqueEmail(prefix: string): string {
  return `${prefix}.${process.pid}.${Date.now() % 1_000_000}.${++counter}@example.com`;
}

// ---------------------------------------------------------------- JSON API

let adminToken = process.env.E2E_ADMIN_TOKEN ?? '';

async function adminLogin(): Promise<string> {
  const r = await fetch(`${BASE}/api/v1/auth/login`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: DEMO.admin_email, password: DEMO.admin_password }),
  });
  expect(r.status, 'admin login').toBe(200);
  return (await r.json()).token;
}

// An admin's API call; logs in again when the session ended (the clock moves far).
export async function api(method: string, p: string, body?: unknown): Promise<any> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const r = await fetch(`${BASE}${p}`, {
      method,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${adminToken}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (r.status === 401 && attempt === 0) { adminToken = await adminLogin(); continue; }
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  }
}

export function groupId(i = 0): string { return DEMO.user_groups[i].id; }
export function storeId(i = 0): string { return DEMO.stores[i].id; }

export async function invite(fields: Record<string, unknown>): Promise<any> {
  const r = await api('POST', '/api/v1/invitations', {
    first_name: 'Test', last_name: 'Person', email: uniqueEmail('api'), language: 'en',
    agreement_accepted: true, user_group_ids: [groupId(0)], ...fields,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

// Moves the server's clock and runs the work then due (reminders, erasure, delivery).
export async function advance(seconds: number): Promise<void> {
  const r = await fetch(`${BASE}/api/v1/_test/clock`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ advance_seconds: seconds }),
  });
  expect(r.status).toBe(200);
}

// A new rate-limit window for logins and registration (all tests come from 127.0.0.1).
export async function freshWindow(): Promise<void> { await advance(61); }
export const days = (n: number) => n * DAY;

// ---------------------------------------------------------------- mail

export interface Mail { subject: string; kind: string; link: string | null }

export function mails(recipient: string): Mail[] {
  const out = execFileSync('/usr/bin/python3', [path.join(__dirname, 'mail.py'),
                                                process.env.E2E_MAILDIR!, recipient]);
  return JSON.parse(out.toString());
}

// Waits until `recipient` has `count` messages (delivering what is due), then the newest.
export async function waitMail(recipient: string, count = 1): Promise<Mail> {
  for (let i = 0; i < 50; i++) {
    await advance(0);
    const found = mails(recipient);
    if (found.length >= count) return found[found.length - 1];
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no message ${count} to ${recipient} in ${process.env.E2E_MAILDIR}`);
}

// ---------------------------------------------------------------- pages

// A full-page screenshot, then axe-core: no serious or critical violation.
export async function check(page: Page, name: string): Promise<void> {
  const info = test.info();
  const file = path.join(SHOTS, info.project.name, `${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file, fullPage: true });
  const scriptless = info.project.use.javaScriptEnabled === false;
  const target = scriptless ? await scriptablePage(page) : page;
  // Legacy mode runs axe in the page itself (the pages have no frames): much faster.
  const results = await new AxeBuilder({ page: target }).setLegacyMode(true).analyze();
  const conventions = await target.evaluate(pageConventions);
  if (scriptless) await target.close();
  expect(conventions, `conventions of docs/web.md on ${name} (${page.url()})`).toEqual([]);
  const bad = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(bad, `accessibility of ${name} (${page.url()})`).toEqual([]);
}

// docs/web.md: the title is "H1 · usher", every POST form carries a csrf field, every
// form control has a <label for>. The registration pages speak for the company rather
// than usher (their title is the H1 alone), and the link's token is their secret (no csrf).
// Runs in the page.
function pageConventions(): string[] {
  const out: string[] = [];
  for (const f of Array.from(document.querySelectorAll('form'))) {
    if ((f.getAttribute('method') ?? 'get').toLowerCase() !== 'post') continue;
    if (location.pathname.startsWith('/register/')) continue;
    const csrf = f.querySelector('input[type="hidden"][name="csrf"]') as HTMLInputElement | null;
    if (!csrf || !csrf.value) out.push(`POST form ${f.getAttribute('action')} has no csrf field`);
  }
  const h1 = document.querySelector('h1')?.textContent?.trim();
  if (!location.pathname.startsWith('/register/') && document.title !== `${h1} · usher`) {
    out.push(`title "${document.title}" is not "${h1} · usher"`);
  }
  for (const el of Array.from(document.querySelectorAll('input, select, textarea'))) {
    const type = (el as HTMLInputElement).type;
    if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type)) continue;
    if (!el.id || !document.querySelector(`label[for="${CSS.escape(el.id)}"]`)) {
      out.push(`${el.tagName.toLowerCase()} ${el.getAttribute('name')} has no <label for>`);
    }
  }
  return out;
}

// axe-core is a script: with JavaScript off, it checks the same HTML (scripts removed) at
// the same URL in a page that may run scripts.
let scriptable: BrowserContext | undefined;  // one per worker, closed with the browser
async function scriptablePage(page: Page): Promise<Page> {
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  const url = page.url();
  scriptable ??= await page.context().browser()!.newContext({ javaScriptEnabled: true });
  const copy = await scriptable.newPage();
  await copy.route((u: URL) => u.href === url, (route) => route.fulfill({ contentType: 'text/html; charset=utf-8',
                                                  body: html }));
  await copy.goto(url);
  return copy;
}

// The title of every page is "H1 · usher".
export async function expectHeading(page: Page, text: string | RegExp): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(text);
  const h1 = await page.getByRole('heading', { level: 1 }).innerText();
  await expect(page).toHaveTitle(`${h1} · usher`);
}

// The CMS session cookie of the last login, reused by the next tests while it lives.
let cmsSession: Cookie[] = [];

// Opens Invited users in the CMS, logging in first when there is no live session.
export async function cmsLogin(page: Page): Promise<void> {
  if (cmsSession.length) await page.context().addCookies(cmsSession);
  await page.goto('/cms/invitations');
  if (!new URL(page.url()).pathname.startsWith('/cms/login')) return;
  await freshWindow();  // every test logs in as the same admin: keep under its rate limit
  await page.locator('input[name="email"]').fill(DEMO.admin_email);
  await page.locator('input[name="password"]').fill(DEMO.admin_password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page).toHaveURL(/\/cms\/invitations/);
  cmsSession = (await page.context().cookies()).filter((c) => c.name === 'usher_session');
}

export async function register(page: Page, link: string, language = 'en'): Promise<void> {
  await page.goto(link);
  await page.getByLabel(/password/i).fill(PASSWORD);
  await page.locator('select[name="language"]').selectOption(language);
  await page.locator('form button[type="submit"]').click();
}

export async function appLogin(page: Page, login: string, password = PASSWORD): Promise<void> {
  await page.goto('/app/login');
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
}

// ---------------------------------------------------------------- CMS forms (docs/web.md)

export interface Person {
  first_name: string; last_name: string; email?: string; phone?: string;
  job_position?: string; role?: 'user' | 'manager'; language?: string;
  store_ids?: string[]; user_group_ids?: string[]; agreement?: boolean;
}

// Fills the Invite user form by the field names of the JSON API.
export async function fillInvite(page: Page, p: Person): Promise<void> {
  const form = page.locator('form:has(input[name="first_name"])');
  await form.locator('input[name="first_name"]').fill(p.first_name);
  await form.locator('input[name="last_name"]').fill(p.last_name);
  if (p.email !== undefined) await form.locator('input[name="email"]').fill(p.email);
  if (p.phone !== undefined) await form.locator('input[name="phone"]').fill(p.phone);
  if (p.job_position !== undefined) {
    await form.locator('input[name="job_position"]').fill(p.job_position);
  }
  if (p.role) await chooseRole(page, p.role);
  if (p.language) await form.locator('select[name="language"]').selectOption(p.language);
  if (p.store_ids) await form.locator('select[name="store_ids"]').selectOption(p.store_ids);
  if (p.user_group_ids) {
    await form.locator('select[name="user_group_ids"]').selectOption(p.user_group_ids);
  }
  if (p.agreement) await form.locator('input[name="agreement_accepted"]').check();
}

// The role control is a select or radio buttons; its employee value is `user` (API.md)
// or `employee` (docs/web.md).
async function chooseRole(page: Page, role: 'user' | 'manager'): Promise<void> {
  const values = role === 'manager' ? ['manager'] : ['user', 'employee'];
  const select = page.locator('select[name="role"]');
  if (await select.count()) {
    const options = await select.locator('option').evaluateAll(
      (os) => os.map((o) => (o as HTMLOptionElement).value));
    await select.selectOption(values.find((v) => options.includes(v))!);
    return;
  }
  for (const v of values) {
    const radio = page.locator(`input[name="role"][value="${v}"]`);
    if (await radio.count()) { await radio.check(); return; }
  }
  throw new Error('no role control');
}

export async function inviteInCms(page: Page, p: Person): Promise<void> {
  await page.goto('/cms/users/invite');
  await fillInvite(page, { agreement: true, language: 'en', user_group_ids: [groupId(0)], ...p });
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(page).toHaveURL(/\/cms\/invitations/);
  await expect(page.locator('.notice[role="status"]')).toBeVisible();
}

// The row of the Invited users table of one invitation.
export function invitationRow(page: Page, id: string) {
  return page.locator(`tr[data-invitation-id="${id}"]`);
}
