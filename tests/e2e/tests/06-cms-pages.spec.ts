// Every other CMS page loads, has its title and passes axe-core.
import { check, cmsLogin, expect, expectHeading, invite, storeId, test,
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

test('stores: add one, delete it; a manager\'s last store stays (R13)', async ({ page }) => {
  await cmsLogin(page);
  await page.goto('/cms/stores');
  const form = page.locator('form.add-form');
  await form.locator('input[name="name"]').fill('Oostende Kapellestraat');
  await form.locator('input[name="code"]').fill('OST-01');
  await form.getByRole('button').click();
  const row = page.locator('tr[data-store-id]', { hasText: 'Oostende Kapellestraat' });
  await expect(row).toContainText('OST-01');
  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator('tr[data-store-id]', { hasText: 'Oostende' })).toHaveCount(0);

  // The manager of the journey has this store only.
  const last = page.locator(`tr[data-store-id="${storeId(3)}"]`);
  await last.getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator('.error-summary[role="alert"]')).toBeVisible();
  await expect(page.locator(`tr[data-store-id="${storeId(3)}"]`)).toBeVisible();
  await check(page, 'cms-stores-last-store-of-manager');
});

test('settings show every company setting', async ({ page }) => {
  await cmsLogin(page);
  await page.goto('/cms/settings');
  for (const name of ['validity_days', 'reminder_days', 'default_region', 'timezone',
                      'default_language']) {
    await expect(page.locator(`[name="${name}"]`)).toBeVisible();
  }
  await expect(page.getByRole('button', { name: 'Save' })).toBeVisible();
});

test('import: a dry run per row, then the valid rows are invited (R17)', async ({ page }) => {
  const good = uniqueEmail('csv');
  const csv = 'first_name,last_name,email,role,stores,user_groups,language\n' +
    `Wout,Claes,${good},user,,Cashiers,nl\n` +
    `Fien,Peeters,${uniqueEmail('csvbad')},manager,,Cashiers,nl\n`;
  await cmsLogin(page);
  await page.goto('/cms/import');
  await page.locator('input[type="file"]').setInputFiles(
    { name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.locator('.import-report')).toContainText('Valid rows: 1. Rows with errors: 1.');
  await expect(page.locator('tr[data-row="3"]')).toBeVisible();
  await check(page, 'cms-import-report');
  const confirm = page.locator('form.import-invite');
  await confirm.locator('input[name="agreement_accepted"]').check();
  await confirm.getByRole('button', { name: 'Invite 1 valid row' }).click();
  await expect(page.locator('.notice[role="status"]')).toContainText('Invitations sent: 1.');
  await page.goto('/cms/invitations?q=' + encodeURIComponent(good));
  await expect(page.locator('tr[data-invitation-id]', { hasText: good })).toBeVisible();
});
