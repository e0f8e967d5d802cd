// The cluster configuration: by URL and inline, applied to name, colours, intro, modules, areas,
// extra questions and offers; invalid configurations reported while the widget runs on defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, open, widget, tab, axe } from './helpers.mjs';

test('a configuration by URL brands the widget and puts the cluster first for help', async () => {
  const { page, context, errors } = await open('/');
  const w = widget(page);
  await w.locator('.gf-brand', { hasText: 'Alpine Green Industries Cluster' }).waitFor();
  assert.equal(await w.locator('.gf-brand img').getAttribute('src'), '/logo.svg');
  await w.getByText('Member companies of Alpine Green Industries').waitFor();
  // The cluster's extra question is part of its area and scores like the others.
  // ee-use 1 and agi-heat 1: 2 of 8 = 25, Progressing, a stage the energy check-up is for.
  await w.evaluate((el) => el.importData({ format: 'greenfit', version: 1, answers: { 'ee-use': 1, 'agi-heat': 1 } }));
  await tab(w, 'Results');
  assert.equal((await w.locator('tr[data-area="energy-efficiency"] [data-testid=area-score]').textContent()).trim(), '25');
  const help = w.locator('.gf-priorities > li').first();
  assert.match(await help.textContent(), /How Alpine Green Industries Cluster can help/);
  const offer = help.locator('.gf-offers a', { hasText: 'Free energy check-up for members' });
  assert.equal(await offer.getAttribute('href'), 'https://alpine-green.example/energy-check');
  // Cluster help comes before public help.
  const text = await help.textContent();
  assert.ok(text.indexOf('How Alpine Green') < text.indexOf('Public help'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('two clusters side by side: own colours, modules and areas', async () => {
  const { page, context } = await open('/two.html');
  const [north, south] = [widget(page, 0), widget(page, 1)];
  await south.locator('.gf-brand', { hasText: 'South Coast Food Cluster' }).waitFor();
  const accent = (w) => w.locator('.gf-button').first().evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(await accent(north), 'rgb(31, 111, 67)');
  assert.equal(await accent(south), 'rgb(138, 21, 56)');
  assert.equal(await north.locator('.gf-nav button').count(), 4);
  assert.equal(await south.locator('.gf-nav button').count(), 3, 'modules: selfcheck only, no canvas');
  assert.equal(await south.locator('.gf').getAttribute('lang'), 'fr', 'the second cluster speaks French');
  assert.equal(await south.locator('.gf-steps li').count(), 9, 'one area switched off');
  // The page's own CSS still themes on top of the configuration (square corners).
  assert.equal(await south.locator('.gf').evaluate((el) => getComputedStyle(el).borderTopLeftRadius), '0px');
  assert.deepEqual(await axe(page), []);
  await context.close();
});

test('an invalid configuration is reported by field, and the widget runs on defaults', async () => {
  const { page, context } = await open('/config-check.html');
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  const config = JSON.stringify({
    name: 'Test Cluster',
    colors: { accent: 'red; } * { display: none' },
    offers: [{ title: 'Sneaky', link: 'javascript:alert(1)', areas: ['energy-efficiency'] }],
    modules: ['selfcheck', 'chat'],
  }, null, 2);
  await page.locator('#config').fill(config);
  await page.locator('#check').click();
  await page.locator('#result', { hasText: '3 problem(s) found' }).waitFor();
  assert.deepEqual(await page.locator('#problems li').allTextContents(), [
    'colors.accent: is not a colour (use #rrggbb, #rgb or rgb(...))',
    'modules[1]: is not "selfcheck" or "canvas"',
    'offers[0].link: must be an http(s), mailto: or tel: link',
  ]);
  const w = widget(page);
  await w.locator('.gf-config-errors summary', { hasText: 'Configuration problems: 3' }).waitFor();
  assert.equal(await w.locator('.gf-brand').textContent(), 'Test Cluster', 'the valid parts are used');
  assert.equal(await w.locator('.gf-button').first().evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(31, 111, 67)');
  assert.ok(warnings.some((t) => t.includes('greenfit configuration: colors.accent')), warnings.join('\n'));

  // A German-only configuration loads its language first: the check must wait for it, not
  // say "No problems found" because it asked too early.
  await page.locator('#config').fill(JSON.stringify({ languages: { default: 'de', offered: ['de'] }, colors: { accent: 'rgb(31, 111)x' } }));
  await page.locator('#check').click();
  await page.locator('#result', { hasText: '1 problem(s) found' }).waitFor();
  assert.deepEqual(await page.locator('#problems li').allTextContents(), ['colors.accent: is not a colour (use #rrggbb, #rgb or rgb(...))']);

  // The verdict on the text before goes at the click: this text also has one problem, and the
  // old "1 problem(s) found" must not be read as the new one while the check runs.
  await page.locator('#config').fill('{ "name": "Broken", ');
  assert.deepEqual(await page.evaluate(() => {
    document.getElementById('check').click();
    return [document.getElementById('result').textContent, document.querySelectorAll('#problems li').length];
  }), ['Checking…', 0]);
  await page.locator('#result', { hasText: '1 problem(s) found' }).waitFor();
  assert.match(await page.locator('#problems li').textContent(), /^\(config\) \(line 1, column \d+\): EOF while parsing/);
  await widget(page).getByRole('button', { name: 'Start the self-check' }).waitFor();
  await context.close();
});

test('a configuration file that cannot be loaded is reported and the widget still works', async () => {
  const { page, context } = await open('/plain.html');
  await page.evaluate(() => {
    const w = document.createElement('greenfit-widget');
    w.setAttribute('config', 'missing.json');
    w.setAttribute('storage-key', 'missing');
    document.querySelector('article').append(w);
  });
  const w = widget(page, 1);
  await w.locator('.gf-config-errors', { hasText: 'Configuration problems: 1' }).waitFor();
  await w.locator('.gf-config-errors summary').click();
  assert.match(await w.locator('.gf-config-errors li').textContent(), /config: could not load missing.json \(HTTP 404\)/);
  await w.getByRole('button', { name: 'Start the self-check' }).waitFor();
  await context.close();
});

test('a hanging configuration URL: a loading state with its space, then the defaults and a note', async () => {
  const { context, page } = await open('/plain.html');
  await context.route('**/hangs.json', () => { /* never answers */ });
  await context.route('**/hangs-benchmark.json', () => { /* never answers */ });
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
    <script type="module" src="/greenfit.js"></script></head>
    <body><greenfit-widget config="/hangs.json" storage-key="slow"></greenfit-widget>
    <greenfit-widget config="/greenfit.json" storage-key="both"><script type="application/json">{"name": "Inline"}</script></greenfit-widget>
    <greenfit-widget storage-key="bench"><script type="application/json">{"benchmark": "/hangs-benchmark.json"}</script></greenfit-widget></body></html>`;
  await context.route(`${BASE}/slow.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(`${BASE}/slow.html`);
  const slow = page.locator('greenfit-widget').first();
  await slow.locator('.gf-loading[role=status]').waitFor();
  // A benchmark file that never answers does not hold up the first screen.
  const bench = page.locator('greenfit-widget').nth(2);
  await bench.getByRole('button', { name: 'Start the self-check' }).waitFor({ timeout: 5_000 });
  const height = await slow.evaluate((el) => el.getBoundingClientRect().height);
  assert.ok(height > 200, `the widget keeps its space while loading (${height} px)`);
  // After the timeout it runs on its defaults and tells the admin.
  await slow.getByRole('button', { name: 'Start the self-check' }).waitFor({ timeout: 20_000 });
  assert.equal(await slow.locator('.gf-loading').count(), 0);
  assert.deepEqual(await slow.evaluate((el) => el.configProblems()), ['config: /hangs.json did not arrive within 10 s']);
  // Nor does it hold up `ready` for good: given up after 10 s too, and reported.
  await bench.evaluate((el) => el.ready);
  assert.deepEqual(await bench.evaluate((el) => el.configProblems()),
    ['benchmark: /hangs-benchmark.json did not arrive within 10 s']);
  // Inline and attribute together: the inline one, and a note.
  const both = page.locator('greenfit-widget').nth(1);
  await both.locator('.gf-brand', { hasText: 'Inline' }).waitFor();
  assert.deepEqual(await both.evaluate((el) => el.configProblems()),
    ['config: the element has both an inline configuration and a config attribute; the inline one is used']);
  // Attributes are read once: a change says so in the console.
  await both.evaluate((el) => el.setAttribute('lang', 'de'));
  assert.ok(warnings.some((w) => w.includes('the lang attribute is read once')), warnings.join('\n'));
  // On paper: neither the language switch nor the admin's problems.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await both.locator('.gf-config-errors').evaluate((el) => getComputedStyle(el).display), 'none');
  await context.close();
});

test('the first screen does not wait for the benchmark file; the results and ready do', async () => {
  // A member who answered before, so that the results have scores.
  const seed = () => localStorage.setItem('greenfit:late:doc',
    JSON.stringify({ format: 'greenfit', version: 2, answers: { 'ee-use': 3, 'cf-own': 2 } }));
  const { context, page } = await open('/plain.html', { init: seed });
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let asked = false;
  const config = (benchmark) => (route) => route.fulfill({ contentType: 'application/json',
    body: JSON.stringify({ name: 'Late Cluster', benchmark }) });
  await context.route('**/late-config.json', config('/late-benchmark.json'));
  await context.route('**/lost-config.json', config('/lost-benchmark.json'));
  await context.route('**/late-benchmark.json', async (route) => {
    asked = true;
    const file = await route.fetch({ url: `${BASE}/greenfit-benchmark.json` });
    await held;
    await route.fulfill({ response: file });
  });
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
    <script type="module" src="/greenfit.js"></script></head>
    <body><greenfit-widget config="/late-config.json" storage-key="late"></greenfit-widget>
    <greenfit-widget config="/lost-config.json" storage-key="lost"></greenfit-widget></body></html>`;
  await context.route(`${BASE}/late.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${BASE}/late.html`);
  const w = page.locator('greenfit-widget').first();
  // The element is defined once the wasm has started, which can be after the page's load event
  // (a fresh-clone CI run once found `el.ready` still undefined here).
  await page.evaluate(() => customElements.whenDefined('greenfit-widget'));
  await w.evaluate((el) => { el.ready.then(() => { el.__ready = true; }); });
  // The first screen is there while the benchmark file is still on its way; ready is not.
  await w.locator('.gf-brand', { hasText: 'Late Cluster' }).waitFor();
  await tab(w, 'Results');
  await w.getByTestId('overall').waitFor();
  assert.ok(asked, 'the benchmark file was asked for');
  assert.equal(await w.evaluate((el) => el.__ready), undefined, 'ready waits for the benchmark');
  assert.equal(await w.getByTestId('benchmark-note').count(), 0);
  // It arrives: the results on screen show the cluster's medians, and the widget is ready.
  release();
  await w.getByTestId('benchmark-note').waitFor();
  assert.ok(await w.getByTestId('area-benchmark').count() > 0);
  assert.equal(await w.evaluate((el) => el.ready.then(() => el.__ready)), true);
  assert.deepEqual(await w.evaluate((el) => el.configProblems()), []);
  // A benchmark file that cannot be loaded is one of the configuration's problems, once ready.
  const lost = page.locator('greenfit-widget').nth(1);
  await lost.evaluate((el) => el.ready);
  assert.deepEqual(await lost.evaluate((el) => el.configProblems()),
    ['benchmark: could not load /lost-benchmark.json (HTTP 404)']);
  await lost.locator('.gf-config-errors summary').waitFor();
  assert.match(await lost.locator('.gf-config-errors').textContent(), /lost-benchmark\.json/);
  await context.close();
});

test('a cluster with two areas gets bars, not a broken radar', async () => {
  const areas = ['resilient-business-models', 'greening-business-processes', 'circular-economy',
    'environmentally-friendly-products', 'sustainable-investment', 'sustainable-innovation',
    'carbon-footprint', 'waste-management'];
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
    <script type="module" src="/greenfit.js"></script></head><body>
    <greenfit-widget storage-key="two-areas"><script type="application/json">${JSON.stringify({ areas_off: areas })}</script></greenfit-widget>
    </body></html>`;
  const { page, context, errors } = await open('/two-areas.html', { html });
  const w = widget(page);
  await w.evaluate((el) => el.ready);
  await w.evaluate((el) => el.importData({ format: 'greenfit', version: 2, answers: { 'ee-use': 3, 'wc-use': 1 } }));
  await tab(w, 'Results');
  const chart = w.locator('svg.gf-bars');
  await chart.waitFor();
  assert.equal(await w.locator('svg.gf-radar:not(.gf-bars)').count(), 0);
  assert.equal(await chart.locator('.gf-radar-shape').count(), 2, 'one bar per area');
  const labels = await chart.locator('.gf-radar-label').allTextContents();
  assert.equal(labels.length, 2);
  assert.match(labels[0], / 75$/);
  assert.match(labels[1], / 25$/);
  // Bars are as long as the scores: 75 and 25 of 400 units.
  assert.deepEqual(await chart.locator('.gf-radar-shape').evaluateAll((bars) => bars.map((b) => b.getAttribute('width'))), ['300', '100']);
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an inline configuration parsed after the element was defined is still read', async () => {
  const { page, context, errors } = await open('/plain.html');
  // A streamed page: greenfit starts while the widget's children have not arrived yet.
  await page.evaluate(async () => {
    document.open();
    document.write('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>late</title>'
      + '<script type="module" async src="/greenfit.js"></script></head><body><main>'
      + '<greenfit-widget storage-key="late">');
    const start = Date.now();
    while (!customElements.get('greenfit-widget') && Date.now() - start < 10_000) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 100));
    document.write('<script type="application/json">{"name": "Late Inline Cluster"}</scr' + 'ipt>'
      + '</greenfit-widget><p>The rest of the page.</p></main></body></html>');
    document.close();
  });
  const w = widget(page);
  await w.locator('.gf-brand', { hasText: 'Late Inline Cluster' }).waitFor();
  assert.deepEqual(await w.evaluate((el) => el.configProblems()), []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a method called before the widget started says to await ready', async () => {
  const { page, context } = await open('/plain.html');
  const message = await page.evaluate(() => {
    const el = document.createElement('greenfit-widget');
    try { el.exportData(); return 'no error'; } catch (e) { return e.message; }
  });
  assert.match(message, /await widget\.ready/);
  await context.close();
});

test('no waterfall: the configuration and the language bundle are asked for while the wasm downloads, once', async () => {
  const { context } = await open('/plain.html');
  const page = await context.newPage();
  const html = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>t</title>
    <script type="module" src="/greenfit.js"></script></head>
    <body><greenfit-widget config="/greenfit.json" storage-key="early"></greenfit-widget></body></html>`;
  await context.route(`${BASE}/early.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  const asked = [];
  let wasmDone = null;
  page.on('request', (r) => asked.push({ url: new URL(r.url()).pathname, at: Date.now() }));
  page.on('requestfinished', (r) => { if (r.url().endsWith('.wasm')) wasmDone = Date.now(); });
  await page.goto(`${BASE}/early.html`);
  const w = page.locator('greenfit-widget');
  await w.locator('.gf-brand', { hasText: 'Alpine Green Industries Cluster' }).waitFor();
  await w.getByRole('button', { name: 'Selbstcheck starten' }).waitFor();
  const count = (path) => asked.filter((a) => a.url === path).length;
  assert.equal(count('/greenfit.json'), 1, 'the configuration is asked for once');
  assert.equal(count('/greenfit-lang/de.txt'), 1, 'the bundle is asked for once');
  for (const path of ['/greenfit.json', '/greenfit-lang/de.txt']) {
    const at = asked.find((a) => a.url === path).at;
    assert.ok(at <= wasmDone, `${path} was asked for before the wasm had arrived`);
  }
  await context.close();
});

test('English comes as a bundle too: asked for while the wasm downloads, once, and no other', async () => {
  const { context } = await open('/plain.html');
  const check = async (path, html, expected, ready) => {
    const page = await context.newPage();
    await context.route(`${BASE}${path}`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    const asked = [];
    let wasmDone = null;
    page.on('request', (r) => asked.push({ url: new URL(r.url()).pathname, at: Date.now() }));
    page.on('requestfinished', (r) => { if (r.url().endsWith('.wasm')) wasmDone = Date.now(); });
    await page.goto(`${BASE}${path}`);
    await page.locator('greenfit-widget').getByRole('button', { name: ready }).waitFor();
    const bundles = asked.filter((a) => a.url.startsWith('/greenfit-lang/'));
    assert.deepEqual(bundles.map((a) => a.url), [expected], path);
    assert.ok(bundles[0].at <= wasmDone, `${path}: ${expected} was asked for before the wasm had arrived`);
    await page.close();
  };
  // A page without a language: the browser's (English here).
  await check('/nolang.html', `<!doctype html><html><head><meta charset="utf-8"><title>t</title>
    <script type="module" src="/greenfit.js"></script></head>
    <body><greenfit-widget storage-key="nolang"></greenfit-widget></body></html>`, '/greenfit-lang/en.txt', 'Start the self-check');
  // An English page, but the visitor chose Italian in this widget before.
  const chosen = await context.newPage();
  await chosen.goto(`${BASE}/plain.html`);
  await chosen.evaluate(() => localStorage.setItem('greenfit:chosen:lang', 'it'));
  await chosen.close();
  await check('/chosen.html', `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
    <script type="module" src="/greenfit.js"></script></head>
    <body><greenfit-widget storage-key="chosen"></greenfit-widget></body></html>`, '/greenfit-lang/it.txt', 'Inizia');
  await context.close();
});
