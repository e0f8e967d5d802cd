// `cargo xtask bench`: load and interaction figures for the widget in headless Chromium with
// 4x CPU throttling, against a plain static HTML page with the same questions (the floor).
import { chromium } from 'playwright-core';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

// The floor: the first area's questions as static HTML, written next to the demo.
const content = JSON.parse(readFileSync('src/content/selfcheck.en.json', 'utf8'));
const area = content.areas[0];
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const floorQuestions = `<h2>${escape(area.title)}</h2>
${area.questions.map((q) => `<fieldset><legend>${escape(q.text)}</legend><p>${escape(q.why)}</p>
${q.levels.map((l, i) => `<label><input type="radio" name="${q.id}" value="${i}"> ${escape(l)}</label><br>`).join('')}
</fieldset>`).join('\n')}`;
writeFileSync('dist/bench-static.html', `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>static floor</title><link rel="icon" href="data:,"></head><body>${floorQuestions}</body></html>`);

// Reports when the first question (a radio button) is on screen, in the page or a shadow root.
// It says so on the console: waiting for it with Playwright's `waitForFunction` would make
// Playwright evaluate its own script in the page, about 40 ms at 4x throttling, which landed
// while the widget was starting (the floor is on screen before it) and was counted as the
// widget's.
const watch = () => {
  const find = () => document.querySelector('input[type=radio]')
    ?? document.querySelector('greenfit-widget')?.shadowRoot?.querySelector('input[type=radio]');
  const tick = () => {
    const radio = find();
    if (radio && radio.getBoundingClientRect().height > 0) console.debug(`first-question ${performance.now()}`);
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});

/** A slow mobile connection: 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip. */
const SLOW = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };

