// What greenfit prints, checked on paper: the report and "Your data" rendered to PDF by Chromium
// and read back with poppler (pdftotext for the words, pdftoppm for how full each page is);
// printing from inside another component's shadow root; a print the browser ignores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE, open, widget, tab, saved, axe } from './helpers.mjs';

/** Replaces window.print with a stand-in that starts a print the way a browser does. */
const fakePrint = () => {
  window.print = () => { window.__printed = (window.__printed ?? 0) + 1; window.dispatchEvent(new Event('beforeprint')); };
};

/** Every built-in question answered, levels 0 to 4 in turn. */
function everyAnswer() {
  const content = JSON.parse(readFileSync('src/content/selfcheck.en.json', 'utf8'));
  const answers = {};
  let n = 0;
  for (const area of content.areas) for (const q of area.questions) answers[q.id] = n++ % 5;
  return answers;
}

/** Renders the page as printed to a PDF; returns its text per page and how full each page is. */
async function paper(page, name) {
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  mkdirSync('tests/e2e/artifacts', { recursive: true });
  const file = join('tests/e2e/artifacts', `${name}.pdf`);
  writeFileSync(file, pdf);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  const dir = join(tmpdir(), `${process.pid}-${name}`);
  mkdirSync(dir, { recursive: true });
  execFileSync('pdftoppm', ['-r', '24', '-gray', file, join(dir, 'p')]);
  // How far down each page its content reaches (0 to 1), from the last row with ink.
  const fill = readdirSync(dir).filter((f) => f.endsWith('.pgm')).sort().map((f) => {
    const bytes = readFileSync(join(dir, f));
    const header = bytes.toString('latin1', 0, 40).split(/\s+/);
    const [width, height] = [Number(header[1]), Number(header[2])];
    const start = bytes.length - width * height;
    let last = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) if (bytes[start + y * width + x] < 200) { last = y; break; }
    }
    return last / height;
  });
  return { pages: text.split('\f').filter((p) => p.trim()), fill };
}

test('the report prints the results on full pages, without controls or admin notes', async () => {
  const { page, context } = await open('/', { init: fakePrint });
  const w = widget(page);
  await w.evaluate((el, answers) => el.importData({ format: 'greenfit', version: 2, answers }), everyAnswer());
  await tab(w, 'Results');
  await w.getByRole('button', { name: 'Print or save as PDF' }).first().click();
  await page.emulateMedia({ media: 'print' });
  const { pages, fill } = await paper(page, 'report-pages');
  const all = pages.join('\n');
  assert.match(all, /Your results/);
  assert.match(all, /Energy efficiency/);
  assert.match(all, /last checked on 1 December 2026/);
  for (const control of ['Keep this result', 'Print or save as PDF', 'Your data', 'Value canvas']) {
    assert.ok(!all.includes(control), `"${control}" is not on paper`);
  }
  assert.ok(pages.length >= 2, `${pages.length} pages`);
  // No half-empty pages: every page but the last is used at least to two thirds of its height.
  fill.slice(0, -1).forEach((f, i) => assert.ok(f > 0.66, `page ${i + 1} ends at ${Math.round(f * 100)} % of its height`));
  await context.close();
});

test('"Your data" shows everything stored, and prints it', async () => {
  const { page, context } = await open('/plain.html', { init: fakePrint });
  const w = widget(page);
  await w.evaluate((el) => el.importData({
    format: 'greenfit', version: 2,
    profile: { sector: 'Bakery', size: 'small', country: 'Austria' },
    answers: { 'ee-use': 3, 'wc-use': 'dont_know', 'other-cluster-q': 2 },
    snapshots: [{ taken_at: '2026-10-01T09:00:00Z', answers: { 'ee-use': 1 } }],
    canvases: [{ id: 'c1', name: 'Oven service', jobs: [{ id: 'j1', text: 'Bake bread daily' }],
      pains: [{ id: 'p1', text: 'Energy bills doubled', importance: 3 }] }],
  }));
  await saved(w);
  await tab(w, 'Your data');
  const stored = w.locator('details.gf-stored');
  await stored.locator('summary', { hasText: 'See everything stored: 3 answers, 1 canvases' }).click();
  for (const text of ['Bakery', 'Small', 'Do you know your yearly energy use per site', "Don't know", 'other-cluster-q',
    'Oven service', 'Bake bread daily', 'Energy bills doubled']) {
    assert.ok((await stored.textContent()).includes(text), `"${text}" is shown`);
  }
  assert.deepEqual(await axe(page), [], 'the stored record passes axe-core');
  await stored.locator('summary').click(); // closed again: printing opens it anyway
  await w.getByRole('button', { name: 'Print or save as PDF' }).click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  await page.emulateMedia({ media: 'print' });
  const { pages } = await paper(page, 'your-data');
  const all = pages.join('\n');
  for (const text of ['Your data', 'Bakery', 'Bake bread daily', 'Energy bills doubled', 'other-cluster-q']) {
    assert.ok(all.includes(text), `"${text}" is on paper`);
  }
  for (const control of ['Download my data', 'Delete all my data', 'Choose a greenfit file', 'demo cluster site']) {
    assert.ok(!all.includes(control), `"${control}" is not on paper`);
  }
  await context.close();
});

