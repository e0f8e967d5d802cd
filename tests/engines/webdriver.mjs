// A small W3C WebDriver client: enough to drive greenfit's main flows in Chromium (chromedriver),
// Firefox (geckodriver) and WebKit (WebKitWebDriver), which all speak the same protocol.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

/** Starts a WebDriver server (`command` with `args`, listening on `port`) and waits for it. */
export async function startDriver(command, args, port, env = process.env) {
  const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`${command} exited: ${stderr}`);
    try {
      const status = await fetch(`${url}/status`);
      if (status.ok) return { url, stop: () => child.kill() };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`${command} did not start: ${stderr}`);
}

export class Session {
  constructor(url, id) { this.url = url; this.id = id; }

  static async start(driverUrl, capabilities) {
    const response = await fetch(`${driverUrl}/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ capabilities: { alwaysMatch: capabilities } }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(`new session: ${JSON.stringify(body.value)}`);
    return new Session(driverUrl, body.value.sessionId);
  }

  async cmd(method, path, body) {
    const response = await fetch(`${this.url}/session/${this.id}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const value = text ? JSON.parse(text).value : null;
    if (!response.ok) throw new Error(`${method} ${path}: ${value?.error}: ${value?.message}`);
    return value;
  }

  go(url) { return this.cmd('POST', '/url', { url }); }

  /** Runs `fn` (a function's source) in the page with `args`; returns its result. */
  run(fn, ...args) {
    return this.cmd('POST', '/execute/sync', { script: `return (${fn}).apply(null, arguments);`, args });
  }

  /** Runs an async `fn` in the page and waits for its result. */
  runAsync(fn, ...args) {
    return this.cmd('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1];
        Promise.resolve((${fn}).apply(null, Array.from(arguments).slice(0, -1)))
          .then((v) => done({ ok: v }), (e) => done({ error: String(e && e.message || e) }));`,
      args,
    }).then((r) => { if (r?.error) throw new Error(r.error); return r?.ok; });
  }

  /** Waits until `fn` returns something truthy in the page, and returns it. */
  async until(fn, what, ms = 20_000, ...args) {
    const end = Date.now() + ms;
    let last;
    while (Date.now() < end) {
      let failed = false;
      try { last = await this.run(fn, ...args); } catch (e) { last = e.message; failed = true; }
      if (last && !failed) return last;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)})`);
  }

  /** The element in the n-th widget's shadow root matching `selector` (and holding `text`). */
  async widgetElement(selector, text = null, n = 0) {
    const element = await this.until((selector, text, n) => {
      const root = document.querySelectorAll('greenfit-widget')[n]?.shadowRoot;
      if (!root) return null;
      const all = [...root.querySelectorAll(selector)];
      return (text === null ? all[0] : all.find((e) => e.textContent.includes(text))) ?? null;
    }, `${selector}${text ? ` "${text}"` : ''}`, 20_000, selector, text, n);
    return element[ELEMENT];
  }

  async click(selector, text = null, n = 0) {
    const id = await this.widgetElement(selector, text, n);
    await this.cmd('POST', `/element/${id}/click`, {}).catch((e) => {
      throw new Error(`click on ${selector}${text ? ` "${text}"` : ''}: ${e.message}`);
    });
  }

  /** Types into a field (Element Send Keys focuses it: no click, whose hit test WebKit's
   * driver does on the document and so loses inside a shadow root for text fields). */
  async type(selector, keys, n = 0) {
    const id = await this.widgetElement(selector, null, n);
    await this.cmd('POST', `/element/${id}/value`, { text: keys });
  }

  setSize(width, height) { return this.cmd('POST', '/window/rect', { width, height }); }

  /** The page printed to PDF by the browser, as bytes. */
  async print() {
    const base64 = await this.cmd('POST', '/print', { background: true });
    return Buffer.from(base64, 'base64');
  }

  quit() { return this.cmd('DELETE', '').catch(() => {}); }
}
