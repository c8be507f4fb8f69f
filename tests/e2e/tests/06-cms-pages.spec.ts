// Every other CMS page loads, has its title and passes axe-core.
import { check, cmsLogin, expect, expectHeading, invite, test,
         uniqueEmail } from '../support/usher';

test('reference data, settings and import pages', async ({ page }) => {
  await cmsLogin(page);
  for (const [path, name] of [['/cms/stores', 'cms-stores'], ['/cms/groups', 'cms-groups'],
                              ['/cms/settings', 'cms-settings'], ['/cms/import', 'cms-import']]) {
    const r = await page.goto(path);
    expect(r!.status(), path).toBe(200);
    await expectHeading(page, /.+/);
    await check(page, name);
  }
});

test('the edit page of a pending invitation', async ({ page }) => {
  const inv = await invite({ first_name: 'Eddy', email: uniqueEmail('edit') });
  await cmsLogin(page);
  await page.goto(`/cms/invitations/${inv.id}/edit`);
  await expect(page.locator('input[name="first_name"]')).toHaveValue('Eddy');
  await check(page, 'cms-edit');
  await page.locator('input[name="first_name"]').fill('Edwin');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.locator(`tr[data-invitation-id="${inv.id}"]`)).toContainText('Edwin');
});

test('a page without a session asks to log in first', async ({ page }) => {
  await page.goto('/cms/users');
  await expect(page).toHaveURL(/\/cms\/login\?next=%2Fcms%2Fusers|\/cms\/login\?next=\/cms\/users/);
});
