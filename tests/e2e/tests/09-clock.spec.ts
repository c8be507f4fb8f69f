// Markers (R5) and expiry (R8, R10), moving the server's clock: runs last, since it
// ages every invitation of the run.
import { advance, check, cmsLogin, days, expect, invitationRow, invite, test, uniqueEmail,
         waitMail } from '../support/usher';

test.describe.configure({ mode: 'serial' });

let inv: any;
let link: string;

test('yellow a week before expiry, red three days before', async ({ page }) => {
  inv = await invite({ first_name: 'Kim', email: uniqueEmail('marker') });
  link = (await waitMail(inv.email)).link!;
  const marker = () => invitationRow(page, inv.id).locator('span.marker');
  const show = async () => {
    await cmsLogin(page);
    await page.goto('/cms/invitations?q=' + encodeURIComponent(inv.email));
  };
  await show();
  await expect(marker()).toHaveClass(/marker-none/);
  await expect(marker()).toContainText('Expires in 60 days');

  await advance(days(53));
  await show();
  await expect(marker()).toHaveClass(/marker-yellow/);
  await expect(marker()).toHaveText('Expires in 7 days');
  await check(page, 'cms-invitations-yellow');
  await page.goto('/cms/invitations?marker=yellow');
  await expect(invitationRow(page, inv.id)).toBeVisible();

  await advance(days(4));
  await show();
  await expect(marker()).toHaveClass(/marker-red/);
  await expect(marker()).toHaveText('Expires in 3 days');
  await check(page, 'cms-invitations-red');
});

test('after expiry the link page says so and the invitation is gone', async ({ page }) => {
  await advance(days(4));
  const r = await page.goto(link);
  expect(r!.status()).toBe(404);
  await expect(page.getByText("This link doesn't work any more")).toBeVisible();
  await expect(page.getByText('Ask your administrator for a new invitation.')).toBeVisible();
  await check(page, 'register-link-expired');
  await cmsLogin(page);
  await page.goto('/cms/invitations?q=' + encodeURIComponent(inv.email));
  await expect(invitationRow(page, inv.id)).toHaveCount(0);
});
