// The app stand-in's login (R9: one answer for every wrong login) and its pages in
// another language; dead registration links.
import { appLogin, check, expect, expectHeading, invite, PASSWORD, test, uniqueEmail,
         waitMail } from '../support/usher';

test('every wrong login gets the same answer', async ({ page }) => {
  const invited = await invite({ first_name: 'Nora', email: uniqueEmail('notyet') });
  const message = 'The login or the password is wrong. Check both and try again.';
  for (const [login, password] of [[invited.email, PASSWORD],
                                   [uniqueEmail('nobody'), PASSWORD],
                                   ['+32470000001', 'whatever-123']]) {
    await appLogin(page, login, password);
    await expect(page.locator('.error-summary[role="alert"]')).toHaveText(message);
    await expect(page.locator('input[name="login"]')).toHaveValue(login);
    await expect(page.locator('input[name="password"]')).toHaveValue('');
  }
  await check(page, 'app-login-wrong');
});

test('the login page in Polish', async ({ page }) => {
  await page.goto('/app/login?lang=pl');
  await expectHeading(page, 'Zaloguj się');
  await expect(page.locator('html')).toHaveAttribute('lang', 'pl');
  await check(page, 'app-login-pl');
});

test('an unknown link gives a clear page', async ({ page }) => {
  const r = await page.goto('/register/' + 'A'.repeat(43));
  expect(r!.status()).toBe(404);
  await expect(page.getByText('Ask your administrator for a new invitation.')).toBeVisible();
  await check(page, 'register-link-unknown');
});

test('a used link gives a clear page', async ({ page }) => {
  const inv = await invite({ first_name: 'Uma', email: uniqueEmail('used') });
  const mail = await waitMail(inv.email);
  await page.goto(mail.link!);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByText("You're registered!")).toBeVisible();
  const r = await page.goto(mail.link!);
  expect(r!.status()).toBe(404);
  await expect(page.getByText("This link doesn't work any more")).toBeVisible();
});
