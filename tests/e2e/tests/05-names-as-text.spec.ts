// A name that is HTML stays text on every page it appears on: no element is made from
// it and no script runs (the `dialogs` fixture fails the test on any dialog).
import { appLogin, check, cmsLogin, EVIL, expect, invitationRow, inviteInCms, PASSWORD, test,
         uniqueEmail, waitMail } from '../support/usher';
import { Page } from '@playwright/test';

async function expectText(page: Page, name: string) {
  await expect(page.getByText(EVIL).first()).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await check(page, name);
}

test('a name made of HTML is shown as text everywhere', async ({ page }) => {
  const email = uniqueEmail('evil');
  await cmsLogin(page);
  await inviteInCms(page, { first_name: EVIL, last_name: EVIL, email, job_position: EVIL });
  const row = page.locator('tr[data-invitation-id]', { hasText: email });
  await expect(row).toBeVisible();
  const id = await row.getAttribute('data-invitation-id');
  await expectText(page, 'xss-cms-invitations');

  await page.goto(`/cms/invitations/${id}/edit`);
  await expect(page.locator('input[name="first_name"]')).toHaveValue(EVIL);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await check(page, 'xss-cms-edit');
  await page.goto(`/cms/invitations/${id}/revoke`);
  await expectText(page, 'xss-cms-revoke-confirm');
  await page.goto('/cms/invitations?q=' + encodeURIComponent(email));
  await expect(invitationRow(page, id!)).toBeVisible();

  const mail = await waitMail(email);
  await page.goto(mail.link!);
  await expectText(page, 'xss-register');
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByText("You're registered!")).toBeVisible();

  await appLogin(page, email);
  await expectText(page, 'xss-app-language');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('.state-ready')).toBeVisible();
  await expectText(page, 'xss-app-ready');

  await cmsLogin(page);
  await page.goto('/cms/users');
  await expectText(page, 'xss-cms-users');
});