async function measure(path, seed, network = null) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  if (seed) await context.addInitScript(seed);
  await context.addInitScript(watch);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Performance.enable');
  if (network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', network);
  }
  // Every response's body, gzip- and Brotli-compressed; awaited before the page closes.
  const sizes = [];
  page.on('response', (response) => {
    sizes.push(response.body().then((body) => [
      gzipSync(body, { level: 9 }).length,
      brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    ], () => [0, 0]));
  });
  const reported = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${path}: no question on screen within 60 s`)), 60_000);
    page.on('console', (message) => {
      const [what, at] = message.text().split(' ');
      if (what === 'first-question') {
        clearTimeout(timer);
        resolve(Number(at));
      }
    });
  });
  await page.goto(BASE + path);
  const firstQuestion = await reported;
  // A visitor reads the first question before answering it: a second, then the clicks.
  await page.waitForTimeout(1000);
  const clickToPaint = await page.evaluate(async () => {
    const root = document.querySelector('greenfit-widget')?.shadowRoot ?? document;
    // One answer per question, as a visitor goes down the page.
    const radios = [...root.querySelectorAll('fieldset')].map((f) => f.querySelector('input[type=radio]'));
    const times = [];
    for (const radio of radios.slice(0, 5)) {
      const t0 = performance.now();
      radio.click();
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      times.push(performance.now() - t0);
      // A visitor reads the next question before answering it: what the page does after the
      // paint (greenfit saves then) is not part of the next click.
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    const later = times.slice(1).sort((a, b) => a - b);
    return { first: times[0], later: later[Math.floor(later.length / 2)] };
  });
  await page.waitForTimeout(300);
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  const all = await Promise.all(sizes);
  const bytes = all.reduce((sum, [gz]) => sum + gz, 0);
  const brotli = all.reduce((sum, [, br]) => sum + br, 0);
  await context.close();
  return { firstQuestion, firstClick: clickToPaint.first, laterClicks: clickToPaint.later, heap, bytes, brotli };
}

const median = (values) => { const s = [...values].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

/** The medians of RUNS runs of each page, the pages taking turns: a machine that is slower
 * for a while slows every page alike, so the ratios hold (one page's runs after another's
 * let a slow minute fall on one page only). `pages` maps a name to [path, seed, network]. */
async function series(pages) {
  const runs = Object.fromEntries(Object.keys(pages).map((name) => [name, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const [name, [path, seed, network]] of Object.entries(pages)) runs[name].push(await measure(path, seed, network));
  }
  return Object.fromEntries(Object.entries(runs).map(([name, all]) => [name,
    Object.fromEntries(Object.keys(all[0]).map((k) => [k, median(all.map((r) => r[k]))]))]));
}

const seed = () => localStorage.setItem('greenfit:selfcheck:doc',
  JSON.stringify({ format: 'greenfit', version: 2, position: 'resilient-business-models' }));
// A member with a history: every area but the first answered, 20 kept results and three
// canvases of 48 items each. What an answer costs grows with what the document holds.
const answered = Object.fromEntries(content.areas.slice(1).flatMap((a) => a.questions)
  .map((q, i) => [q.id, i % 5]));
const items = (prefix, rated) => Array.from({ length: 8 }, (_, i) => ({
  id: `${prefix}${i + 1}`, text: `A ${prefix} item of a few words, number ${i + 1}`, importance: rated ? 2 : 0,
}));
const historyDoc = {
  format: 'greenfit', version: 2, position: area.id, answers: answered,
  snapshots: Array.from({ length: 20 }, (_, i) => ({ taken_at: `2026-0${1 + (i % 9)}-1${i % 9}T10:00:00.000Z`, answers: answered })),
  canvases: Array.from({ length: 3 }, (_, c) => ({
    id: `canvas-${c + 1}`, name: `Canvas ${c + 1}`, jobs: items('j'), pains: items('p', true), gains: items('g', true),
    products: items('s'), relievers: items('r'), creators: items('c'),
  })),
};
const historySeed = `localStorage.setItem('greenfit:selfcheck:doc', ${JSON.stringify(JSON.stringify(historyDoc))})`;

// Two more static pages show what the code costs, apart from the page around the widget and
// the first screen itself: the bare embed's host page with the floor's questions in a shadow
// root (no stylesheet: the host page's hostile one does not reach it), and the same host
// page with greenfit's first screen as static HTML in a shadow root with greenfit's
// stylesheet, copied from the widget once it has started: the markup and styles without any
// code. Neither has the host page's Content-Security-Policy, which forbids inline styles.
{
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  await context.addInitScript(seed);
  const page = await context.newPage();
  await page.goto(BASE + '/plain.html');
  await page.locator('greenfit-widget input[type=radio]').first().waitFor();
  const screen = await page.evaluate(() => document.querySelector('greenfit-widget').shadowRoot.querySelector('.gf').outerHTML);
  await context.close();
  const host = readFileSync('dist/plain.html', 'utf8')
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/s, '')
    .replace(/<script[^>]*src="greenfit.js"[^>]*><\/script>/, '');
  const embed = (inner) => host.replace(/<greenfit-widget([^>]*)><\/greenfit-widget>/,
    (_, attributes) => `<greenfit-widget${attributes}><template shadowrootmode="open">${inner}</template></greenfit-widget>`);
  if (embed('') === host) throw new Error('dist/plain.html has no empty <greenfit-widget> to fill');
  writeFileSync('dist/bench-host.html', embed(floorQuestions));
  writeFileSync('dist/bench-first-screen.html', embed(`<style>${readFileSync('src/embed/style.css', 'utf8')}</style>${screen}`));
}

const { widget, bare, history, floor, hostFloor, firstScreen } = await series({
  widget: ['/', seed],
  bare: ['/plain.html', seed],
  history: ['/plain.html', historySeed],
  floor: ['/bench-static.html'],
  hostFloor: ['/bench-host.html'],
  firstScreen: ['/bench-first-screen.html'],
});
const { slowWidget, slowBare, slowFloor } = await series({
  slowWidget: ['/', seed, SLOW],
  slowBare: ['/plain.html', seed, SLOW],
  slowFloor: ['/bench-static.html', null, SLOW],
});

// The dashboard: 2,000 member files (the fictional members, renamed) dropped at once, at 4x
// CPU throttling. Measured from the file input's change to the summary on screen, and the
// longest main-thread task meanwhile (a frame cannot be shorter than the task that holds it).
const MEMBER_FILES = 2000;
const demo = readdirSync('dist/demo/members').map((f) => JSON.parse(readFileSync(`dist/demo/members/${f}`, 'utf8')));
const memberTexts = Array.from({ length: MEMBER_FILES }, (_, i) => JSON.stringify({ ...demo[i % demo.length], member: `Bench member ${i}` }));

async function dashboardRun() {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await page.goto(BASE + '/dashboard.html');
  await page.locator('greenfit-dashboard .gd').waitFor();
  // The File objects are made, and put on the input, in their own task before the clock
  // starts, as a browser has them after a drop (that task is the benchmark's, not greenfit's).
  await page.evaluate((texts) => {
    const files = texts.map((text, i) => new File([text], `member-${i}.json`, { type: 'application/json' }));
    const transfer = new DataTransfer();
    for (const file of files) transfer.items.add(file);
    const root = document.querySelector('greenfit-dashboard').shadowRoot;
    root.querySelector('[data-testid=files]').files = transfer.files;
  }, memberTexts);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.evaluate((count) => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__long.push(entry.duration);
    }).observe({ type: 'longtask' });
    const root = document.querySelector('greenfit-dashboard').shadowRoot;
    const input = root.querySelector('[data-testid=files]');
    window.__t0 = performance.now();
    const tick = () => {
      const overview = root.querySelector('[data-testid=overview]');
      if (overview && overview.textContent.includes(`${count} members`)) window.__t1 = performance.now();
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, MEMBER_FILES);
  await page.waitForFunction(() => window.__t1 !== undefined, null, { timeout: 300_000 });
  // Let the save that follows run too: its task counts.
  await page.waitForTimeout(2000);
  const result = await page.evaluate(() => ({ total: window.__t1 - window.__t0, longest: Math.max(0, ...window.__long) }));
  await context.close();
  return result;
}
const dashboardRuns = [];
for (let i = 0; i < Math.min(RUNS, 3); i++) dashboardRuns.push(await dashboardRun());
const dashboard = {
  total: median(dashboardRuns.map((r) => r.total)),
  longest: median(dashboardRuns.map((r) => r.longest)),
};
await browser.close();

const ms = (v) => `${v.toFixed(0)} ms`;
const ms1 = (v) => `${v.toFixed(1)} ms`;
const kb = (v) => `${(v / 1024).toFixed(1)} KB`;
const rows = [
  ['first question visible, demo page (config by URL, logo)', ms(widget.firstQuestion), ms(floor.firstQuestion), widget.firstQuestion / floor.firstQuestion],
  ['first question visible, bare embed', ms(bare.firstQuestion), ms(floor.firstQuestion), bare.firstQuestion / floor.firstQuestion],
  ['(the bare embed\'s host page with the floor\'s questions, static)', ms(hostFloor.firstQuestion), ms(floor.firstQuestion), hostFloor.firstQuestion / floor.firstQuestion],
  ['(that host page with greenfit\'s first screen and stylesheet, static: no code)', ms(firstScreen.firstQuestion), ms(floor.firstQuestion), firstScreen.firstQuestion / floor.firstQuestion],
  ['first click on an answer to next paint', ms1(widget.firstClick), ms1(floor.firstClick), widget.firstClick / floor.firstClick],
  ['later clicks to next paint', ms1(widget.laterClicks), ms1(floor.laterClicks), widget.laterClicks / floor.laterClicks],
  ['(later clicks, the bare embed\'s host page with the floor\'s questions, static)', ms1(hostFloor.laterClicks), ms1(floor.laterClicks), hostFloor.laterClicks / floor.laterClicks],
  ['(later clicks, that host page with greenfit\'s first screen and stylesheet, static: no code)', ms1(firstScreen.laterClicks), ms1(floor.laterClicks), firstScreen.laterClicks / floor.laterClicks],
  ['later clicks, a member with a history (20 kept results, 3 canvases; bare embed)', ms1(history.laterClicks), ms1(floor.laterClicks), history.laterClicks / floor.laterClicks],
  ['JS heap used', `${(widget.heap / 1024 / 1024).toFixed(2)} MB`, `${(floor.heap / 1024 / 1024).toFixed(2)} MB`, widget.heap / floor.heap],
  ['bytes transferred, demo page (gzip)', kb(widget.bytes), kb(floor.bytes), widget.bytes / floor.bytes],
  ['bytes transferred, demo page (Brotli)', kb(widget.brotli), kb(floor.brotli), widget.brotli / floor.brotli],
  ['first question visible on a slow mobile network, demo page', ms(slowWidget.firstQuestion), ms(slowFloor.firstQuestion), slowWidget.firstQuestion / slowFloor.firstQuestion],
  ['first question visible on a slow mobile network, bare embed', ms(slowBare.firstQuestion), ms(slowFloor.firstQuestion), slowBare.firstQuestion / slowFloor.firstQuestion],
];
console.log(`\nMedians of ${RUNS} runs (the pages taking turns), headless Chromium, 4x CPU throttling, ${new Date().toISOString().slice(0, 10)};`
  + ' slow mobile network: 1.6 Mbit/s down, 150 ms round trip\n');
console.log('| measure | greenfit | static HTML floor | ratio |');
console.log('|---|---|---|---|');
for (const [name, a, b, ratio] of rows) console.log(`| ${name} | ${a} | ${b} | ${ratio.toFixed(1)}x |`);

console.log(`\nDashboard, ${MEMBER_FILES} member files loaded at once (median of ${dashboardRuns.length} runs, 4x CPU throttling):`);
console.log(`| measure | result | goal |`);
console.log('|---|---|---|');
console.log(`| file input to summary on screen | ${dashboard.total.toFixed(0)} ms | under 2000 ms |`);
console.log(`| longest main-thread task meanwhile | ${dashboard.longest.toFixed(0)} ms | under 200 ms |`);
