// Resend (R6): a new working link by e-mail, then the button is disabled for 24 hours
// with the time it is available again beside it.
import { advance, check, cmsLogin, days, expect, invitationRow, invite, test, uniqueEmail,
         waitMail } from '../support/usher';

test('resend sends the link again, then waits a day', async ({ page }) => {
  const inv = await invite({ first_name: 'Rik', email: uniqueEmail('resend') });
  await waitMail(inv.email, 1);
  await cmsLogin(page);
  await page.goto('/cms/invitations');
  const row = invitationRow(page, inv.id);
  const resend = row.getByRole('button', { name: 'Resend' });
  await expect(resend).toBeEnabled();
  await resend.click();
  await expect(page.locator('.notice[role="status"]')).toBeVisible();
  const second = await waitMail(inv.email, 2);
  expect(second.kind).toBe('resend');
  expect(second.link).toMatch(/\/register\/[A-Za-z0-9_-]{43}$/);

  await page.goto('/cms/invitations');
  await expect(invitationRow(page, inv.id).getByRole('button', { name: 'Resend' })).toBeDisabled();
  await expect(invitationRow(page, inv.id)).toContainText(/Available again at \d\d:\d\d, \d{1,2} \p{L}+/u);
  await check(page, 'cms-invitations-resend-cooldown');

  await advance(days(1));
  await cmsLogin(page);
  await page.goto('/cms/invitations');
  await expect(invitationRow(page, inv.id).getByRole('button', { name: 'Resend' })).toBeEnabled();
});

test('a message the mail server refuses shows as not delivered (R11)', async ({ page }) => {
  // The SMTP sink answers 550 (unknown mailbox) for this domain.
  const email = uniqueEmail('bounce').replace('@example.com', '@reject.example');
  const inv = await invite({ first_name: 'Bo', email });
  await advance(0);
  await cmsLogin(page);
  await page.goto('/cms/invitations?q=' + encodeURIComponent(inv.email));
  await expect(invitationRow(page, inv.id).locator('span.delivery.delivery-failed'))
    .toHaveText('Not delivered');
  await check(page, 'cms-invitations-not-delivered');
});
