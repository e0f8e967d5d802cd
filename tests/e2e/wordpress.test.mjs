// The WordPress plugin on a real WordPress: Debian's `wordpress` package with MariaDB and PHP's
// own web server, in a temporary folder. An administrator installs and activates the plugin zip;
// an Editor (not an administrator) publishes a page with the shortcode; a visitor answers,
// reloads and finds the answer kept; the settings page refuses a broken configuration, naming
// the field, and uses a good one. `cargo xtask test` builds release/ and sets RELEASE_DIR.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newContext } from './helpers.mjs';

const RELEASE = process.env.RELEASE_DIR;
const WORDPRESS = '/usr/share/wordpress';
const missing = [
  [WORDPRESS, 'wordpress'],
  ['/usr/sbin/mariadbd', 'mariadb-server'],
  ['/usr/bin/php', 'php-cli'],
].filter(([path]) => !existsSync(path)).map(([, pkg]) => pkg);
const skip = !RELEASE
  ? 'RELEASE_DIR is not set (cargo xtask test builds release/ and sets it)'
  : false;

const children = [];
after(() => { for (const child of children) child.kill('SIGTERM'); });

// PHP's server writes a line per request to its log; a failure shows the last ones, which tell
// a request that held the others up from one that never came.
let serverLog = null;
function withServerLog(body) {
  return async () => {
    try {
      await body();
    } catch (error) {
      if (serverLog && existsSync(serverLog)) {
        const requests = readFileSync(serverLog, 'utf8').split('\n').filter((line) => !/ (Accepted|Closing)$/.test(line));
        error.message += `\n\nThe PHP server's last requests (${serverLog}):\n${requests.slice(-40).join('\n')}`;
      }
      throw error;
    }
  };
}

