// Revoke (R14): a confirmation page, then the invitation is gone and its link dead.
import { check, cmsLogin, expect, invitationRow, invite, test, uniqueEmail,
         waitMail } from '../support/usher';

test('revoking asks first, then the link stops working', async ({ page }) => {
  const inv = await invite({ first_name: 'Mia', email: uniqueEmail('revoke') });
  const mail = await waitMail(inv.email);
  await cmsLogin(page);
  await page.goto('/cms/invitations');
  const row = invitationRow(page, inv.id);
  await row.getByRole('link', { name: 'Revoke' }).or(row.getByRole('button', { name: 'Revoke' }))
    .click();
  await expect(page).toHaveURL(new RegExp(`/cms/invitations/${inv.id}/revoke`));
  await check(page, 'cms-revoke-confirm');
  await page.getByRole('button', { name: 'Revoke invitation' }).click();
  await expect(page).toHaveURL(/\/cms\/invitations/);
  await expect(invitationRow(page, inv.id)).toHaveCount(0);

  const r = await page.goto(mail.link!);
  expect(r!.status()).toBe(404);
  await expect(page.getByText('Ask your administrator for a new invitation.')).toBeVisible();
  await check(page, 'register-link-revoked');
});
