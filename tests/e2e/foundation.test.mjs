// The embeddable widget: shadow DOM, isolation, storage that never loses an answer, the data
// panel, the element API, and no requests to anyone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE, open, widget, answer, saved, tab, axe, seedUnreadable, stored, reload } from './helpers.mjs';

const Q1 = 'climate and resource risks';

test('renders inside an open shadow root with a first question as a radio group', async () => {
  const { page, errors, context } = await open('/');
  const w = widget(page);
  assert.equal(await w.evaluate((el) => el.shadowRoot?.mode), 'open');
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  const group = w.getByRole('group', { name: /climate and resource risks/ });
  assert.equal(await group.getByRole('radio').count(), 7, 'five levels, not relevant, don\'t know');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the host page\'s aggressive CSS does not reach inside', async () => {
  const { page, context } = await open('/');
  const w = widget(page);
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  const radio = w.getByRole('radio').first();
  const label = w.locator('label.gf-choice').first();
  const button = w.locator('.gf-button').first();
  const styles = await Promise.all([radio, label, button].map((l) => l.evaluate((el) => {
    const s = getComputedStyle(el);
    return { display: s.display, font: s.fontFamily, color: s.color, background: s.backgroundColor, deco: s.textDecorationLine };
  })));
  assert.notEqual(styles[0].display, 'none', 'the site hides radios; ours stay visible');
  assert.ok(!/Georgia/.test(styles[1].font), `label font ${styles[1].font}`);
  assert.notEqual(styles[1].deco, 'line-through');
  assert.notEqual(styles[2].background, 'rgb(255, 0, 170)');
  // And the widget's styles do not leak out: the host page's own button-less header keeps its font.
  const hostFont = await page.locator('.hero p').evaluate((el) => getComputedStyle(el).fontFamily);
  assert.match(hostFont, /Georgia/);
  await context.close();
});

test('the minified stylesheet says what style.css says', async () => {
  // build.rs minifies src/embed/style.css for the wasm: Chromium parses both, and every rule
  // must come out the same (the sheet the widget adopted first is its own stylesheet).
  const source = await readFile(new URL('../../src/embed/style.css', import.meta.url), 'utf8');
  const { page, context } = await open('/');
  const rules = await widget(page).evaluate((el, source) => {
    const text = (sheet) => [...sheet.cssRules].map((r) => r.cssText);
    const original = new CSSStyleSheet();
    original.replaceSync(source);
    const adopted = el.shadowRoot.adoptedStyleSheets[0];
    return { original: text(original), adopted: text(adopted) };
  }, source);
  assert.ok(rules.original.length > 100, `${rules.original.length} rules in style.css`);
  assert.deepEqual(rules.adopted, rules.original);
  await context.close();
});

test('the stylesheet is parsed while the wasm loads, and every widget on the page shares it', async () => {
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const setup = (c) => c.route('**/greenfit_bg.wasm', async (route) => { await held; await route.continue(); });
  const { page, context, errors } = await open('/two.html', { setup, started: false });
  // The wasm has not arrived: no widget has started, and the sheet is already parsed.
  await page.waitForFunction(() => globalThis[Symbol.for('greenfit.early')]?.has('style'));
  const early = await page.evaluate(() => ({
    rules: globalThis[Symbol.for('greenfit.early')].get('style').sheet.cssRules.length,
    started: document.querySelector('greenfit-widget').shadowRoot !== null,
  }));
  assert.ok(early.rules > 100, `${early.rules} rules`);
  assert.equal(early.started, false);
  release();
  await page.locator('greenfit-widget .gf').nth(1).waitFor();
  const shared = await page.evaluate(() => {
    const sheet = globalThis[Symbol.for('greenfit.early')].get('style').sheet;
    return [...document.querySelectorAll('greenfit-widget')].map((el) => el.shadowRoot.adoptedStyleSheets[0] === sheet);
  });
  assert.deepEqual(shared, [true, true]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('left alone, the widget stores nothing and the page hears nothing from it', async () => {
  // While the browser is idle after the first screen, the widget runs an answer on a copy of
  // its state, a change event from a question's fieldset (no radio, so no answer) and a
  // render that changes nothing, so that
  // the first real answer does not wait for the browser to compile that code. None of it may
  // store anything, announce a change or reach the host page.
  const init = () => {
    const request = window.requestIdleCallback;
    window.requestIdleCallback = (callback, options) => request((deadline) => {
      callback(deadline);
      window.__idleDone = (window.__idleDone ?? 0) + 1;
    }, options);
    window.__heard = [];
    for (const type of ['change', 'input', 'click', 'greenfit-change']) {
      document.addEventListener(type, (e) => window.__heard.push(`${type} from ${e.composedPath()[0]?.nodeName}`), true);
    }
  };
  // On the first area, as a returning visitor (only once: a reload keeps what was stored).
  const seed = () => localStorage.getItem('greenfit:selfcheck:doc') ?? localStorage.setItem('greenfit:selfcheck:doc',
    JSON.stringify({ format: 'greenfit', version: 2, position: 'resilient-business-models' }));
  const { page, context, errors } = await open('/plain.html', { init: `(${seed})(); (${init})();` });
  const w = widget(page);
  await page.waitForFunction(() => window.__idleDone >= 1);
  await page.waitForTimeout(300);
  assert.deepEqual(await page.evaluate(() => window.__heard), []);
  assert.deepEqual(JSON.parse(await page.evaluate(() => localStorage.getItem('greenfit:selfcheck:doc'))),
    { format: 'greenfit', version: 2, position: 'resilient-business-models' }, 'the stored document is untouched');
  assert.equal(await w.locator('input[type=radio]:checked').count(), 0);
  // And the first real answer still works: stored, announced once, and back after a reload.
  const radio = w.locator('fieldset.gf-question').first().getByRole('radio').nth(3);
  await radio.check();
  await saved(w);
  assert.equal(await page.evaluate(() => window.__heard.filter((h) => h.startsWith('greenfit-change')).length), 1);
  const question = await radio.getAttribute('name');
  assert.equal((await stored(page)).answers[question], 3);
  await reload(page);
  const again = widget(page).locator('fieldset.gf-question').first().getByRole('radio').nth(3);
  assert.equal(await again.isChecked(), true);
  assert.equal((await stored(page)).answers[question], 3);
  assert.deepEqual(errors, []);
  await context.close();
});

test('answers are saved in this browser and survive a reload', async () => {
  const { page, context } = await open('/');
  const w = widget(page);
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  await answer(w, Q1, 'We have a written list of the main risks.');
  await saved(w);
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('greenfit:selfcheck:doc')));
  assert.equal(stored.answers['rbm-risks'], 2);
  await page.reload();
  const w2 = widget(page);
  // Resumes at the area the visitor was on, with the answer checked.
  await w2.getByRole('heading', { name: 'Resilient business models' }).waitFor();
  assert.equal(await w2.getByLabel('We have a written list of the main risks.').isChecked(), true);
  await context.close();
});

test('the "Saved" line shows the stored time in the visitor\'s time zone, without the browser\'s Intl', async () => {
  // greenfit writes dates itself (src/model/dates.rs): the first Intl.DateTimeFormat a page
  // makes costs about 120 ms of blocked page at 4x throttling. Count every way to make one.
  const init = () => {
    window.__intlDates = 0;
    const Real = Intl.DateTimeFormat;
    Intl.DateTimeFormat = new Proxy(Real, {
      construct(target, args) { window.__intlDates += 1; return Reflect.construct(target, args); },
      apply(target, self, args) { window.__intlDates += 1; return Reflect.apply(target, self, args); },
    });
    for (const name of ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString']) {
      const real = Date.prototype[name];
      Date.prototype[name] = function (...args) { window.__intlDates += 1; return real.apply(this, args); };
    }
  };
  const { page, context } = await open('/', { init, timezoneId: 'Asia/Kolkata' });
  const w = widget(page);
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  await answer(w, Q1, 'We have a written list of the main risks.');
  await saved(w);
  const savedAt = (await stored(page)).saved_at;
  // Kolkata is 5:30 ahead of UTC all year, so a wrong time zone cannot pass by chance.
  const local = new Date(Date.parse(savedAt) + 330 * 60_000);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n) => String(n).padStart(2, '0');
  const expected = `${local.getUTCDate()} ${months[local.getUTCMonth()]} ${local.getUTCFullYear()}, `
    + `${two(local.getUTCHours())}:${two(local.getUTCMinutes())}`;
  const status = w.locator('.gf-status', { hasText: 'Saved on this device only' });
  assert.equal(await status.textContent(), `Saved on this device only · ${expected}`);
  // The idle warm-up has run by now too (it used to make a formatter): none was made.
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => window.__intlDates), 0);
  await context.close();
});