function freePort() {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(check, what, seconds = 60) {
  for (let i = 0; i < seconds * 10; i += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Runs PHP code with WordPress loaded, as the command line (no user logged in). */
function wpPhp(root, code) {
  return execFileSync('php', ['-r', `define('WP_USE_THEMES', false); require '${root}/wp-load.php'; ${code}`], { cwd: root }).toString();
}

test('the WordPress plugin: installed by an admin, used by an Editor, kept for a visitor', { skip, timeout: 300_000 }, withServerLog(async () => {
  assert.deepEqual(missing, [], `install the Debian packages: apt-get install ${missing.join(' ')} php-mysql`);
  const work = mkdtempSync(join(tmpdir(), 'greenfit-wp-'));

  // MariaDB in its own data folder, on a socket only.
  const data = join(work, 'db');
  const socket = join(work, 'mysql.sock');
  execFileSync('mariadb-install-db', [`--datadir=${data}`, '--user=root', '--auth-root-authentication-method=normal', '--skip-test-db'], { stdio: 'ignore' });
  const db = spawn('/usr/sbin/mariadbd', [`--datadir=${data}`, `--socket=${socket}`, '--skip-networking', '--user=root', `--pid-file=${join(work, 'db.pid')}`], { stdio: 'ignore' });
  children.push(db);
  await waitFor(() => existsSync(socket), 'MariaDB');
  execFileSync('mariadb', [`--socket=${socket}`, '-uroot', '-e',
    "CREATE DATABASE wp; CREATE USER 'wp'@'localhost' IDENTIFIED BY 'wp'; GRANT ALL ON wp.* TO 'wp'@'localhost';"]);

  // WordPress from Debian's package, with a configuration of our own.
  const root = join(work, 'wordpress');
  cpSync(WORDPRESS, root, { recursive: true, dereference: true });
  const port = await freePort();
  const site = `http://127.0.0.1:${port}`;
  writeFileSync(join(root, 'wp-config.php'), `<?php
define('DB_NAME', 'wp'); define('DB_USER', 'wp'); define('DB_PASSWORD', 'wp');
define('DB_HOST', 'localhost:${socket}'); define('DB_CHARSET', 'utf8mb4'); define('DB_COLLATE', '');
$table_prefix = 'wp_';
define('WP_HOME', '${site}'); define('WP_SITEURL', '${site}');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content'); define('WP_CONTENT_URL', '${site}/wp-content');
define('WP_PLUGIN_DIR', __DIR__ . '/wp-content/plugins'); define('WP_PLUGIN_URL', '${site}/wp-content/plugins');
define('FS_METHOD', 'direct'); define('AUTOMATIC_UPDATER_DISABLED', true); define('WP_HTTP_BLOCK_EXTERNAL', true);
foreach (array('AUTH_KEY','SECURE_AUTH_KEY','LOGGED_IN_KEY','NONCE_KEY','AUTH_SALT','SECURE_AUTH_SALT','LOGGED_IN_SALT','NONCE_SALT') as $k) define($k, 'greenfit-test-' . $k);
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`);
  execFileSync('php', ['-r', `define('WP_INSTALLING', true); require '${root}/wp-load.php'; require_once ABSPATH . 'wp-admin/includes/upgrade.php';
    wp_install('Cluster test site', 'admin', 'admin@example.org', false, '', 'admin-password');
    wp_insert_user(array('user_login' => 'editor', 'user_pass' => 'editor-password', 'user_email' => 'editor@example.org', 'role' => 'editor'));`], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] });

  // The administrator installs the plugin zip and activates it.
  const zip = readdirSync(RELEASE).find((f) => /^greenfit-wordpress-.*\.zip$/.test(f));
  assert.ok(zip, 'the WordPress plugin zip');
  execFileSync('python3', ['-c', `import zipfile; zipfile.ZipFile('${join(process.cwd(), RELEASE, zip)}').extractall('${root}/wp-content/plugins')`]);
  assert.equal(wpPhp(root, "require_once ABSPATH . 'wp-admin/includes/plugin.php'; $r = activate_plugin('greenfit/greenfit.php'); echo is_wp_error($r) ? $r->get_error_message() : 'active';"), 'active');

  // The block renders the same widget as the shortcode, with its settings as attributes.
  const block = wpPhp(root, `echo do_blocks('<!-- wp:greenfit/widget {"lang":"de","modules":"canvas","storageKey":"wp-canvas"} /-->');`);
  assert.equal(block.trim(), '<greenfit-widget lang="de" modules="canvas" storage-key="wp-canvas"></greenfit-widget>');

  // Four workers, as a real server has more than one: with PHP's default of one, a request that
  // waits on another request to the same site (WordPress's cron, the admin's Site Health
  // checks and REST calls that call the site back) holds every other request up until it times
  // out. A fresh-clone CI run once saw the administrator's login wait over 30 s here.
  // The workers are the server's children: it runs in a process group of its own, which is
  // stopped whole.
  serverLog = join(work, 'php-server.log');
  const server = spawn('php', ['-S', `127.0.0.1:${port}`, '-t', root], {
    stdio: ['ignore', 'ignore', openSync(serverLog, 'a')],
    detached: true,
    env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4' },
  });
  children.push({ kill: (signal) => { try { process.kill(-server.pid, signal); } catch { /* already gone */ } } });
  await waitFor(async () => { try { return (await fetch(`${site}/wp-login.php`)).ok; } catch { return false; } }, 'PHP server');

  const login = async (user, password) => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${site}/wp-login.php`);
    await page.fill('#user_login', user);
    await page.fill('#user_pass', password);
    await page.click('#wp-submit');
    await page.waitForURL(/wp-admin/);
    return { context, page };
  };

  // An Editor publishes a page with the shortcode, through the REST API the block editor uses.
  const editor = await login('editor', 'editor-password');
  assert.equal(await editor.page.evaluate(() => document.body.classList.contains('administrator')), false);
  await editor.page.goto(`${site}/wp-admin/post-new.php?post_type=page`);
  await editor.page.waitForFunction(() => window.wp && window.wp.apiFetch);
  const created = await editor.page.evaluate(() => window.wp.apiFetch({
    path: '/wp/v2/pages',
    method: 'POST',
    data: { title: 'Sustainability self-check', status: 'publish', content: '[greenfit lang="en" modules="selfcheck" storage-key="wp-members"]' },
  }));
  assert.equal(created.status, 'publish');
  await editor.context.close();

  // A visitor answers, reloads, and finds the answer kept.
  const visitor = await newContext();
  const page = await visitor.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(created.link);
  const w = page.locator('greenfit-widget');
  await w.getByRole('button', { name: 'Start the self-check' }).click();
  await w.locator('input[type=radio]').first().check();
  await page.waitForFunction(() => localStorage.getItem('greenfit:wp-members:doc') !== null);
  await page.reload();
  await w.locator('input[type=radio]:checked').first().waitFor();
  assert.equal(await page.locator('script[src*="greenfit/assets/greenfit.js"][type="module"]').count(), 1);
  // The script is loaded only where the widget is.
  await page.goto(`${site}/?p=1`);
  assert.equal(await page.locator('script[src*="greenfit/assets/greenfit.js"]').count(), 0);
  assert.deepEqual(errors, []);

  // The settings page refuses a broken configuration, naming the field, and keeps a good one.
  const admin = await login('admin', 'admin-password');
  const adminLog = [];
  admin.page.on('console', (m) => adminLog.push(`${m.type()}: ${m.text()}`));
  admin.page.on('pageerror', (e) => adminLog.push(`error: ${e.message}`));
  await admin.page.goto(`${site}/wp-admin/options-general.php?page=greenfit`);
  await admin.page.fill('#greenfit-config', JSON.stringify({ name: 'WP Cluster', colors: { accent: 'rgb(31, 111)x' } }));
  await admin.page.click('#submit');
  await admin.page.locator('#greenfit-problems li', { hasText: 'colors.accent: is not a colour' }).waitFor();
  assert.equal(wpPhp(root, "echo get_option('greenfit_config', '');"), '', 'nothing was saved');
  await admin.page.fill('#greenfit-config', JSON.stringify({ name: 'WP Cluster', colors: { accent: '#8a1538' } }));
  await Promise.all([
    admin.page.waitForURL(/settings-updated=true/).catch((e) => { throw new Error(`${e.message}\n${adminLog.join('\n')}\n${admin.page.url()}`); }),
    admin.page.click('#submit'),
  ]);
  assert.equal(JSON.parse(wpPhp(root, "echo get_option('greenfit_config', '');")).name, 'WP Cluster');
  await admin.context.close();

  await page.goto(created.link);
  await w.locator('.gf-brand', { hasText: 'WP Cluster' }).waitFor();
  await visitor.close();
}));
