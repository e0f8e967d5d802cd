// Languages: chosen from the element, the page or the browser; switched inside the widget
// without losing answers; remembered; numbers and dates in the visitor's language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, open, widget, saved, tab, axe } from './helpers.mjs';

test('switching language keeps the answers, moves focus back to the switch and is remembered', async () => {
  const { page, context, errors } = await open('/');
  const w = widget(page);
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  await w.getByRole('group', { name: /climate and resource risks/ }).getByRole('radio').nth(3).check();
  await saved(w);
  await w.getByLabel('Language').selectOption('de');
  await w.getByRole('heading', { name: 'Resiliente Geschäftsmodelle' }).waitFor();
  assert.equal(await w.locator('.gf').getAttribute('lang'), 'de');
  assert.equal(await w.evaluate((el) => el.shadowRoot.activeElement?.id), 'gf-lang');
  assert.equal(await w.getByLabel('Jedes Risiko hat eine verantwortliche Person und Maßnahmen, und wir überprüfen die Liste jährlich.').isChecked(), true);
  // Dates follow the language (German: "1. Dez. 2026, 15:20", from src/content/dates.json).
  assert.match(await w.locator('.gf-status').textContent(),
    / · \d{1,2}\. (Jan\.|Feb\.|März|Apr\.|Mai|Juni|Juli|Aug\.|Sept\.|Okt\.|Nov\.|Dez\.) \d{4}, \d{2}:\d{2}$/);
  await page.reload();
  await widget(page).getByRole('heading', { name: 'Resiliente Geschäftsmodelle' }).waitFor();
  await tab(widget(page), 'Ergebnisse');
  await widget(page).getByText('Gesamt: 75 von 100 · Vorreiter').waitFor();
  assert.deepEqual(await axe(page), [], 'German results');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the element\'s lang attribute, then the page\'s, then the browser\'s languages choose', async () => {
  const { page, context } = await open('/plain.html');
  await page.evaluate(() => {
    const add = (attrs) => {
      const w = document.createElement('greenfit-widget');
      for (const [k, v] of Object.entries(attrs)) w.setAttribute(k, v);
      document.querySelector('article').append(w);
    };
    add({ lang: 'de-AT', 'storage-key': 'by-attribute' });
    document.documentElement.lang = 'de';
    add({ 'storage-key': 'by-page' });
  });
  await widget(page, 1).getByRole('button', { name: 'Selbstcheck starten' }).waitFor();
  await widget(page, 2).getByRole('button', { name: 'Selbstcheck starten' }).waitFor();
  await context.close();

  // With no language on the element or the page, the browser's languages decide.
  const german = await page.context().browser().newContext({ locale: 'de-DE' });
  const p2 = await german.newPage();
  await p2.goto(process.env.BASE_URL + '/plain.html');
  await widget(p2).getByRole('button', { name: 'Start the self-check' }).waitFor();
  await p2.evaluate(() => {
    document.documentElement.removeAttribute('lang');
    const w = document.createElement('greenfit-widget');
    w.setAttribute('storage-key', 'by-browser');
    document.querySelector('article').append(w);
  });
  await widget(p2, 1).getByRole('button', { name: 'Selbstcheck starten' }).waitFor();
  await german.close();
});

test('when a language bundle cannot be loaded, the switch says English, as the content is', async () => {
  const { context, page } = await open('/plain.html');
  await context.route('**/greenfit-lang/de.txt', (route) => route.fulfill({ status: 404, body: 'gone' }));
  const html = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>t</title>
    <script type="module" src="/greenfit.js"></script></head><body>
    <greenfit-widget storage-key="fallback"><script type="application/json">{"languages": {"offered": ["de", "fr"]}}</script></greenfit-widget></body></html>`;
  await context.route(`${BASE}/fallback.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${BASE}/fallback.html`);
  const w = page.locator('greenfit-widget');
  await w.getByRole('button', { name: 'Start the self-check' }).waitFor();
  const shown = await w.locator('#gf-lang').evaluate((select) => select.selectedOptions[0].textContent.trim());
  assert.equal(shown, 'English');
  await context.close();
});
