// Languages: chosen from the element, the page or the browser; switched inside the widget
// without losing answers; remembered; numbers and dates in the visitor's language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, open, widget, saved, stored, reload, tab, axe, downloaded } from './helpers.mjs';

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

test('with none of its texts, the widget says so, hands out the saved answers and keeps them', async () => {
  const { context, page } = await open('/plain.html');
  const w = widget(page);
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  const question = () => widget(page).getByRole('group', { name: /climate and resource risks/ }).getByRole('radio').nth(3);
  await question().check();
  await saved(w);
  const before = await page.evaluate(() => localStorage.getItem('greenfit:selfcheck:doc'));
  assert.equal(JSON.parse(before).answers['rbm-risks'], 3);

  // The language folder is gone (an admin copied greenfit.js and the wasm only).
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await context.route('**/greenfit-lang/*.txt', (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.reload();
  await page.locator('greenfit-widget [role=alert]', { hasText: 'greenfit could not start. Your saved answers are safe in this browser.' }).waitFor();
  assert.equal(await page.locator('greenfit-widget .gf').count(), 0);
  assert.equal(await page.locator('greenfit-widget .gf-loading').count(), 0, 'no endless loading line');
  assert.ok(warnings.some((t) => /language en: could not load .*greenfit-lang\/en\.txt.*greenfit-lang folder beside greenfit\.js/.test(t)),
    warnings.join('\n'));
  const { text } = await downloaded(page,
    () => page.locator('greenfit-widget').getByRole('button', { name: 'Download my saved answers' }).click());
  assert.equal(text, before);
  assert.equal(await page.evaluate(() => localStorage.getItem('greenfit:selfcheck:doc')), before, 'nothing stored over it');

  // The folder is back: everything is there.
  await context.unroute('**/greenfit-lang/*.txt');
  await reload(page);
  assert.deepEqual((await stored(page)).answers, { 'rbm-risks': 3 });
  if (!(await question().isVisible())) await widget(page).getByRole('button', { name: /self-check/ }).first().click();
  assert.equal(await question().isChecked(), true);
  await context.close();
});

test('a language switch after the network went keeps the language on screen and the answers', async () => {
  const { context, page, errors } = await open('/plain.html');
  const w = widget(page);
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  await w.getByRole('group', { name: /climate and resource risks/ }).getByRole('radio').nth(2).check();
  await saved(w);
  await context.route('**/greenfit-lang/*.txt', (route) => route.abort('internetdisconnected'));
  await w.getByLabel('Language').selectOption('fr');
  await w.getByRole('button', { name: 'Results' }).waitFor();
  const problems = await w.evaluate((el) => el.configProblems());
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0], /^language fr: could not load .*fr\.txt.*; showing English$/);
  assert.equal(await w.locator('#gf-lang').evaluate((s) => s.selectedOptions[0].textContent.trim()), 'English');
  assert.equal(await w.getByRole('group', { name: /climate and resource risks/ }).getByRole('radio').nth(2).isChecked(), true);
  assert.equal((await stored(page)).answers['rbm-risks'], 2);
  await context.unroute('**/greenfit-lang/*.txt');
  await reload(page);
  assert.equal((await stored(page)).answers['rbm-risks'], 2);
  assert.deepEqual(errors, []);
  await context.close();
});
