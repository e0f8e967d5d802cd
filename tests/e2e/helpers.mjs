// Shared set-up for the end-to-end tests: Debian's Chromium driven by playwright-core.
// `cargo xtask test` serves dist/ and sets BASE_URL and CHROMIUM.
import { chromium } from 'playwright-core';
import { after, before } from 'node:test';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8080';

let browser;
before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
});
after(async () => { await browser?.close(); });

/** A fresh browser profile (empty storage) and a page in it. */
export async function open(path = '/', { init, viewport, media } = {}) {
  const context = await browser.newContext({ viewport: viewport ?? { width: 1200, height: 900 }, acceptDownloads: true });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (media) await page.emulateMedia(media);
  await page.goto(BASE + path);
  await page.locator('greenfit-widget .gf').first().waitFor();
  return { context, page, errors };
}

/** The n-th widget on the page (Playwright's CSS locators pierce open shadow roots). */
export const widget = (page, n = 0) => page.locator('greenfit-widget').nth(n);

/** Picks an answer by its label text inside the question whose legend contains `question`. */
export async function answer(w, question, label) {
  const fieldset = w.locator('fieldset', { has: w.page().locator('legend', { hasText: question }) });
  await fieldset.getByLabel(label, { exact: true }).check();
}

/** Waits until the widget says it saved. */
export async function saved(w) {
  await w.locator('.gf-status', { hasText: 'Saved on this device only' }).waitFor();
}

export async function tab(w, name) {
  await w.locator('.gf-nav button', { hasText: name }).click();
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2.1 A and AA rules) on the widgets and returns the violations. */
export async function axe(page) {
  // Evaluated through the DevTools protocol, so the demo's strict CSP needs no loosening.
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await window.axe.run({ include: [['greenfit-widget']] }, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      rules: { region: { enabled: false } },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
  });
}
