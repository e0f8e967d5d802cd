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

/**
 * A fresh browser profile in the suite's one browser, for pages on another origin than the
 * demo's (an admin's own site, WordPress). One browser for the whole file: a second launch
 * per test is slower, and under load it once died starting up.
 */
export const newContext = (options = {}) => browser.newContext(options);

/**
 * A fresh browser profile (empty storage) and a page in it. With `html`, that page is served at
 * `path` on the demo's origin (for pages the demo does not have: no CSP, two widgets on one
 * key, ...); greenfit.js and the rest still come from the demo server.
 */
export async function open(path = '/', { init, viewport, media, html, timezoneId, setup, started = true } = {}) {
  const context = await browser.newContext({ viewport: viewport ?? { width: 1200, height: 900 }, acceptDownloads: true, timezoneId });
  await context.addInitScript(countChanges);
  if (init) await context.addInitScript(init);
  if (setup) await setup(context); // routes of its own, for example
  if (html) await context.route(BASE + path, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (media) await page.emulateMedia(media);
  await page.goto(BASE + path);
  if (started) await page.locator('greenfit-widget .gf').first().waitFor();
  return { context, page, errors };
}

/** `open` with `html` served at `path`. */
export const openHtml = (path, html, options = {}) => open(path, { ...options, html });

/** An init script: the first load finds an unreadable document stored for the demo widget. */
export function seedUnreadable() {
  if (!sessionStorage.getItem('seeded')) {
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('greenfit:selfcheck:doc', '{"format":"greenfit","version":1,"answers":{');
  }
}

/**
 * An init script, with its argument `[key, text]`: another tab stores `text` under `key` right
 * after the page first reads `key`, as a page that is still starting would miss it (a write
 * from the page itself sends the page no `storage` event, as a missed one would not arrive).
 * Only on the first load of the tab: a reload reads what is stored.
 */
export function anotherTabWritesAfterFirstRead([key, text]) {
  if (sessionStorage.getItem('written after the first read')) return;
  sessionStorage.setItem('written after the first read', 'yes');
  const get = Storage.prototype.getItem;
  let read = false;
  Storage.prototype.getItem = function getItem(k) {
    const value = get.call(this, k);
    if (!read && k === key) {
      read = true;
      localStorage.setItem(key, text);
    }
    return value;
  };
}

/** The n-th widget on the page (Playwright's CSS locators pierce open shadow roots). */
export const widget = (page, n = 0) => page.locator('greenfit-widget').nth(n);

/** Picks an answer by its label text inside the question whose legend contains `question`. */
export async function answer(w, question, label) {
  const fieldset = w.locator('fieldset', { has: w.page().locator('legend', { hasText: question }) });
  await fieldset.getByLabel(label, { exact: true }).check();
}

/** Counts each widget's `greenfit-change` events on the element, so tests can wait for a new one. */
function countChanges() {
  document.addEventListener('greenfit-change', (e) => {
    e.target.__gfChanges = (e.target.__gfChanges ?? 0) + 1;
  }, true);
}

/**
 * Waits for a save (a `greenfit-change` event) that this test has not waited for yet, then for
 * the status to say so. Text left from an earlier save, or an imported `saved_at`, does not count.
 */
export async function saved(w) {
  await w.evaluate((el) => new Promise((resolve, reject) => {
    const seen = el.__gfSeen ?? 0;
    const start = Date.now();
    const poll = () => {
      const now = el.__gfChanges ?? 0;
      if (now > seen) { el.__gfSeen = now; resolve(); }
      else if (Date.now() - start > 10_000) reject(new Error('no new save within 10 s'));
      else setTimeout(poll, 10);
    };
    poll();
  }));
  await w.locator('.gf-status', { hasText: 'Saved on this device only' }).waitFor();
}

/** The widget's stored document, parsed, straight from localStorage (null when none). */
export async function stored(page, key = 'selfcheck') {
  const text = await page.evaluate((k) => localStorage.getItem(`greenfit:${k}:doc`), key);
  return text === null ? null : JSON.parse(text);
}

/** Reloads the page and waits for the widgets to be back. */
export async function reload(page) {
  await page.reload();
  await page.locator('greenfit-widget .gf').first().waitFor();
}

export async function tab(w, name) {
  await w.locator('.gf-nav button', { hasText: name }).click();
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2.1 A and AA rules) on the widgets (or `selector`) and returns the violations. */
export async function axe(page, selector = 'greenfit-widget') {
  // Evaluated through the DevTools protocol, so the demo's strict CSP needs no loosening.
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(axeSource);
  return page.evaluate(async (selector) => {
    const result = await window.axe.run({ include: [[selector]] }, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      rules: { region: { enabled: false } },
    });
    return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join('; ')})`);
  }, selector);
}

/** The text and name of the file that `click` makes the page download. */
export async function downloaded(page, click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}