test('export, delete, then import brings everything back', async () => {
  const { page, context } = await open('/');
  const w = widget(page);
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  await answer(w, Q1, 'Risks and opportunities feed into our strategy and budget decisions.');
  await answer(w, 'key suppliers', "Don't know");
  await saved(w);
  await tab(w, 'Your data');
  const [download] = await Promise.all([page.waitForEvent('download'), w.getByRole('button', { name: 'Download my data' }).click()]);
  const file = join(tmpdir(), `greenfit-e2e-${process.pid}.json`);
  await download.saveAs(file);
  const exported = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(exported.format, 'greenfit');
  assert.equal(exported.answers['rbm-risks'], 4);
  assert.equal(exported.answers['rbm-suppliers'], 'dont_know');
  // rbm: (4 + 0) / 8 = 50
  assert.equal(exported.results.areas[0].score, 50);

  await w.getByRole('button', { name: 'Delete all my data' }).click();
  await w.getByRole('button', { name: 'Yes, delete everything' }).click();
  await w.getByText('All your data was deleted from this browser.').waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('greenfit:selfcheck:doc')), null);

  await w.locator('input[type=file]').setInputFiles(file);
  await w.getByText('Your file was loaded.').waitFor();
  const back = JSON.parse(await page.evaluate(() => localStorage.getItem('greenfit:selfcheck:doc')));
  assert.deepEqual(back.answers, exported.answers, 'the import is stored');
  await page.reload();
  await tab(w, 'Self-check');
  await w.getByRole('button', { name: 'Resilient business models' }).click();
  assert.equal(await w.getByLabel('Risks and opportunities feed into our strategy and budget decisions.').isChecked(), true);
  await context.close();
});

