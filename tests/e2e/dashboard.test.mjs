// The cluster's side, end to end: members share from the widget, the dashboard reads the files,
// its numbers equal the members' own scores, its benchmark goes into the widget's config, and
// the widget shows the cluster's median. Storage and a reload are checked, not only the screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { BASE, open, openHtml, widget, tab, reload, axe, downloaded, anotherTabWritesAfterFirstRead } from './helpers.mjs';

const content = JSON.parse(readFileSync('src/content/selfcheck.en.json', 'utf8'));
const questionIds = content.areas.flatMap((a) => a.questions.map((q) => q.id));
const SHARES_KEY = 'greenfit-dashboard:shares';

/** A member's document: every question at `level`, one area lower, one "don't know". */
function memberDoc(n) {
  const answers = {};
  questionIds.forEach((id, i) => { answers[id] = (n + i) % 5; });
  answers[questionIds[n]] = 'dont_know';
  return {
    format: 'greenfit', version: 1, answers,
    profile: { sector: n % 2 ? 'Food' : 'Metal', size: n < 3 ? 'micro' : 'small', country: 'AT' },
  };
}

/** Opens a dashboard page in a fresh profile and waits for it. */
async function openDashboard(path = '/dashboard.html', { init, html } = {}) {
  const { context, page, errors } = await open('/plain.html');
  if (init) await context.addInitScript(init);
  if (html) await context.route(BASE + path, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(BASE + path);
  const board = page.locator('greenfit-dashboard');
  await board.locator('.gd').waitFor();
  return { context, page, errors, board };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = (s.length - 1) / 2;
  return (s[Math.floor(mid)] + s[Math.ceil(mid)]) / 2;
}

/** One member shares from the demo site's widget; returns the share file, the code and the member's own results. */
async function shareFrom(n) {
  const { context, page } = await open('/');
  const w = widget(page);
  await w.evaluate((el, doc) => el.importData(doc), memberDoc(n));
  await tab(w, 'Results');
  await w.getByRole('button', { name: 'Share with Alpine Green Industries Cluster' }).click();
  const panel = w.locator('[data-testid=share]');
  await panel.waitFor();
  // Scores only is the default, and the panel says what is shared.
  assert.ok(await panel.getByLabel('Scores only (recommended)').isChecked());
  const items = await panel.locator('[data-testid=share-items] li').allTextContents();
  assert.ok(!items.some((i) => i.includes('answer to each question')), 'answers not listed for scores only');
  if (n === 0) assert.deepEqual(await axe(page), [], 'the share panel passes axe-core');
  await panel.getByLabel('Company name (optional)').fill(`Member ${n}`);
  const file = await downloaded(page, () => panel.getByRole('button', { name: 'Download share file' }).click());
  const code = await panel.locator('[data-testid=share-code]').inputValue();
  const mail = await panel.getByRole('link', { name: 'Open in my e-mail program' }).getAttribute('href');
  const results = await w.evaluate((el) => el.exportData().results);
  await context.close();
  return { file, code, mail, results };
}

test('members share, the dashboard aggregates, and the benchmark comes back to the widget', async () => {
  const members = [];
  for (let n = 0; n < 5; n += 1) members.push(await shareFrom(n));

  // The share file says what the panel said, and nothing more.
  const first = JSON.parse(members[0].file.text);
  assert.equal(first.format, 'greenfit-share');
  assert.equal(first.member, 'Member 0');
  assert.equal(first.answers, undefined);
  assert.match(first.generator, /^greenfit \d/);
  assert.deepEqual(first.areas.map((a) => a.score), members[0].results.areas.map((a) => a.score));
  assert.match(members[0].code, /^GF1\.[A-Za-z0-9_\n-]+\.$/);
  assert.ok(members[0].code.length < 400, `a scores-only code is short (${members[0].code.length})`);
  assert.match(members[0].mail, /^mailto:sustainability@alpine-green\.example\?subject=.+&body=.+GF1\./);

  const { context, page, board } = await openDashboard();
  await board.locator('[data-testid=files]').setInputFiles(members.slice(0, 4).map((m, i) => ({
    name: `member-${i}.json`, mimeType: 'application/json', buffer: Buffer.from(m.file.text),
  })));
  await board.locator('[data-testid=report]', { hasText: 'Added: 4. Not added: 0.' }).waitFor();
  // The fifth as a code pasted from an e-mail, plus a duplicate of the first.
  await board.locator('[data-testid=codes]').fill(`Hello,\n\n${members[4].code}\n\nand again:\n${members[0].code}`);
  await board.getByRole('button', { name: 'Add codes' }).click();
  await board.locator('[data-testid=report]', { hasText: 'Added: 1. Not added: 1.' }).waitFor();
  assert.match(await board.locator('.gd-refused').textContent(), /Code 2: not added, the same member and date is already loaded/);

  // Its numbers are the members' own scores, aggregated.
  await board.locator('[data-testid=overview]', { hasText: '5 members' }).waitFor();
  for (const [i, area] of content.areas.entries()) {
    const scores = members.map((m) => m.results.areas[i].score).filter((s) => s !== null);
    const cell = await board.locator(`tr[data-area="${area.id}"] [data-testid=median]`).textContent();
    assert.equal(Number(cell), median(scores), area.id);
  }

  // Kept in the browser: stored, and back after a reload.
  // Saving runs in slices after the numbers are drawn: wait for it, then read storage itself.
  await page.waitForFunction((k) => JSON.parse(localStorage.getItem(k) ?? '{"shares":[]}').shares.length === 5, SHARES_KEY);
  const storedSet = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), SHARES_KEY));
  assert.deepEqual(storedSet.shares.map((s) => s.member).sort(), ['Member 0', 'Member 1', 'Member 2', 'Member 3', 'Member 4']);
  await page.reload();
  await board.locator('[data-testid=overview]', { hasText: '5 members' }).waitFor();

  // The benchmark: medians of the five, ready for the widget's config.
  const bench = await downloaded(page, () => board.locator('[data-testid=benchmark]').click());
  const benchmark = JSON.parse(bench.text);
  assert.equal(benchmark.format, 'greenfit-benchmark');
  assert.equal(benchmark.members, 5);
  await context.close();

  // A member's widget with that benchmark in its config shows the cluster's median.
  const config = JSON.stringify({ name: 'Test Cluster', benchmark });
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>
    <script type="module" src="/greenfit.js"></script></head><body>
    <greenfit-widget storage-key="bench"><script type="application/json">${config}</script></greenfit-widget></body></html>`;
  const member = await openHtml('/bench.html', html);
  const w = widget(member.page);
  await w.evaluate((el, doc) => el.importData(doc), memberDoc(1));
  await tab(w, 'Results');
  await w.locator('[data-testid=benchmark-note]', { hasText: '5 members of Test Cluster' }).waitFor();
  for (const area of content.areas) {
    const shown = await w.locator(`tr[data-area="${area.id}"] [data-testid=area-benchmark]`).textContent();
    const expected = benchmark.areas[area.id];
    assert.equal(shown, expected ? String(Math.round(expected.median)) : '–', area.id);
  }
  assert.equal(await w.locator('.gf-radar-benchmark').count(), 1);
  assert.deepEqual(await w.evaluate((el) => el.configProblems()), []);
  await member.context.close();
});

test('a set another tab saved while the dashboard started is kept, not written over', async () => {
  // The dashboard reads the stored set before it listens for other tabs, and renders its first
  // screen in between: another tab's save in that moment reached no listener, and the next file
  // loaded here wrote the older set over it. Here the other tab saves right after the read.
  const member = await shareFrom(0);
  const other = await openDashboard();
  // 60 members, some with a result of an earlier year: one share per code.
  const codes = await other.page.evaluate(async () => (await (await fetch('demo/fictional-members.txt')).text()).match(/GF1\./g).length);
  await other.page.getByRole('button', { name: 'Load 60 fictional members' }).click();
  await other.page.waitForFunction(([k, n]) => JSON.parse(localStorage.getItem(k) ?? '{"shares":[]}').shares.length === n, [SHARES_KEY, codes]);
  const set = await other.page.evaluate((k) => localStorage.getItem(k), SHARES_KEY);
  await other.context.close();

  const { context, page, errors } = await open('/plain.html');
  await context.addInitScript(anotherTabWritesAfterFirstRead, [SHARES_KEY, set]);
  await page.goto(`${BASE}/dashboard.html`);
  const board = page.locator('greenfit-dashboard');
  await board.locator('[data-testid=overview]', { hasText: '60 members' }).waitFor({ timeout: 5000 })
    .catch(() => assert.fail('the dashboard does not show the set the other tab saved while it started'));
  await board.locator('[data-testid=files]').setInputFiles([{
    name: 'member-0.json', mimeType: 'application/json', buffer: Buffer.from(member.file.text),
  }]);
  await board.locator('[data-testid=report]', { hasText: 'Added: 1. Not added: 0.' }).waitFor();
  await page.waitForFunction(([k, n]) => JSON.parse(localStorage.getItem(k)).shares.length === n, [SHARES_KEY, codes + 1]);
  await page.reload();
  await board.locator('[data-testid=overview]', { hasText: '61 members' }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * An init script: a slow machine for the dashboard's saving. It writes the set in slices and
 * yields to the browser between them; here every slice is one share (a clock that jumps 30 ms
 * at every reading) and every yield waits 40 ms, so a save of the 70 fictional shares takes
 * seconds instead of milliseconds.
 */
function slowSaving() {
  const now = Date.now.bind(Date);
  let skew = 0;
  Date.now = () => now() + (skew += 30);
  const timeout = window.setTimeout.bind(window);
  window.setTimeout = (f, ms, ...args) => timeout(f, ms || 40, ...args);
}

/** A dashboard with `slowSaving` that has just loaded the fictional members; `codes` is their number of shares. */
async function loadedSlowly() {
  const opened = await openDashboard('/dashboard.html', { init: slowSaving });
  const codes = await opened.page.evaluate(async () => (await (await fetch('demo/fictional-members.txt')).text()).match(/GF1\./g).length);
  await opened.page.getByRole('button', { name: 'Load 60 fictional members' }).click();
  await opened.board.locator('[data-testid=overview]', { hasText: '60 members' }).waitFor();
  return { ...opened, codes };
}

test('forget all while the set is still being stored: nothing comes back', async () => {
  const { context, page, board } = await loadedSlowly();
  await board.getByRole('button', { name: 'Forget all loaded results' }).click();
  await board.getByRole('button', { name: 'Yes, forget all' }).click();
  await board.locator('[data-testid=empty]').waitFor();
  // Long enough for the save begun before "forget" to have finished.
  await page.waitForTimeout(5000);
  const stored = await page.evaluate((k) => localStorage.getItem(k), SHARES_KEY);
  assert.equal(stored && `${JSON.parse(stored).shares.length} shares`, null, 'the forgotten set is not stored again');
  await page.reload();
  await board.locator('[data-testid=empty]').waitFor();
  await context.close();
});

test('a set still being stored is written when the page is left', async () => {
  const { context, page, board, codes } = await loadedSlowly();
  const atPagehide = await page.evaluate((k) => {
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    return JSON.parse(localStorage.getItem(k) ?? '{"shares":[]}').shares.length;
  }, SHARES_KEY);
  assert.equal(atPagehide, codes, 'the whole set is stored when the page is left');
  await page.reload();
  await board.locator('[data-testid=overview]', { hasText: '60 members' }).waitFor();
  await context.close();
});

test('another tab\'s change while this tab\'s set is still being stored: what is shown is what is stored', async () => {
  // As in the widget, a change made here and still waiting to be stored is written before the
  // stored set is read again: without that, this tab showed the other tab's set while its own
  // save, finishing later, stored another one.
  const { context, page, board, codes } = await loadedSlowly();
  const other = await context.newPage();
  await other.goto(`${BASE}/plain.html`);
  // The other tab stores an empty set (its own "forget all" after a load, for example).
  await other.evaluate((k) => localStorage.setItem(k, '{"format":"greenfit-dashboard","version":1,"shares":[]}'), SHARES_KEY);
  await page.waitForTimeout(5000);
  const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? '{"shares":[]}').shares.length, SHARES_KEY);
  const shown = await board.locator('[data-testid=overview]').count() ? await board.locator('[data-testid=overview]').textContent() : 'nothing';
  assert.deepEqual([stored, /60 members/.test(shown)], [codes, true], `stored ${stored} shares, shown: ${shown}`);
  await page.reload();
  await board.locator('[data-testid=overview]', { hasText: '60 members' }).waitFor();
  await context.close();
});

test('every file gets its own answer: added, or refused with the reason', async () => {
  const { context, page, board } = await openDashboard();
  const share = (await shareFrom(2)).file.text;
  const files = [
    ['good.json', share],
    ['notes.txt', 'Shopping list: milk, bread'],
    ['newer.json', JSON.stringify({ format: 'greenfit-share', version: 9 })],
    ['damaged.json', share.replace(/"score": \d+/, '"score": 250')],
    ['backup.json', JSON.stringify({ format: 'greenfit', version: 1, saved_at: '2026-10-01T08:00:00Z', answers: { 'ee-use': 3 } })],
    ['copy.json', share],
  ];
  await board.locator('[data-testid=files]').setInputFiles(files.map(([name, text]) => ({
    name, mimeType: 'application/json', buffer: Buffer.from(text),
  })));
  await board.locator('[data-testid=report]', { hasText: 'Added: 2. Not added: 4.' }).waitFor();
  const lines = await board.locator('[data-testid=report] li').allTextContents();
  assert.deepEqual(lines, [
    'good.json: added',
    'notes.txt: not added, it is not a greenfit share file, export or code',
    'newer.json: not added, it was made by a newer greenfit (version 9); update the dashboard',
    'damaged.json: not added, it is damaged (an area score is out of range)',
    'backup.json: added',
    'copy.json: not added, the same member and date is already loaded',
  ]);
  // Files dropped on the box are read too (a synthetic drop carries plain files, no folders).
  await board.locator('.gd-drop').evaluate((zone, texts) => {
    const transfer = new DataTransfer();
    texts.forEach((text, i) => transfer.items.add(new File([text], `dropped-${i}.json`, { type: 'application/json' })));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, [share.replace('"member": "Member 2"', '"member": "Dropped A"'), share.replace('"member": "Member 2"', '"member": "Dropped B"')]);
  await board.locator('[data-testid=report]', { hasText: 'Added: 2. Not added: 0.' }).waitFor();
  assert.deepEqual(await board.locator('[data-testid=report] li').allTextContents(), ['dropped-0.json: added', 'dropped-1.json: added']);
  // A hostile member name is shown as text, never as markup.
  await board.locator('[data-testid=codes]').fill('<img src=x onerror=alert(1)>');
  await board.getByRole('button', { name: 'Add codes' }).click();
  await board.locator('[data-testid=report]', { hasText: 'Pasted text: not added' }).waitFor();
  assert.equal(await board.locator('img').count(), 0);
  await context.close();
  void page;
});

test('small groups are hidden, forget all clears storage, blocked storage keeps working', async () => {
  const { context, page, board } = await openDashboard();
  await page.getByRole('button', { name: 'Load 60 fictional members' }).click();
  await board.locator('[data-testid=report]', { hasText: /Added: \d+\. Not added: 0\./ }).waitFor();
  await board.locator('[data-testid=overview]', { hasText: '60 members' }).waitFor();
  // Members who shared twice are followed over time.
  await board.locator('[data-testid=change]', { hasText: '10 members shared more than once' }).waitFor();
  assert.deepEqual(await axe(page, 'greenfit-dashboard'), []);

  // A filter leaving fewer than five members hides the group.
  const sizes = await board.getByLabel('Company size').locator('option').allTextContents();
  assert.deepEqual(sizes, ['All', 'medium', 'micro', 'small']);
  // The fictional set has exactly 5 plastics members (shown) and 1 micro plastics member (hidden).
  await board.getByLabel('Sector').selectOption('Plastics');
  await board.locator('[data-testid=overview]', { hasText: '5 members' }).waitFor();
  assert.equal(await board.locator('[data-testid=benchmark]').count(), 1, 'five members make a benchmark');
  await board.getByLabel('Company size').selectOption('micro');
  await board.locator('[data-testid=too-small]', { hasText: 'smaller than 5 members (1): it is hidden' }).waitFor();
  assert.equal(await board.locator('[data-testid=overview]').count(), 0);
  assert.equal(await board.locator('[data-testid=benchmark]').count(), 0);
  await board.getByLabel('Company size').selectOption('');
  await board.getByLabel('Sector').selectOption('');
  await board.locator('[data-testid=overview]', { hasText: '60 members' }).waitFor();

  // CSV for Excel: a byte-order mark, commas in English, one row per share.
  const csv = await downloaded(page, () => board.getByRole('button', { name: 'Download one row per member (CSV)' }).click());
  assert.ok(csv.text.startsWith('\ufeffMember,Date,Sector,Company size,Country,Overall,'));
  assert.equal(csv.text.trim().split('\r\n').length, 1 + 70);

  // The service canvas is a file the widget imports.
  const canvasFile = await downloaded(page, () => board.getByRole('button', { name: 'Start a service canvas from these needs' }).click());
  const canvas = JSON.parse(canvasFile.text).canvases[0];
  assert.equal(canvas.service, true);
  assert.equal(canvas.pains.length, 3);

  // Forget all: confirmed, gone from storage, and after a reload.
  await board.getByRole('button', { name: 'Forget all loaded results' }).click();
  await board.getByRole('button', { name: 'Yes, forget all' }).click();
  await board.locator('[data-testid=empty]').waitFor();
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), SHARES_KEY), null);
  await page.reload();
  await board.locator('[data-testid=empty]').waitFor();
  await context.close();

  // Blocked storage: the dashboard says so and still works in memory.
  const blocked = await openDashboard('/dashboard.html', {
    init: () => {
      Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError'); } });
    },
  });
  await blocked.board.locator('[data-testid=status]', { hasText: 'does not allow saving here' }).waitFor();
  await blocked.page.getByRole('button', { name: 'Load 60 fictional members' }).click();
  await blocked.board.locator('[data-testid=overview]', { hasText: '60 members' }).waitFor();
  await blocked.context.close();
});

test('the dashboard page asks no other origin for anything', async () => {
  const { context, page, board } = await openDashboard();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.reload();
  await board.locator('.gd').waitFor();
  await page.getByRole('button', { name: 'Load 60 fictional members' }).click();
  await board.locator('[data-testid=overview]', { hasText: '60 members' }).waitFor();
  const foreign = requests.filter((u) => !u.startsWith(BASE) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  assert.ok(requests.some((u) => u.endsWith('/greenfit-dashboard_bg.wasm')), 'the wasm came from the same origin');
  await context.close();
});

test('the printed report for the board shows the numbers, not the controls or the page', async () => {
  const { context, page, board } = await openDashboard('/dashboard.html', { init: () => { window.print = () => { window.__printed = true; window.dispatchEvent(new Event('beforeprint')); }; } });
  await page.getByRole('button', { name: 'Load 60 fictional members' }).click();
  await board.locator('[data-testid=overview]', { hasText: '60 members' }).waitFor();
  await board.getByRole('button', { name: 'Print the report' }).click();
  assert.equal(await page.evaluate(() => window.__printed), true);
  await page.emulateMedia({ media: 'print' });
  const display = (locator) => locator.evaluate((el) => getComputedStyle(el).display);
  assert.equal(await display(page.locator('.site-header')), 'none', 'the staff page around it is hidden');
  assert.equal(await display(page.locator('aside')), 'none');
  assert.equal(await display(board.locator('.gd-load')), 'none', 'no loading controls on paper');
  assert.equal(await display(board.locator('.gd-outputs')), 'none', 'no buttons on paper');
  assert.notEqual(await display(board.locator('[data-testid=areas]')), 'none');
  assert.notEqual(await display(board.locator('svg.gd-strip')), 'none');
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  mkdirSync('tests/e2e/artifacts', { recursive: true });
  writeFileSync('tests/e2e/artifacts/dashboard-report.pdf', pdf);
  assert.ok(pdf.length > 20_000, `a real PDF (${pdf.length} bytes)`);
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await page.evaluate(() => document.documentElement.hasAttribute('data-greenfit-printing')), false);
  await context.close();
});

test('an unreadable stored set is backed up, never written over', async () => {
  const { context, page, board } = await openDashboard('/dashboard.html', {
    init: () => {
      if (!sessionStorage.getItem('seeded')) {
        sessionStorage.setItem('seeded', '1');
        localStorage.setItem('greenfit-dashboard:shares', '{"format":"greenfit-dashboard","version":1,"shares":[');
      }
    },
  });
  await board.locator('[data-testid=status]', { hasText: 'kept as a backup' }).waitFor();
  assert.equal(
    await page.evaluate(() => localStorage.getItem('greenfit-dashboard:backup')),
    '{"format":"greenfit-dashboard","version":1,"shares":[',
  );
  await context.close();
});

test('the dashboard speaks the page language', async () => {
  const html = (await (await fetch(`${BASE}/dashboard.html`)).text()).replace('lang="en"', 'lang="de"').replace('<greenfit-dashboard lang="en"', '<greenfit-dashboard');
  const { context, page, board } = await openDashboard('/dashboard-de.html', { html });
  await board.getByRole('heading', { name: /Selbstchecks der Mitglieder/ }).waitFor();
  await page.getByRole('button', { name: 'Load 60 fictional members' }).click();
  await board.locator('[data-testid=overview]', { hasText: '60 Mitglieder' }).waitFor();
  // Area names come from the German language bundle, and axe-core finds nothing in German either.
  await board.locator('[data-testid=areas] th', { hasText: 'Energieeffizienz' }).waitFor();
  assert.deepEqual(await axe(page, 'greenfit-dashboard'), []);
  await context.close();
});