test('the record of what is stored stays open while another tab changes it, and shows the change', async () => {
  const { page, context } = await open('/plain.html');
  const w = widget(page);
  await w.evaluate((el) => el.importData({ format: 'greenfit', version: 2, answers: { 'ee-use': 3 } }));
  await saved(w);
  await tab(w, 'Your data');
  const stored = w.locator('details.gf-stored');
  await stored.locator('summary', { hasText: 'See everything stored: 1 answers' }).click();
  assert.equal(await stored.evaluate((d) => d.open), true);

  const other = await context.newPage();
  await other.goto(`${BASE}/plain.html`);
  const w2 = widget(other);
  // Started (the element is defined when its wasm has started, maybe after the load event).
  await w2.locator('.gf').waitFor();
  await w2.evaluate((el) => el.ready);
  await w2.evaluate((el) => el.importData({ format: 'greenfit', version: 2,
    profile: { sector: 'Bakery' }, answers: { 'ee-use': 3, 'wc-use': 'dont_know' } }));

  await stored.locator('summary', { hasText: 'See everything stored: 2 answers' }).waitFor();
  assert.equal(await stored.evaluate((d) => d.open), true, 'still open');
  const text = await stored.textContent();
  for (const shown of ['Bakery', "Don't know"]) assert.ok(text.includes(shown), `"${shown}" is shown`);
  await page.reload();
  await tab(widget(page), 'Your data');
  const again = widget(page).locator('details.gf-stored');
  assert.match(await again.locator('summary').textContent(), /2 answers/, 'and it is what is stored');
  assert.ok((await again.textContent()).includes('Bakery'));
  await context.close();
});

test('a widget inside another component\'s shadow root prints alone, and not blank', async () => {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>nested</title>
    <script type="module" src="/greenfit.js"></script>
    <script>customElements.define('x-card', class extends HTMLElement {
      connectedCallback() { this.attachShadow({ mode: 'open' }).innerHTML =
        '<h2>Card sibling heading</h2><greenfit-widget storage-key="nested"></greenfit-widget><p>Card sibling text</p>'; }
    });</script></head>
    <body><p>Text outside the card</p><x-card></x-card></body></html>`;
  const { page, context } = await open('/nested.html', { html, init: fakePrint });
  const w = page.locator('x-card greenfit-widget');
  await w.evaluate((el) => el.ready);
  await w.evaluate((el) => el.importData({ format: 'greenfit', version: 2, answers: { 'ee-use': 3 } }));
  await w.locator('.gf-nav button', { hasText: 'Results' }).click();
  await w.getByRole('button', { name: 'Print or save as PDF' }).first().click();
  await page.emulateMedia({ media: 'print' });
  const { pages } = await paper(page, 'nested');
  const all = pages.join('\n');
  assert.match(all, /Your results/);
  assert.match(all, /Energy efficiency/);
  for (const text of ['Text outside the card', 'Card sibling heading', 'Card sibling text']) {
    assert.ok(!all.includes(text), `"${text}" is not printed`);
  }
  // Afterwards the page and the card are themselves again.
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.locator('[data-greenfit-print-path], [data-greenfit-printing]').count(), 0);
  assert.equal(await page.locator('x-card').evaluate((el) => el.shadowRoot.adoptedStyleSheets.length), 0);
  await context.close();
});

test('a print the browser ignores (a sandboxed frame) leaves the page as it was', async () => {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>frame</title></head>
    <body><iframe sandbox="allow-scripts allow-same-origin" src="${BASE}/plain.html" width="1000" height="800"></iframe></body></html>`;
  const { page, context } = await open('/plain.html');
  await context.route(`${BASE}/framed.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${BASE}/framed.html`);
  const frame = page.frameLocator('iframe');
  const w = frame.locator('greenfit-widget');
  await w.locator('.gf').waitFor();
  await w.evaluate((el) => el.importData({ format: 'greenfit', version: 2, answers: { 'ee-use': 3 } }));
  await w.locator('.gf-nav button', { hasText: 'Results' }).click();
  await w.getByRole('button', { name: 'Print or save as PDF' }).first().click();
  await w.getByRole('heading', { name: 'Your results' }).waitFor();
  const marked = await frame.locator('html').evaluate((el) => el.hasAttribute('data-greenfit-printing')
    || document.querySelectorAll('[data-greenfit-printing], [data-greenfit-print-path]').length > 0);
  assert.equal(marked, false, 'nothing stays marked for printing, so a later Ctrl+P prints the whole frame');
  await context.close();
});
