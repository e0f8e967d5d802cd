// Nothing lost, nothing sent: every flow that changes data is checked in storage and after a
// reload, not only on screen (the bugs of shared/reviews/bugs-2026-11-25.md, in the browser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE, open, openHtml, widget, answer, saved, stored, reload, tab, seedUnreadable, anotherTabWritesAfterFirstRead, axe } from './helpers.mjs';

const Q1 = 'climate and resource risks';
const doc = (answers, extra = {}) => ({ format: 'greenfit', version: 1, answers, ...extra });

/** A page without a CSP (so a foreign request would really go out) holding `body`. */
const page = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>greenfit test page</title><link rel="icon" href="data:,">
<script type="module" src="/greenfit.js"></script></head><body>${body}</body></html>`;

/** Creates a canvas and waits until it is stored under `key`. */
async function createCanvas(w, name, key = 'selfcheck') {
  const field = w.getByLabel('Name of the new canvas', { exact: true });
  await field.fill(name);
  await field.press('Enter');
  await w.page().waitForFunction(([k, n]) => (localStorage.getItem(`greenfit:${k}:doc`) ?? '')
    .includes(`"name":${JSON.stringify(n)}`), [key, name]);
}

test('two file imports in a row: the second is stored and comes back after a reload', async () => {
  const { page: p, context } = await open('/');
  const w = widget(p);
  await tab(w, 'Your data');
  const files = [];
  for (const [n, level] of [[1, 1], [2, 3]]) {
    const file = join(tmpdir(), `${process.pid}-import-${n}.json`);
    await writeFile(file, JSON.stringify(doc({ 'rbm-risks': level })));
    files.push(file);
  }
  for (const file of files) {
    await w.locator('input[type=file]').setInputFiles(file);
    await saved(w);
  }
  assert.equal((await stored(p)).answers['rbm-risks'], 3, 'the second file is what is stored');
  assert.equal((await w.evaluate((el) => el.exportData())).answers['rbm-risks'], 3);
  await reload(p);
  assert.equal((await widget(p).evaluate((el) => el.exportData())).answers['rbm-risks'], 3);
  await context.close();
});

test('importData three times, and right after one change: exportData and a reload give the last', async () => {
  const { page: p, context } = await open('/');
  const w = widget(p);
  await w.evaluate((el) => el.ready);
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  await answer(w, Q1, 'We have a written list of the main risks.');
  await saved(w);
  const exported = await w.evaluate((el) => {
    const last = [];
    for (const level of [0, 1, 4]) {
      el.importData({ format: 'greenfit', version: 1, answers: { 'ee-use': level } });
      last.push(el.exportData().answers['ee-use']);
    }
    return last;
  });
  assert.deepEqual(exported, [0, 1, 4], 'exportData right after importData returns the import');
  assert.deepEqual((await stored(p)).answers, { 'ee-use': 4 });
  await reload(p);
  assert.deepEqual((await widget(p).evaluate((el) => el.exportData())).answers, { 'ee-use': 4 });
  await context.close();
});

test('two widgets on one storage key keep each other\'s saves', async () => {
  const { page: p, context } = await openHtml('/t-shared.html', page(`
    <greenfit-widget storage-key="shared" modules="selfcheck"></greenfit-widget>
    <greenfit-widget storage-key="shared" modules="canvas"></greenfit-widget>`));
  const [a, b] = [widget(p, 0), widget(p, 1)];
  await a.getByRole('button', { name: 'Start the self-check' }).click();
  await answer(a, Q1, 'We have a written list of the main risks.');
  await saved(a);
  await createCanvas(b, 'Energy service', 'shared');
  const both = await stored(p, 'shared');
  assert.equal(both.answers['rbm-risks'], 2, 'the canvas widget did not overwrite the answer');
  assert.equal(both.canvases.length, 1);
  await answer(a, Q1, 'No, we have not looked at this.');
  await saved(a);
  const again = await stored(p, 'shared');
  assert.equal(again.answers['rbm-risks'], 0);
  assert.equal(again.canvases.length, 1, 'and the answer widget did not drop the canvas');
  await reload(p);
  // The second widget may still be starting when the first shows: its API waits for `ready`.
  const after = await widget(p, 1).evaluate(async (el) => (await el.ready).exportData());
  assert.equal(after.canvases[0].name, 'Energy service');
  assert.equal(after.answers['rbm-risks'], 0);
  await context.close();
});

test('Undo after creating another canvas: three canvases, unique ids, all back after a reload', async () => {
  const { page: p, context, errors } = await open('/');
  const w = widget(p);
  await tab(w, 'Value canvas');
  for (const name of ['Alpha', 'Beta']) await createCanvas(w, name);
  await w.getByRole('button', { name: 'Delete this canvas' }).click();
  await w.getByText('Canvas deleted.').waitFor();
  await createCanvas(w, 'Gamma');
  await w.getByRole('button', { name: 'Undo' }).click();
  await saved(w);
  const canvases = (await stored(p)).canvases;
  assert.deepEqual(canvases.map((c) => c.name).sort(), ['Alpha', 'Beta', 'Gamma']);
  assert.equal(new Set(canvases.map((c) => c.id)).size, 3, 'ids are unique');
  assert.equal((await w.evaluate((el) => el.exportData())).canvases.length, 3);
  await reload(p);
  const w2 = widget(p);
  assert.equal(await w2.locator('.gf-notice-error').count(), 0, 'no "could not be read" after reload');
  assert.equal((await w2.evaluate((el) => el.exportData())).canvases.length, 3);
  assert.deepEqual(errors, []);
  await context.close();
});

test('dropdowns show what is stored: importance across canvases, company size after an import', async () => {
  const { page: p, context } = await open('/');
  const w = widget(p);
  await tab(w, 'Value canvas');
  const importance = () => w.locator('.gf-block-pains .gf-item').first().getByLabel('How much it matters');
  const pick = (id) => w.getByLabel('Canvas', { exact: true }).selectOption(id);
  for (const name of ['A', 'C']) {
    await createCanvas(w, name);
    const add = w.getByLabel('Add to Pains', { exact: true });
    await add.fill('Costs');
    await add.press('Enter');
  }
  const ids = (await stored(p)).canvases.map((c) => c.id);
  await importance().selectOption('3');
  await pick(ids[0]);
  await importance().selectOption('1');
  await pick(ids[1]);
  await saved(w);
  const c = (await stored(p)).canvases[1];
  assert.equal(c.pains[0].importance, 3);
  assert.equal(await importance().inputValue(), '3', 'the select shows the stored High');
  assert.equal(await w.getByLabel('Canvas', { exact: true }).inputValue(), ids[1]);

  await tab(w, 'Self-check');
  await w.locator('summary', { hasText: 'About your company' }).click();
  const size = w.getByLabel('Company size');
  await size.selectOption('small');
  await size.selectOption('medium');
  await saved(w);
  await w.evaluate((el) => el.importData({ format: 'greenfit', version: 1, profile: { size: 'small' } }));
  await tab(w, 'Self-check');
  if (!(await w.getByLabel('Company size').isVisible())) {
    await w.locator('summary', { hasText: 'About your company' }).click();
  }
  assert.equal(await w.getByLabel('Company size').inputValue(), 'small');
  assert.equal((await stored(p)).profile.size, 'small');
  await context.close();
});

test('an import respects the widget\'s modules', async () => {
  const { page: p, context } = await openHtml('/t-modules.html', page(`
    <greenfit-widget storage-key="only-check" modules="selfcheck"></greenfit-widget>`));
  const w = widget(p);
  const file = { format: 'greenfit', version: 1, position: 'canvas', answers: { 'rbm-risks': 3 } };
  await w.evaluate((el, doc) => el.importData(doc), file);
  await w.getByRole('button', { name: 'Start the self-check' }).waitFor();
  assert.equal(await w.locator('.gf-canvas').count(), 0, 'no canvas editor in a self-check-only widget');
  const kept = await stored(p, 'only-check');
  assert.deepEqual(kept.answers, file.answers, 'the import is stored as it came');
  assert.equal(kept.position, 'canvas');
  await reload(p);
  const again = widget(p);
  await again.getByRole('button', { name: 'Start the self-check' }).waitFor();
  assert.equal(await again.locator('.gf-canvas').count(), 0, 'nor after a reload');
  assert.deepEqual((await again.evaluate((el) => el.exportData())).answers, file.answers);
  await context.close();
});

test('a re-rendered widget without storage-key or id finds its answers again', async () => {
  const { page: p, context } = await openHtml('/t-rerender.html', page('<div id="slot"><greenfit-widget></greenfit-widget></div>'));
  const w = widget(p);
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  await answer(w, Q1, 'We have a written list of the main risks.');
  await saved(w);
  await p.evaluate(() => { document.getElementById('slot').innerHTML = '<greenfit-widget></greenfit-widget>'; });
  const again = widget(p);
  await again.locator('.gf').waitFor();
  assert.equal((await again.evaluate((el) => el.exportData())).answers['rbm-risks'], 2);
  const keys = await p.evaluate(() => Object.keys(localStorage));
  assert.deepEqual(keys, ['greenfit:default:doc']);
  await context.close();
});

test('"Delete all my data" works while only a backup of unreadable data is stored', async () => {
  const { page: p, context } = await open('/', { init: seedUnreadable });
  const w = widget(p);
  await tab(w, 'Your data');
  await w.getByRole('button', { name: 'Download the backup' }).waitFor();
  await w.getByRole('button', { name: 'Delete all my data' }).click();
  await w.getByRole('button', { name: 'Yes, delete everything' }).click();
  await w.getByText('All your data was deleted from this browser.').waitFor();
  const keys = await p.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('greenfit:')));
  assert.deepEqual(keys, []);
  await context.close();
});

test('moving around without entering anything stores nothing and fires no change', async () => {
  const { page: p, context } = await open('/');
  const w = widget(p);
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  await tab(w, 'Results');
  await tab(w, 'Your data');
  assert.equal(await stored(p), null);
  assert.equal(await w.evaluate((el) => el.__gfChanges ?? 0), 0);
  await w.evaluate((el) => el.clearData());
  assert.equal(await w.evaluate((el) => el.__gfChanges ?? 0), 0, 'clearing nothing is no change');
  await context.close();
});

test('the language switch keeps the screen and adds no second colour sheet', async () => {
  const { page: p, context } = await open('/');
  const w = widget(p);
  await tab(w, 'Your data');
  const sheets = () => w.evaluate((el) => el.shadowRoot.adoptedStyleSheets.length);
  const before = await sheets();
  for (const lang of ['de', 'en', 'de']) {
    await w.locator('#gf-lang').selectOption(lang);
    await w.locator(`.gf[lang="${lang}"]`).waitFor();
  }
  assert.equal(await sheets(), before);
  assert.equal(await w.locator('.gf-data').count(), 1, 'still on "Your data"');
  await context.close();
});

test('a page that enforces Trusted Types and allows greenfit\'s policy gets a working widget', async () => {
  const csp = "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    + "require-trusted-types-for 'script'; trusted-types greenfit";
  const { page: p, context } = await openHtml('/t-trusted.html', page('<greenfit-widget storage-key="trusted"></greenfit-widget>')
    .replace('<head>', `<head><meta http-equiv="Content-Security-Policy" content="${csp}">`));
  const violations = [];
  p.on('console', (m) => { if (/Trusted|Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  await reload(p);
  const w = widget(p);
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  await answer(w, Q1, 'We have a written list of the main risks.');
  await saved(w);
  assert.equal((await stored(p, 'trusted')).answers['rbm-risks'], 2);
  await reload(p);
  assert.equal((await stored(p, 'trusted')).answers['rbm-risks'], 2);
  assert.equal(await widget(p).locator('input[type=radio]:checked').count(), 1, 'shown again after the reload');
  assert.deepEqual(violations, []);
  assert.equal(await p.evaluate(() => {
    try { document.createElement('div').innerHTML = '<b>x</b>'; return 'allowed'; } catch { return 'enforced'; }
  }), 'enforced', 'the page does enforce Trusted Types');
  await context.close();
});

test('no other origin is asked for anything, on a page without a CSP to hide it', async () => {
  const config = JSON.stringify({ name: 'Test cluster', logo: '/\\tracker.example/p.gif' });
  const { page: p, context } = await openHtml('/t-open.html', page(`
    <greenfit-widget storage-key="open"><script type="application/json">${config}</script></greenfit-widget>`));
  const requests = [];
  p.on('request', (r) => requests.push(r.url()));
  await reload(p);
  const w = widget(p);
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  await answer(w, Q1, 'No, we have not looked at this.');
  await tab(w, 'Results');
  await tab(w, 'Value canvas');
  await tab(w, 'Your data');
  await w.getByRole('button', { name: 'Download my data' }).click();
  assert.match((await w.evaluate((el) => el.configProblems())).join('\n'), /^logo:/m, 'the sneaky logo is reported');
  // The listener sees every request kind: a probe fetch and image to another origin show up.
  await p.evaluate(() => { fetch('http://probe.invalid/f').catch(() => {}); new Image().src = 'http://probe.invalid/i.gif'; });
  await p.waitForTimeout(300);
  const foreign = requests.filter((u) => !u.startsWith(BASE) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign.sort(), ['http://probe.invalid/f', 'http://probe.invalid/i.gif'],
    'only the probes; greenfit itself asked no one else');
  await context.close();
});

test('a widget taken out of the page stops, and put back it has every answer, even kept in memory only', async () => {
  const { page, context } = await open('/plain.html', {
    init: () => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
    },
  });
  const w = widget(page);
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  await w.locator('input[type=radio]').nth(2).check();
  await w.locator('.gf-status', { hasText: 'does not allow saving here' }).waitFor();
  // Out of the page: the app stops and leaves nothing running in its shadow root.
  await page.evaluate(() => { window.__kept = document.querySelector('greenfit-widget'); window.__kept.remove(); });
  await page.waitForFunction(() => !window.__kept.shadowRoot.querySelector('.gf'));
  // Back in: the answer that lived only in memory is there.
  await page.evaluate(() => document.querySelector('article').append(window.__kept));
  await w.locator('input[type=radio]:checked').waitFor();
  assert.equal(await w.locator('input[type=radio]').nth(2).isChecked(), true);
  // Moved within the page (out and in at once), it keeps running without a restart.
  const before = await w.locator('.gf').elementHandle();
  await page.evaluate(() => { const el = document.querySelector('greenfit-widget'); document.body.append(el); });
  assert.equal(await before.evaluate((node) => node.isConnected), true, 'the same app, not a new one');
  await context.close();
});

test('a document stored by greenfit 0.1: replaced questions carry over or are asked again, and nothing is lost', async () => {
  const v1 = JSON.stringify({
    format: 'greenfit', version: 1, position: 'results',
    answers: { 'ee-use': 3, 'ee-audit': 3, 'ee-renewable': 2, 'gbp-ems': 3, 'wm-hazardous': 0, 'rbm-risks': 2 },
  });
  const { page: p, context, errors } = await open('/', {
    init: `if (!sessionStorage.getItem('seeded')) { sessionStorage.setItem('seeded', '1');
      localStorage.setItem('greenfit:selfcheck:doc', ${JSON.stringify(v1)}); }`,
  });
  const w = widget(p);
  const notice = w.locator('div.gf-changed');
  await notice.getByText('Questions changed since you answered them: 3.').waitFor();
  // The carried answer scores at once: energy is ee-use 3 and ee-energy-audit 3 of 8 -> 75.
  assert.equal((await w.evaluate((el) => el.exportData())).results.areas
    .find((a) => a.area === 'energy-efficiency').score, 75);
  await notice.getByRole('button', { name: 'Answer the changed questions' }).click();
  const question = w.locator('fieldset', { has: p.locator('legend', { hasText: 'environmental management system' }) });
  await question.getByText('We have changed this question since you answered it').waitFor();
  assert.deepEqual(await axe(p), [], 'the changed-question note passes axe-core');
  await answer(w, 'environmental management system', 'We apply some parts of one, such as an environmental policy, targets or a yearly review.');
  await saved(w);
  const doc = await stored(p);
  assert.equal(doc.version, 2);
  assert.equal(doc.answers['gbp-management-system'], 2);
  assert.equal(doc.answers['ee-energy-audit'], 3);
  assert.equal(doc.answers['rbm-risks'], 2);
  assert.equal(doc.answers['ee-audit'], undefined);
  assert.deepEqual(doc.earlier_answers, { 'ee-renewable': 2, 'gbp-ems': 3, 'wm-hazardous': 0 });
  assert.equal(await question.locator('.gf-changed').count(), 0, 'answered: no longer asked again');
  await reload(p);
  const after = await widget(p).evaluate((el) => el.exportData());
  assert.equal(after.version, 2);
  assert.equal(after.answers['gbp-management-system'], 2);
  assert.deepEqual(after.earlier_answers, doc.earlier_answers);
  await tab(widget(p), 'Results');
  await widget(p).locator('div.gf-changed').getByText('Questions changed since you answered them: 2.').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test('an answer is painted first and stored right after; leaving the page at once keeps it', async () => {
  const { page: p, context } = await open('/');
  const w = widget(p);
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  // One task: the click, Yew's render (microtasks), then what is on screen and what is stored
  // before the browser's next frame, and after it.
  const seen = await w.evaluate(async (el) => {
    const radio = el.shadowRoot.querySelector('.gf-question input[type=radio]');
    radio.click();
    for (let n = 0; n < 20; n += 1) await Promise.resolve();
    // What the app shows and exports already has it (the render and its save effect ran).
    const shown = el.exportData().answers[radio.name];
    const before = localStorage.getItem('greenfit:selfcheck:doc');
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    const after = localStorage.getItem('greenfit:selfcheck:doc');
    return { shown, before, after, name: radio.name };
  });
  assert.equal(seen.shown, 0, 'the app has the answer before the next frame');
  assert.equal(seen.before, null, 'the save waits for the paint');
  assert.equal(JSON.parse(seen.after).answers[seen.name], 0, 'and comes right after it');

  // A page closed before the browser paints the click (its frames held back here, as on a
  // busy phone): the answer is written on pagehide.
  const [child] = await Promise.all([
    context.waitForEvent('page'),
    p.evaluate(() => { window.open('/', 'child'); }),
  ]);
  const c = widget(child);
  await c.locator('.gf').waitFor();
  const start = c.getByRole('button', { name: 'Start the self-check' });
  if (await start.count()) await start.click();
  await c.locator('.gf-question').first().waitFor();
  const closed = child.waitForEvent('close');
  const name = await c.evaluate((el) => {
    window.requestAnimationFrame = () => 0;
    const radios = el.shadowRoot.querySelectorAll('.gf-question input[type=radio]');
    radios[radios.length - 1].click();
    window.close();
    return radios[radios.length - 1].name;
  });
  await closed;
  // The closed page wrote it; another page of the browser sees the write a moment later.
  const kept = await p.waitForFunction(
    (n) => JSON.parse(localStorage.getItem('greenfit:selfcheck:doc') ?? '{}').answers?.[n],
    name,
    { timeout: 5000 },
  ).then((answer) => answer.jsonValue(), () => undefined);
  assert.equal(kept, 'dont_know', 'the answer given right before closing is stored');
  await reload(p);
  const back = await widget(p).evaluate((el) => el.exportData());
  assert.equal(back.answers[seen.name], 0);
  assert.equal(back.answers[name], 'dont_know');
  await context.close();
});

test('an answer whose screen takes long to render is written when the page is left right after it', async () => {
  const { page: p, context, errors } = await open('/');
  const w = widget(p);
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  await w.locator('.gf-question').first().waitFor();
  const name = await w.evaluate((el) => {
    // Yew yields to the browser (a timer) once a run has taken 16 ms, between a click's render
    // and what runs after it; a clock that jumps 20 ms at every reading makes every run that
    // long, as a busy phone does. The page is left in that moment (a timer queued before the
    // click runs first): what the browser keeps is what is stored then.
    const now = Date.now.bind(Date);
    let skew = 0;
    Date.now = () => now() + (skew += 20);
    const radio = el.shadowRoot.querySelector('.gf-question input[type=radio]');
    setTimeout(() => {
      window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
      window.atPagehide = localStorage.getItem('greenfit:selfcheck:doc');
    }, 0);
    radio.click();
    return radio.name;
  });
  await p.waitForFunction(() => 'atPagehide' in window);
  const kept = await p.evaluate(() => window.atPagehide);
  assert.ok(kept, 'something is stored when the page is left');
  assert.equal(JSON.parse(kept).answers[name], 0, 'the answer given right before is stored');
  await reload(p);
  assert.equal((await stored(p)).answers[name], 0);
  assert.equal(await w.locator('.gf-question').first().getByRole('radio').first().isChecked(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('another tab\'s save while the widget starts is not written over by its next answer', async () => {
  // A widget reads its document before it listens for changes, and on a phone its first screen
  // is rendered in between: another tab's `storage` event in that moment reached no listener,
  // and the next answer here wrote the older document over the other tab's. Here the other tab
  // saves right after the widget's read.
  const key = 'greenfit:selfcheck:doc';
  const stamp = (answers) => JSON.stringify({ format: 'greenfit', version: 2, position: 'resilient-business-models', answers });
  const { page: p, context, errors } = await open('/', { setup: async (c) => {
    await c.addInitScript(([k, text]) => {
      if (!sessionStorage.getItem('seeded')) {
        sessionStorage.setItem('seeded', 'yes');
        localStorage.setItem(k, text);
      }
    }, [key, stamp({ 'gbp-map': 1 })]);
    await c.addInitScript(anotherTabWritesAfterFirstRead, [key, stamp({ 'gbp-map': 1, 'gbp-staff': 3 })]);
  } });
  const w = widget(p);
  await p.waitForFunction(() => document.querySelector('greenfit-widget').exportData().answers['gbp-staff'] === 3, null, { timeout: 5000 })
    .catch(() => assert.fail('the widget does not show what the other tab saved while it started'));
  await answer(w, Q1, 'We have a written list of the main risks.');
  await saved(w);
  const answers = { 'gbp-map': 1, 'gbp-staff': 3, 'rbm-risks': 2 };
  assert.deepEqual((await stored(p)).answers, answers, 'the other tab\'s answer is kept with this one');
  await reload(p);
  assert.deepEqual((await stored(p)).answers, answers);
  assert.deepEqual(await w.evaluate((el) => el.exportData().answers), answers);
  assert.equal(await w.locator('fieldset', { hasText: Q1 }).getByRole('radio', { name: 'We have a written list of the main risks.' }).isChecked(), true);
  assert.deepEqual(errors, []);
  await context.close();
});

test('text typed but not yet confirmed (the field still has focus) is stored when the page is closed or hidden', async () => {
  // A field saves on `change`, which the browser fires when the field loses focus; a page
  // closed or put away while the visitor is still typing gets none.
  const { page: p, context, errors } = await open('/');
  const [child] = await Promise.all([
    context.waitForEvent('page'),
    p.evaluate(() => { window.open('/', 'child'); }),
  ]);
  const c = widget(child);
  await c.getByText('About your company (optional)').click();
  await c.getByLabel('Sector', { exact: true }).fill('Bakery');
  const closed = child.waitForEvent('close');
  await child.evaluate(() => window.close());
  await closed;
  await p.waitForFunction(() => (localStorage.getItem('greenfit:selfcheck:doc') ?? '').includes('Bakery'), null, { timeout: 5000 });
  assert.equal((await stored(p)).profile.sector, 'Bakery');
  await reload(p);
  const w = widget(p);
  await w.getByText('About your company (optional)').click();
  assert.equal(await w.getByLabel('Sector', { exact: true }).inputValue(), 'Bakery');

  // A note in a service canvas's checklist, the page hidden (a phone switching apps).
  await w.evaluate((el) => el.importData({ format: 'greenfit', version: 2,
    canvases: [{ id: 'c1', name: 'Energy check-up service', service: true }] }));
  await tab(w, 'Value canvas');
  const note = w.getByLabel('Have you tested it with a few members first?');
  await note.fill('Yes, with three bakeries.');
  // A render while the visitor types (here: the same document loaded again) keeps the text.
  await w.evaluate((el) => el.importData(el.exportData()));
  await w.getByText('Your file was loaded.').waitFor();
  assert.equal(await note.inputValue(), 'Yes, with three bakeries.');
  await p.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
    Object.defineProperty(document, 'hidden', { value: true, configurable: true });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
  assert.equal((await stored(p)).canvases[0].checklist.tested, 'Yes, with three bakeries.');
  assert.equal(await w.evaluate((el) => el.shadowRoot.activeElement?.id), 'gf-check-tested', 'the field keeps its focus');
  await reload(p);
  const w2 = widget(p);
  assert.equal(await w2.getByLabel('Have you tested it with a few members first?').inputValue(), 'Yes, with three bakeries.');

  // Only a text field: a radio button with focus is not an answer.
  await tab(w2, 'Self-check');
  await w2.getByRole('button', { name: 'Start the self-check' }).click();
  await w2.locator('.gf-question input[type=radio]').first().focus();
  await p.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
  assert.deepEqual((await stored(p)).answers ?? {}, {});
  assert.deepEqual(errors, []);
  await context.close();
});
