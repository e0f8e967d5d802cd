// The release, used as a web admin would: the npm package installed with npm into a fresh
// project and loaded from node_modules; the self-hosting zip's checksums; and a tampered wasm,
// which must refuse to run. `cargo xtask test` builds release/ first and sets RELEASE_DIR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { BASE, open, downloaded, newContext } from './helpers.mjs';

const RELEASE = process.env.RELEASE_DIR;
const skip = RELEASE ? false : 'RELEASE_DIR is not set (cargo xtask test builds release/ and sets it)';

const TYPES = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.wasm': 'application/wasm', '.txt': 'text/plain; charset=utf-8', '.json': 'application/json' };

/** A static server for `root`, like any web host: the admin's own site. */
function serve(root) {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
    if (!file.startsWith(root) || !existsSync(file) || statSync(file).isDirectory()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  // A test that fails before its `server.close()` must not keep this file from ending.
  server.unref();
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

test('the npm package installs with npm and runs from node_modules', { skip }, async () => {
  const tarballs = execFileSync('ls', [RELEASE]).toString().split('\n').filter((f) => /^greenfit-\d.*\.tgz$/.test(f));
  assert.equal(tarballs.length, 1, `one npm package in ${RELEASE}`);
  const project = mkdtempSync(join(tmpdir(), 'greenfit-npm-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'cluster-site', private: true }));
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', join(process.cwd(), RELEASE, tarballs[0])], { cwd: project });
  const installed = join(project, 'node_modules/greenfit');
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
  assert.equal(manifest.customElements, 'custom-elements.json');
  assert.equal(manifest.types, './greenfit.d.ts');
  const elements = JSON.parse(readFileSync(join(installed, 'custom-elements.json'), 'utf8'));
  const tags = elements.modules.flatMap((m) => m.declarations.map((d) => d.tagName));
  assert.deepEqual(tags, ['greenfit-widget', 'greenfit-dashboard']);
  assert.ok(readFileSync(join(installed, 'greenfit.d.ts'), 'utf8').includes("'greenfit-widget': GreenfitWidgetElement"));

  writeFileSync(join(project, 'index.html'), `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Mitglieder</title>
    <script type="module" src="node_modules/greenfit/greenfit.js"></script></head>
    <body><greenfit-widget storage-key="npm"></greenfit-widget></body></html>`);
  const server = await serve(project);
  const url = `http://127.0.0.1:${server.address().port}/`;
  const context = await newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const requested = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(url);
  const w = page.locator('greenfit-widget');
  // German, from node_modules/greenfit/greenfit-lang/de.txt.
  await w.getByRole('button', { name: 'Selbstcheck starten' }).click();
  const radio = w.locator('input[type=radio]').first();
  await radio.check();
  await page.waitForFunction(() => localStorage.getItem('greenfit:npm:doc') !== null);
  await page.reload();
  await w.locator('input[type=radio]:checked').first().waitFor();
  const version = await page.evaluate(() => customElements.get('greenfit-widget').version);
  assert.equal(version, manifest.version);
  // One script and its wasm (the element's own script is inside greenfit.js), and the page's
  // language: nothing else, from nowhere else, before or after the reload.
  assert.deepEqual([...new Set(requested)].sort(), ['/', '/node_modules/greenfit/greenfit-lang/de.txt',
    '/node_modules/greenfit/greenfit.js', '/node_modules/greenfit/greenfit_bg.wasm']);
  assert.deepEqual(errors, []);
  await context.close();
  server.close();
});

test('the self-hosting zip holds what its checksums say, precompressed', { skip }, async () => {
  const folder = execFileSync('ls', [RELEASE]).toString().split('\n')
    .find((f) => /^greenfit-\d/.test(f) && statSync(join(RELEASE, f)).isDirectory());
  assert.ok(folder, `a greenfit-<version> folder in ${RELEASE}`);
  const root = join(RELEASE, folder);
  const sums = readFileSync(join(root, 'SHA256SUMS'), 'utf8').trim().split('\n');
  for (const line of sums) {
    const [hash, file] = line.split('  ');
    assert.equal(createHash('sha256').update(readFileSync(join(root, file))).digest('hex'), hash, file);
  }
  for (const asset of ['greenfit.js', 'greenfit_bg.wasm', 'greenfit-dashboard_bg.wasm', 'greenfit-lang/de.txt']) {
    assert.ok(sums.some((l) => l.endsWith(`  ${asset}.br`)) && sums.some((l) => l.endsWith(`  ${asset}.gz`)), asset);
  }
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const integrity = `sha384-${createHash('sha384').update(readFileSync(join(root, 'greenfit.js'))).digest('base64')}`;
  assert.ok(readme.includes(`integrity="${integrity}"`), 'the README snippet pins greenfit.js by its hash');
  assert.ok(!readme.includes('{{'), 'no template placeholder left');
});

test('the release folder\'s config check reads the admin\'s configuration next to it', { skip }, async () => {
  const folder = execFileSync('ls', [RELEASE]).toString().split('\n')
    .find((f) => /^greenfit-\d/.test(f) && statSync(join(RELEASE, f)).isDirectory());
  // The admin's site: the release folder copied, with their own (slightly wrong) greenfit.json.
  const site = mkdtempSync(join(tmpdir(), 'greenfit-site-'));
  execFileSync('cp', ['-r', join(RELEASE, folder), join(site, 'greenfit')]);
  writeFileSync(join(site, 'greenfit', 'greenfit.json'), '{\n  "name": "Our Cluster",\n  "colors": { "accent": "#ffd500" }\n}\n');
  const server = await serve(site);
  const context = await newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/greenfit/config-check.html`);
  await page.locator('#result', { hasText: '1 problem(s) found' }).waitFor();
  assert.match(await page.locator('#problems li').textContent(), /contrast/);
  assert.match(await page.locator('#config').inputValue(), /Our Cluster/);
  // A calm tool page, not a themed one.
  assert.equal(await page.locator('h1').evaluate((el) => getComputedStyle(el).textTransform), 'none');
  // A typo in the JSON: the problem says where, and a button goes there.
  await page.locator('#config').fill('{\n  "name": "Our Cluster",\n  "colors": { "accent": "#1f6f43" \n}\n');
  await page.locator('#check').click();
  await page.locator('#result', { hasText: '1 problem(s) found' }).waitFor();
  await page.locator('#problems button', { hasText: /Go to line \d/ }).click();
  assert.match(await page.locator('#position').textContent(), /^Line [45], column \d+$/);
  assert.deepEqual(errors, []);
  await context.close();
  server.close();
});

test('a tampered wasm refuses to run, says why, and still hands out the saved answers', async () => {
  const consoleErrors = [];
  const { context, page } = await open('/plain.html');
  const saved = JSON.stringify({ format: 'greenfit', version: 1, answers: { 'ee-use': 3 } });
  await page.evaluate((text) => localStorage.setItem('greenfit:selfcheck:doc', text), saved);
  await context.route('**/greenfit_bg.wasm', async (route) => {
    const response = await route.fetch();
    const body = await response.body();
    body[body.length - 10] ^= 0xff;
    await route.fulfill({ response, body });
  });
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  await page.goto(`${BASE}/plain.html`);
  await page.waitForTimeout(1500);
  assert.ok(consoleErrors.some((t) => t.includes('greenfit could not start')), consoleErrors.join('\n'));
  assert.ok(consoleErrors.some((t) => /integrity/i.test(t)), 'the browser names the integrity check');
  assert.equal(await page.locator('greenfit-widget .gf').count(), 0, 'the changed wasm did not run');
  // No dead widget: a message in the page's language, and the saved answers to download.
  await page.locator('greenfit-widget [role=alert]', { hasText: 'greenfit could not start. Your saved answers are safe in this browser.' }).waitFor();
  const { text } = await downloaded(page,
    () => page.locator('greenfit-widget').getByRole('button', { name: 'Download my saved answers' }).click());
  assert.equal(text, saved);
  await context.close();
});

test('no dead widget when the browser cannot run WebAssembly or the CSP forbids it', async () => {
  const { context, page } = await open('/plain.html');
  // A page whose CSP lacks 'wasm-unsafe-eval', in German.
  const html = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>t</title>
    <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'">
    <script type="module" src="/greenfit.js"></script></head><body><greenfit-widget></greenfit-widget></body></html>`;
  await context.route(`${BASE}/strict.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  await page.goto(`${BASE}/strict.html`);
  await page.locator('greenfit-widget [role=alert]', { hasText: 'greenfit konnte nicht starten' }).waitFor();
  // Nothing saved for this widget: no download button.
  assert.equal(await page.locator('greenfit-widget button').count(), 0);
  await context.close();

  // A browser without WebAssembly at all.
  const old = await open('/plain.html');
  await old.context.addInitScript(() => { delete window.WebAssembly; });
  await old.page.goto(`${BASE}/plain.html`);
  await old.page.locator('greenfit-widget [role=alert]', { hasText: 'greenfit could not start' }).waitFor();
  await old.context.close();
});

test('a changed language bundle is refused: English is shown and the admin is told why', async () => {
  const { context, page } = await open('/plain.html');
  await context.route('**/greenfit-lang/de.txt', async (route) => {
    const response = await route.fetch();
    const text = (await response.text()).replace('Selbstcheck', 'Selbstcheck (verändert)');
    await route.fulfill({ response, body: text });
  });
  await page.evaluate(() => localStorage.setItem('greenfit:selfcheck:lang', 'de'));
  await page.reload();
  await page.locator('greenfit-widget .gf').waitFor();
  const problems = await page.locator('greenfit-widget').evaluate(async (el) => { await el.ready; return el.configProblems(); });
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0], /^language de: could not load .*greenfit-lang\/de\.txt, or it does not match its integrity hash/);
  assert.equal(await page.locator('greenfit-widget').getByRole('button', { name: 'Start the self-check' }).count(), 1, 'English instead');
  await context.close();
});
