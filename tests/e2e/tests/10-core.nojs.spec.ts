// The core flow with JavaScript off: invite in the CMS, register, log into the app.
import { appLogin, check, cmsLogin, expect, inviteInCms, PASSWORD, test, uniqueEmail,
         waitMail } from '../support/usher';

test('invite, register and log in without JavaScript', async ({ page }) => {
  const email = uniqueEmail('nojs');
  await cmsLogin(page);
  await page.goto('/cms/users/invite');
  await check(page, 'cms-invite');
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  await expect(page.locator('.error-summary[role="alert"]')).toBeVisible();
  await inviteInCms(page, { first_name: 'Noa', last_name: 'Scriptless', email, language: 'de' });
  await expect(page.locator('tr[data-invitation-id]', { hasText: email })).toBeVisible();
  await check(page, 'cms-invitations');

  const mail = await waitMail(email);
  await page.goto(mail.link!);
  await expect(page.getByText('Hallo Noa,')).toBeVisible();
  await check(page, 'register');
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('select[name="language"]').selectOption('de');
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByText('Du bist registriert!')).toBeVisible();

  await appLogin(page, email);
  await expect(page.getByText('Hallo Noa,')).toBeVisible();
  await check(page, 'app-language');
  await page.getByRole('button', { name: 'Weiter' }).click();
  await expect(page.locator('.state.state-ready')).toContainText('Startklar');
  await check(page, 'app-ready');
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await expect(page.locator('.notice[role="status"]')).toBeVisible();
});
