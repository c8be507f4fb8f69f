// The Invite user form's errors (R1, R3): beside each field, in a summary at the top,
// entered values kept, nothing stored.
import { check, cmsLogin, expect, fillInvite, groupId, invite, test,
         uniqueEmail } from '../support/usher';

async function submit(page) {
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
}

function fieldError(page, field: string) {
  return page.locator(`p.field-error#error-${field}`);
}

async function expectInvalid(page, field: string) {
  await expect(fieldError(page, field)).toBeVisible();
  const control = page.locator(`[name="${field}"]`).first();
  await expect(control).toHaveAttribute('aria-invalid', 'true');
  await expect(control).toHaveAttribute('aria-describedby', new RegExp(`error-${field}`));
}

test('an empty form shows every missing field', async ({ page }) => {
  await cmsLogin(page);
  await page.goto('/cms/users/invite');
  await submit(page);
  await expect(page.locator('.error-summary[role="alert"]')).toBeVisible();
  for (const field of ['first_name', 'last_name', 'email', 'user_group_ids',
                       'agreement_accepted']) {
    await expectInvalid(page, field);
  }
  await check(page, 'cms-invite-errors');
});

test('a manager needs a store; entered values are kept', async ({ page }) => {
  await cmsLogin(page);
  await page.goto('/cms/users/invite');
  const email = uniqueEmail('nostore');
  await fillInvite(page, { first_name: 'Jef', last_name: 'Janssens', email, role: 'manager',
                           job_position: 'Floor lead', user_group_ids: [groupId(1)],
                           agreement: true });
  await submit(page);
  await expectInvalid(page, 'store_ids');
  await expect(page.locator('input[name="first_name"]')).toHaveValue('Jef');
  await expect(page.locator('input[name="email"]')).toHaveValue(email);
  await expect(page.locator('input[name="job_position"]')).toHaveValue('Floor lead');
  await expect(page.locator('select[name="user_group_ids"]')).toHaveValues([groupId(1)]);
  await check(page, 'cms-invite-manager-without-store');
  await page.goto('/cms/invitations');
  await expect(page.locator('tr[data-invitation-id]', { hasText: email })).toHaveCount(0);
});

test('an address already invited is refused', async ({ page }) => {
  const existing = await invite({ first_name: 'Lies', email: uniqueEmail('dup') });
  await cmsLogin(page);
  await page.goto('/cms/users/invite');
  await fillInvite(page, { first_name: 'Lies', last_name: 'Again', email: existing.email,
                           language: 'en', user_group_ids: [groupId(0)], agreement: true });
  await submit(page);
  await expect(page).toHaveURL(/\/cms\/users\/invite/);
  await expect(page.locator('.error-summary[role="alert"]')).toBeVisible();
  await check(page, 'cms-invite-duplicate');
});