test('bad import files are refused with a clear message and change nothing', async () => {
  const { page, context } = await open('/');
  const w = widget(page);
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  await answer(w, Q1, 'We have a written list of the main risks.');
  await saved(w);
  await tab(w, 'Your data');
  const cases = [
    ['not-json.json', 'this is { not json', /could not be read as data/],
    ['other.json', JSON.stringify({ hello: 'world' }), /not a greenfit file/],
    ['newer.json', JSON.stringify({ format: 'greenfit', version: 999 }), /newer version of greenfit/],
    ['damaged.json', JSON.stringify({ format: 'greenfit', version: 1, answers: { 'rbm-risks': 12 } }), /damaged/],
    ['big.json', JSON.stringify({ format: 'greenfit', version: 1, pad: 'x'.repeat(2_200_000) }), /too large/],
  ];
  for (const [name, text, message] of cases) {
    const file = join(tmpdir(), `${process.pid}-${name}`);
    await writeFile(file, text);
    await w.locator('input[type=file]').setInputFiles(file);
    await w.locator('.gf-notice-error').filter({ hasText: message }).waitFor();
    await w.getByRole('button', { name: 'Dismiss' }).click();
  }
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('greenfit:selfcheck:doc')));
  assert.equal(stored.answers['rbm-risks'], 2, 'answers untouched');
  await context.close();
});

