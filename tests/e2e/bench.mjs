// `cargo xtask bench`: load and interaction figures for the widget in headless Chromium with
// 4x CPU throttling, against a plain static HTML page with the same questions (the floor).
import { chromium } from 'playwright-core';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:8080';
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

// The floor: the first area's questions as static HTML, written next to the demo.
const content = JSON.parse(readFileSync('src/content/selfcheck.en.json', 'utf8'));
const area = content.areas[0];
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
writeFileSync('dist/bench-static.html', `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>static floor</title><link rel="icon" href="data:,"></head><body><h2>${escape(area.title)}</h2>
${area.questions.map((q) => `<fieldset><legend>${escape(q.text)}</legend><p>${escape(q.why)}</p>
${q.levels.map((l, i) => `<label><input type="radio" name="${q.id}" value="${i}"> ${escape(l)}</label><br>`).join('')}
</fieldset>`).join('\n')}</body></html>`);

// Reports when the first question (a radio button) is on screen, in the page or a shadow root.
const watch = () => {
  const find = () => document.querySelector('input[type=radio]')
    ?? document.querySelector('greenfit-widget')?.shadowRoot?.querySelector('input[type=radio]');
  const tick = () => {
    const radio = find();
    if (radio && radio.getBoundingClientRect().height > 0) window.__firstQuestion = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});

async function measure(path, seed) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  if (seed) await context.addInitScript(seed);
  await context.addInitScript(watch);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await cdp.send('Performance.enable');
  // Every response's body, gzip-compressed; awaited before the page closes.
  const sizes = [];
  page.on('response', (response) => {
    sizes.push(response.body().then((body) => gzipSync(body, { level: 9 }).length, () => 0));
  });
  await page.goto(BASE + path);
  await page.waitForFunction(() => window.__firstQuestion !== undefined, null, { timeout: 60_000 });
  const firstQuestion = await page.evaluate(() => window.__firstQuestion);
  const clickToPaint = await page.evaluate(async () => {
    const root = document.querySelector('greenfit-widget')?.shadowRoot ?? document;
    const radios = [...root.querySelectorAll('input[type=radio]')];
    const times = [];
    for (const radio of radios.slice(0, 5)) {
      const t0 = performance.now();
      radio.click();
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    return times[2];
  });
  await page.waitForTimeout(300);
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize').value;
  const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
  await context.close();
  return { firstQuestion, clickToPaint, heap, bytes };
}

const median = (values) => { const s = [...values].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

async function series(path, seed) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await measure(path, seed));
  return Object.fromEntries(Object.keys(runs[0]).map((k) => [k, median(runs.map((r) => r[k]))]));
}

const seed = () => localStorage.setItem('greenfit:selfcheck:doc',
  JSON.stringify({ format: 'greenfit', version: 1, position: 'resilient-business-models' }));
const widget = await series('/', seed);
const floor = await series('/bench-static.html');

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
  // The File objects are made first, in their own task, as a browser has them after a drop.
  await page.evaluate((texts) => {
    window.__files = texts.map((text, i) => new File([text], `member-${i}.json`, { type: 'application/json' }));
  }, memberTexts);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.evaluate((count) => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__long.push(entry.duration);
    }).observe({ type: 'longtask' });
    const root = document.querySelector('greenfit-dashboard').shadowRoot;
    const input = root.querySelector('[data-testid=files]');
    const transfer = new DataTransfer();
    for (const file of window.__files) transfer.items.add(file);
    input.files = transfer.files;
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

const rows = [
  ['navigation to first question visible', `${widget.firstQuestion.toFixed(0)} ms`, `${floor.firstQuestion.toFixed(0)} ms`, widget.firstQuestion / floor.firstQuestion],
  ['click on an answer to next paint', `${widget.clickToPaint.toFixed(1)} ms`, `${floor.clickToPaint.toFixed(1)} ms`, widget.clickToPaint / floor.clickToPaint],
  ['JS heap used', `${(widget.heap / 1024 / 1024).toFixed(2)} MB`, `${(floor.heap / 1024 / 1024).toFixed(2)} MB`, widget.heap / floor.heap],
  ['bytes transferred (gzip)', `${(widget.bytes / 1024).toFixed(1)} KB`, `${(floor.bytes / 1024).toFixed(1)} KB`, widget.bytes / floor.bytes],
];
console.log(`\nMedians of ${RUNS} runs, headless Chromium, 4x CPU throttling, ${new Date().toISOString().slice(0, 10)}\n`);
console.log('| measure | demo page with greenfit | static HTML floor | ratio |');
console.log('|---|---|---|---|');
for (const [name, a, b, ratio] of rows) console.log(`| ${name} | ${a} | ${b} | ${ratio.toFixed(1)}x |`);

console.log(`\nDashboard, ${MEMBER_FILES} member files loaded at once (median of ${dashboardRuns.length} runs, 4x CPU throttling):`);
console.log(`| measure | result | goal |`);
console.log('|---|---|---|');
console.log(`| file input to summary on screen | ${dashboard.total.toFixed(0)} ms | under 2000 ms |`);
console.log(`| longest main-thread task meanwhile | ${dashboard.longest.toFixed(0)} ms | under 200 ms |`);
