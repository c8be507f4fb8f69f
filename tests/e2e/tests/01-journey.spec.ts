// The whole way of two invitees: the admin invites them in the CMS, each opens the link
// in the e-mail, registers, logs into the app, picks a language and is ready (R1, R4,
// R10, R13).
import { appLogin, check, cmsLogin, DEMO, expect, expectHeading, groupId, inviteInCms,
         PASSWORD, storeId, test, uniqueEmail, waitMail } from '../support/usher';

test.describe.configure({ mode: 'serial' });

const employee = { first_name: 'Ana', last_name: 'Peeters', email: uniqueEmail('ana') };
const manager = { first_name: 'Zoë', last_name: 'Ñúñez-李', email: uniqueEmail('zoe') };

test('the admin logs into the CMS', async ({ page }) => {
  await page.goto('/cms');
  await expect(page).toHaveURL(/\/cms\/login/);
  await check(page, 'cms-login');
  await page.locator('input[name="email"]').fill(DEMO.admin_email);
  await page.locator('input[name="password"]').fill('not-the-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByText('The e-mail or password is wrong.')).toBeVisible();
  await check(page, 'cms-login-wrong');
  await cmsLogin(page);
  await expect(page.getByRole('navigation', { name: 'User management' })
    .locator('[aria-current="page"]')).toHaveText(/Invited users/);
  await check(page, 'cms-invitations');
});

test('the admin invites an employee and a manager', async ({ page }) => {
  await cmsLogin(page);
  await page.goto('/cms/users/invite');
  await check(page, 'cms-invite');
  await inviteInCms(page, { ...employee, job_position: 'Sales', language: 'nl',
                            user_group_ids: [groupId(0), groupId(1)] });
  await expect(page.locator('tr[data-invitation-id]', { hasText: employee.email })).toBeVisible();
  await inviteInCms(page, { ...manager, role: 'manager', language: 'es',
                            store_ids: [storeId(3)], user_group_ids: [groupId(2)] });
  const row = page.locator('tr[data-invitation-id]', { hasText: manager.email });
  await expect(row).toContainText('Zoë');
  await expect(row).toContainText('Ñúñez-李');
  await check(page, 'cms-invitations-after-invite');
});

test('the employee registers from the e-mail and is ready in the app', async ({ page }) => {
  const mail = await waitMail(employee.email);
  expect(mail.kind).toBe('invitation');
  await page.goto(mail.link!);
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByText('Hallo Ana,')).toBeVisible();
  await check(page, 'register');
  await page.locator('input[name="password"]').fill('short');
  await page.locator('form button[type="submit"]').click();
  await expect(page.locator('[aria-invalid="true"]#password')).toBeVisible();
  await check(page, 'register-error');
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('select[name="language"]').selectOption('en');
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByText("You're registered!")).toBeVisible();
  await check(page, 'register-done');

  await page.goto('/app/login');
  await expectHeading(page, 'Log in');
  await check(page, 'app-login');
  await appLogin(page, employee.email.toUpperCase());
  await expect(page).toHaveURL(/\/app$/);
  await expectHeading(page, 'Choose your language');
  await expect(page.getByText('Hi Ana,')).toBeVisible();
  await check(page, 'app-language');
  await page.getByLabel('Language of the app').selectOption('nl');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectHeading(page, 'Leerapp van Demo Retail');
  const state = page.locator('.state.state-ready');
  await expect(state).toContainText('Klaar');
  await expect(state.getByRole('listitem')).toHaveCount(2);
  await expect(state).toContainText(DEMO.user_groups[0].name);
  await expect(state).toContainText(DEMO.user_groups[1].name);
  await check(page, 'app-ready');
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page.locator('.notice[role="status"]')).toHaveText('Je bent uitgelogd.');
  await check(page, 'app-logged-out');
});

test('the manager registers and, with a store, is ready', async ({ page }) => {
  const mail = await waitMail(manager.email);
  await page.goto(mail.link!);
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  await expect(page.getByText('¡Hola, Zoë!')).toBeVisible();
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('select[name="language"]').selectOption('es');
  await page.locator('form button[type="submit"]').click();
  await expect(page.locator('h1')).toBeVisible();
  await appLogin(page, manager.email);
  await expect(page.getByText('¡Hola, Zoë!')).toBeVisible();
  await page.locator('select[name="language"]').selectOption('fr');
  await page.getByRole('button', { name: 'Continuar' }).click();
  await expect(page.locator('.state.state-ready')).toContainText('Prêt');
  await expect(page.locator('.state-blocked')).toHaveCount(0);
  await expect(page.getByText('Bonjour Zoë,')).toBeVisible();
  await check(page, 'app-ready-manager');
});

test('registered users leave Invited users and show in Users', async ({ page }) => {
  await cmsLogin(page);
  await expect(page.locator('tr[data-invitation-id]', { hasText: employee.email })).toHaveCount(0);
  await expect(page.locator('tr[data-invitation-id]', { hasText: manager.email })).toHaveCount(0);
  await page.goto('/cms/users');
  await expect(page.getByText(manager.email)).toBeVisible();
  await expect(page.getByText('Ñúñez-李').first()).toBeVisible();
  await check(page, 'cms-users');
});