test('unreadable stored data is backed up, reported and offered for download', async () => {
  const { page, context } = await open('/', { init: seedUnreadable });
  const w = widget(page);
  await w.locator('.gf-notice-error', { hasText: 'could not be read' }).waitFor();
  assert.equal(await page.evaluate(() => localStorage.getItem('greenfit:selfcheck:backup')),
    '{"format":"greenfit","version":1,"answers":{');
  await tab(w, 'Your data');
  const [download] = await Promise.all([page.waitForEvent('download'), w.getByRole('button', { name: 'Download the backup' }).click()]);
  const file = join(tmpdir(), `${process.pid}-backup.json`);
  await download.saveAs(file);
  assert.equal(await readFile(file, 'utf8'), '{"format":"greenfit","version":1,"answers":{');
  await context.close();
});

test('blocked storage: the widget works in memory, says so, and export still works', async () => {
  const init = () => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
  };
  const { page, context, errors } = await open('/', { init });
  const w = widget(page);
  await w.locator('.gf-status', { hasText: 'does not allow saving' }).waitFor();
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  await answer(w, Q1, 'We have a written list of the main risks.');
  const exported = await w.evaluate((el) => el.exportData());
  assert.equal(exported.answers['rbm-risks'], 2);
  await tab(w, 'Your data');
  const [download] = await Promise.all([page.waitForEvent('download'), w.getByRole('button', { name: 'Download my data' }).click()]);
  assert.match(download.suggestedFilename(), /^greenfit-\d{4}-\d{2}-\d{2}\.json$/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('two widgets on one page keep separate answers', async () => {
  const { page, context } = await open('/two.html');
  const [a, b] = [widget(page, 0), widget(page, 1)];
  await a.getByRole('button', { name: 'Start the self-check' }).click();
  await answer(a, Q1, 'We have a written list of the main risks.');
  await saved(a);
  await b.getByRole('button', { name: "Commencer l'autodiagnostic" }).click();
  assert.equal(await b.getByRole('radio', { checked: true }).count(), 0);
  // Only the widget with an answer stored anything: opening the other stores nothing.
  const keys = await page.evaluate(() => Object.keys(localStorage).sort());
  assert.deepEqual(keys, ['greenfit:north:doc']);
  await context.close();
});

test('element API: exportData, importData, clearData and the greenfit-change event', async () => {
  const { page, context } = await open('/');
  const result = await page.evaluate(async () => {
    const el = document.querySelector('greenfit-widget');
    const events = [];
    el.addEventListener('greenfit-change', (e) => events.push(e.detail.reason));
    const before = el.exportData();
    let error = null;
    try { el.importData({ format: 'something-else' }); } catch (e) { error = e.message; }
    const afterBad = el.exportData();
    // A version 1 file: its answer to the replaced ee-audit carries over to ee-energy-audit.
    el.importData({ format: 'greenfit', version: 1, answers: { 'ee-use': 4, 'ee-audit': 0 } });
    await new Promise((r) => setTimeout(r, 200));
    const afterGood = el.exportData();
    el.clearData();
    const afterClear = el.exportData();
    return { before, error, afterBad, afterGood, afterClear, events, isError: error !== null };
  });
  assert.deepEqual(result.before.answers, {});
  assert.match(result.error, /not a greenfit file/);
  assert.deepEqual(result.afterBad.answers, {});
  assert.deepEqual(result.afterGood.answers, { 'ee-energy-audit': 0, 'ee-use': 4 });
  assert.equal(result.afterGood.results.areas.find((a) => a.area === 'energy-efficiency').score, 50);
  assert.deepEqual(result.afterClear.answers, {});
  assert.deepEqual(result.events, ['import', 'clear']);
  await context.close();
});

/**
 * An init script: the clock jumps 20 ms at every reading, as on a slow phone where the first
 * screen takes longer than Yew's 16 ms slice. Yew then lets the browser run (a `setTimeout`)
 * between putting the first screen in the page and starting the app's listeners, and a page
 * that calls the element API as `ready` resolves runs in that gap. `window.atReady` does so.
 */
function slowFirstScreen() {
  const now = Date.now.bind(Date);
  let skew = 0;
  Date.now = () => now() + (skew += 20);
  customElements.whenDefined('greenfit-widget')
    .then(() => document.querySelector('greenfit-widget').ready)
    .then((el) => window.atReady?.(el));
}

test('an import as `ready` resolves, before the app listens, is shown, kept by the next answer and by a reload', async () => {
  const init = () => {
    window.atReady = (el) => {
      if (sessionStorage.getItem('imported')) return;
      sessionStorage.setItem('imported', '1');
      el.importData({ format: 'greenfit', version: 2, answers: { 'ee-use': 4, 'wm-sort': 2 } });
    };
  };
  const { page, context, errors } = await open('/plain.html', { init, setup: (c) => c.addInitScript(slowFirstScreen) });
  const w = widget(page);
  await w.getByText('Your file was loaded.').waitFor();
  // The idle warm-up renders the app once more: what it shows must still be the import.
  await page.evaluate(() => new Promise((r) => requestIdleCallback(() => setTimeout(r, 50))));
  const shown = await w.evaluate((el) => el.exportData().answers);
  assert.deepEqual(shown, { 'ee-use': 4, 'wm-sort': 2 });
  // The next answer is saved beside the imported ones, not over them.
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  await answer(w, 'Have you listed the climate and resource risks', 'No, we have not looked at this.');
  await page.waitForFunction(() => (localStorage.getItem('greenfit:selfcheck:doc') ?? '').includes('"rbm-risks":0'));
  assert.deepEqual((await stored(page)).answers, { 'ee-use': 4, 'rbm-risks': 0, 'wm-sort': 2 });
  await reload(page);
  assert.deepEqual(await w.evaluate((el) => el.exportData().answers), { 'ee-use': 4, 'rbm-risks': 0, 'wm-sort': 2 });
  // Reopened at the first area, with the answer given there checked.
  assert.equal(await w.locator('fieldset', { has: page.locator('legend', { hasText: 'Have you listed the climate and resource risks' }) })
    .getByLabel('No, we have not looked at this.', { exact: true }).isChecked(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a delete as `ready` resolves, before the app listens, is shown and not undone by the next answer', async () => {
  const init = () => {
    if (!sessionStorage.getItem('seeded')) {
      sessionStorage.setItem('seeded', '1');
      localStorage.setItem('greenfit:selfcheck:doc', JSON.stringify({ format: 'greenfit', version: 2, answers: { 'wm-sort': 2 } }));
      window.atReady = (el) => el.clearData();
    }
  };
  const { page, context, errors } = await open('/plain.html', { init, setup: (c) => c.addInitScript(slowFirstScreen) });
  const w = widget(page);
  await w.getByText('All your data was deleted from this browser.').waitFor();
  await page.evaluate(() => new Promise((r) => requestIdleCallback(() => setTimeout(r, 50))));
  assert.deepEqual(await w.evaluate((el) => el.exportData().answers), {});
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  await answer(w, 'Have you listed the climate and resource risks', 'No, we have not looked at this.');
  await page.waitForFunction(() => (localStorage.getItem('greenfit:selfcheck:doc') ?? '').includes('"rbm-risks":0'));
  assert.deepEqual((await stored(page)).answers, { 'rbm-risks': 0 });
  await reload(page);
  assert.deepEqual(await w.evaluate((el) => el.exportData().answers), { 'rbm-risks': 0 });
  assert.deepEqual(errors, []);
  await context.close();
});

test('another tab\'s change is picked up', async () => {
  const { page, context } = await open('/');
  const other = await context.newPage();
  await other.goto(BASE + '/');
  await widget(other).locator('.gf').waitFor();
  await widget(other).evaluate((el) => el.importData({ format: 'greenfit', version: 1, answers: { 'rbm-risks': 3 } }));
  const w = widget(page);
  await w.getByText('changed in another window').waitFor();
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  assert.equal(await w.getByLabel('Each risk has an owner and actions, and we review the list every year.').isChecked(), true);
  await context.close();
});

test('the radios on screen follow answers changed elsewhere while their area is open', async () => {
  // A question's radios are made once and then kept by the browser; which one is checked is
  // set on them after every change, whoever made it: a click, an import, another tab, a delete.
  const { page, context, errors } = await open('/');
  const w = widget(page);
  const checked = () => w.evaluate((el) => Object.fromEntries(
    [...el.shadowRoot.querySelectorAll('input[type=radio]:checked')].map((r) => [r.name, r.value])));
  const until = async (want) => {
    for (let i = 0; i < 100 && JSON.stringify(await checked()) !== JSON.stringify(want); i++) {
      await page.waitForTimeout(50);
    }
    assert.deepEqual(await checked(), want);
  };
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  await answer(w, Q1, 'We have a written list of the main risks.');
  await saved(w);
  await until({ 'rbm-risks': '2' });

  await w.evaluate((el) => el.importData({ format: 'greenfit', version: 2, position: 'resilient-business-models',
    answers: { 'rbm-risks': 3, 'rbm-suppliers': 'dont_know' } }));
  await until({ 'rbm-risks': '3', 'rbm-suppliers': 'dont_know' });
  assert.deepEqual((await stored(page)).answers, { 'rbm-risks': 3, 'rbm-suppliers': 'dont_know' });

  const other = await context.newPage();
  await other.goto(BASE + '/');
  await widget(other).locator('.gf').waitFor();
  await widget(other).evaluate((el) => el.importData({ format: 'greenfit', version: 2,
    position: 'resilient-business-models', answers: { 'rbm-suppliers': 1 } }));
  await w.getByText('changed in another window').waitFor();
  await until({ 'rbm-suppliers': '1' });
  await other.close();

  await w.evaluate((el) => el.clearData());
  await until({});
  assert.equal(await stored(page), null);
  await reload(page);
  assert.equal(await stored(page), null);
  await widget(page).getByRole('button', { name: 'Start the self-check' }).click();
  await widget(page).getByRole('heading', { name: 'Resilient business models' }).waitFor();
  await until({});
  assert.deepEqual(errors, []);
  await context.close();
});

test('a change of state keeps the elements that stay: what is opened, focused and typed', async () => {
  // Every change writes the screen again as HTML and patches the elements on screen to match
  // it (src/embed/element.js): an element that stays is the same element, with the browser's
  // own state in it.
  const { page, context, errors } = await open('/');
  const w = widget(page);
  const root = (fn, arg) => w.evaluate(fn, arg);
  // The profile, opened by the visitor, stays open through the save of its own field.
  await w.getByText('About your company (optional)').click();
  await w.getByLabel('Sector').fill('Bakery');
  await w.getByLabel('Sector').press('Tab');
  await saved(w);
  assert.equal((await stored(page)).profile.sector, 'Bakery');
  assert.equal(await root((el) => el.shadowRoot.querySelector('details.gf-profile').open), true, 'still open');
  assert.equal(await root((el) => el.shadowRoot.activeElement?.id), 'gf-size', 'focus moved on by Tab');
  // Text typed in a field with focus survives a render made meanwhile (another widget's save
  // on the same key writes this screen again).
  await w.getByLabel('Country').fill('Malt');
  await root((el) => { el.__country = el.shadowRoot.getElementById('gf-country'); });
  await root((el) => el.importData({ format: 'greenfit', version: 2, answers: { 'rbm-suppliers': 2 }, profile: { sector: 'Bakery' } }));
  assert.equal(await root((el) => el.shadowRoot.getElementById('gf-country') === el.__country), true, 'the same element');
  assert.equal(await w.getByLabel('Country').inputValue(), 'Malt', 'what was typed is still there');
  assert.equal(await root((el) => el.shadowRoot.activeElement?.id), 'gf-country', 'and it keeps its focus');
  await w.getByLabel('Country').press('Tab');
  await saved(w);
  const profile = (await stored(page)).profile;
  assert.deepEqual([profile.sector, profile.country], ['Bakery', 'Malt']);
  // A radio chosen with the keyboard keeps the focus after its answer is stored and shown.
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  const radio = w.locator('fieldset', { has: page.locator('legend', { hasText: Q1 }) }).locator('input[type=radio]').first();
  await radio.focus();
  await page.keyboard.press('ArrowDown');
  await saved(w);
  assert.equal(await root((el) => el.shadowRoot.activeElement?.value), '1', 'focus on the chosen radio');
  assert.equal((await stored(page)).answers['rbm-risks'], 1);
  // "Your data"'s record of what is stored, opened by the visitor, stays open when what is
  // stored changes under it (here the host page imports; another tab's save is the same).
  await tab(w, 'Your data');
  const record = w.locator('details.gf-stored');
  await record.locator('summary').click();
  await root((el) => el.importData({ format: 'greenfit', version: 2, answers: { 'rbm-risks': 3 },
    profile: { sector: 'Bakery', country: 'Malta' } }));
  await record.getByText('Malta').waitFor();
  assert.equal(await record.evaluate((d) => d.open), true, 'the record is still open');
  // Dismissing the notice the import showed (above the screen) leaves the screen as it is.
  await root((el) => { el.__view = el.shadowRoot.querySelector('.gf-view'); });
  await w.locator('.gf-notice').getByRole('button', { name: 'Dismiss' }).click();
  await w.locator('.gf-notice').waitFor({ state: 'detached' });
  assert.equal(await root((el) => el.shadowRoot.querySelector('.gf-view') === el.__view), true, 'the same screen');
  assert.equal(await record.evaluate((d) => d.open), true, 'the record is open after the notice went');
  await reload(page);
  const after = await stored(page);
  assert.deepEqual([after.profile.sector, after.profile.country, after.answers], ['Bakery', 'Malta', { 'rbm-risks': 3 }]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a part of the screen missing from the page is written in full again', async () => {
  // A question unchanged by an answer is not sent again; if its element is not on screen (a
  // host script took it out), the whole screen is written.
  const { page, context, errors } = await open('/');
  const w = widget(page);
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  const radios = (key) => w.evaluate((el, k) =>
    el.shadowRoot.querySelectorAll(`fieldset[data-key="${k}"] input[type=radio]`).length, key);
  assert.equal(await radios('q-rbm-suppliers'), 7);
  await w.evaluate((el) => el.shadowRoot.querySelector('fieldset[data-key="q-rbm-suppliers"]').remove());
  await answer(w, Q1, 'We have a written list of the main risks.');
  await saved(w);
  assert.equal(await radios('q-rbm-suppliers'), 7, 'the question is back, whole');
  assert.equal(await w.locator('[data-same]').count(), 0, 'no placeholder on screen');
  assert.equal((await stored(page)).answers['rbm-risks'], 2);
  await reload(page);
  assert.equal((await stored(page)).answers['rbm-risks'], 2);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the page asks no other origin for anything', async () => {
  const { page, context } = await open('/', { init: undefined });
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.reload();
  const w = widget(page);
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  await answer(w, Q1, 'No, we have not looked at this.');
  await tab(w, 'Results');
  await tab(w, 'Your data');
  await w.getByRole('button', { name: 'Download my data' }).click();
  const foreign = requests.filter((u) => !u.startsWith(BASE) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  assert.ok(requests.some((u) => u.endsWith('/greenfit_bg.wasm')), 'the wasm came from the same origin');
  await context.close();
});

test('axe-core finds no violations on the start, an area and the data panel', async () => {
  const { page, context } = await open('/');
  const w = widget(page);
  assert.deepEqual(await axe(page), [], 'start');
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  assert.deepEqual(await axe(page), [], 'first area');
  await tab(w, 'Your data');
  assert.deepEqual(await axe(page), [], 'data panel');
  await context.close();
});
