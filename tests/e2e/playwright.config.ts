// End-to-end tests of usher's web pages: the real binary, a real SMTP sink and Debian's
// chromium (never a downloaded browser). Screenshots of every page go to E2E_SCREENSHOTS.
import { defineConfig } from '@playwright/test';
import * as os from 'os';
import * as path from 'path';

const SHOTS = process.env.E2E_SCREENSHOTS ?? path.join(os.tmpdir(), 'usher-e2e-screenshots');
process.env.E2E_SCREENSHOTS = SHOTS;

const chromium = {
  browserName: 'chromium' as const,
  headless: true,
  launchOptions: {
    executablePath: '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
           '--disable-background-networking'],
  },
};

export default defineConfig({
  testDir: './tests',
  outputDir: path.join(SHOTS, '..', 'e2e-results'),
  timeout: 60_000,  // generous: `make test` runs other tiers beside this one on 2 cores
  expect: { timeout: 10_000 },
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  reporter: [['list']],
  globalSetup: './support/global-setup.ts',
  use: { ...chromium, screenshot: 'only-on-failure', trace: 'off' },
  projects: [
    { name: 'chromium', testIgnore: /\.nojs\.spec\.ts$/ },
    // The core flows again with JavaScript off: every page must work without it.
    { name: 'no-javascript', testMatch: /\.nojs\.spec\.ts$/, dependencies: ['chromium'],
      use: { ...chromium, javaScriptEnabled: false } },
  ],
});
