// The <greenfit-widget> custom element. Rust does the work: this class only hands its
// lifecycle and its public methods over to the handle that `mount` returns.
export function define_element(mount, version) {
  if (customElements.get('greenfit-widget')) return;
  customElements.define('greenfit-widget', class extends HTMLElement {
    /** greenfit's version, for example "0.1.0". */
    static get version() { return version; }
    constructor() {
      super();
      /** Resolves with the element once its configuration, language and benchmark file are loaded. */
      this.ready = new Promise((resolve) => {
        this.addEventListener('greenfit-ready', () => resolve(this), { once: true });
      });
    }
    connectedCallback() {
      // Moving the element in the page disconnects and reconnects it: mount only once.
      if (this.greenfitHandle) {
        this.greenfitHandle.resume();
        return;
      }
      // Defined while the page is still being parsed (an async module on a streamed page), the
      // element may not have its children yet, among them an inline configuration: while it is
      // the last thing parsed, wait for the rest of the document.
      if (document.readyState === 'loading' && !this.nextSibling) {
        if (!this.greenfitWaiting) {
          this.greenfitWaiting = true;
          document.addEventListener('DOMContentLoaded', () => {
            this.greenfitWaiting = false;
            if (this.isConnected) this.connectedCallback();
          }, { once: true });
        }
        return;
      }
      this.greenfitHandle = mount(this, this.shadowRoot || this.attachShadow({ mode: 'open' }));
    }
    /** The running widget, or a clear error for a call made before it started. */
    #running() {
      if (!this.greenfitHandle) {
        throw new Error('greenfit: the widget has not started yet (it starts when it is in the '
          + 'page); await widget.ready before calling its methods.');
      }
      return this.greenfitHandle;
    }
    static get observedAttributes() { return ['lang', 'modules', 'storage-key', 'config']; }
    attributeChangedCallback(name, before, after) {
      // Read once, at start: say so rather than leave an admin wondering.
      if (this.greenfitHandle && before !== after) {
        console.warn(`greenfit: the ${name} attribute is read once, when the widget starts; `
          + 'to change it, replace the element with a new one.');
      }
    }
    disconnectedCallback() {
      // Taken out of the page (not just moved within it): stop listening until it is back.
      queueMicrotask(() => { if (!this.isConnected && this.greenfitHandle) this.greenfitHandle.pause(); });
    }
    /** The export document: answers, canvases and computed results, as a plain object. */
    exportData() { return this.#running().export_data(); }
    /** Validates and loads an export document (object or JSON text); throws and changes nothing on failure. */
    importData(doc) { this.#running().import_data(doc); }
    /** Deletes this widget's saved data from the browser. */
    clearData() { this.#running().clear_data(); }
    /** Problems found in the cluster configuration, as "field: reason" texts. */
    configProblems() { return this.#running().config_problems(); }
  });
}

// The build puts this file into greenfit.js (xtask/src/inline.rs), so `import.meta.url` is
// greenfit.js's address; the language bundles live in greenfit-lang/ beside it.
export function asset_base() {
  return new URL('./', import.meta.url).href;
}

// The widget's stylesheet as greenfit.js's starter parsed it while the wasm loaded:
// `{ text, sheet }` (`sheet` is null where constructable stylesheets are missing).
export function early_style() {
  return globalThis[Symbol.for('greenfit.early')]?.get('style') ?? { text: '', sheet: null };
}

// greenfit.js's short notice where the widget would be, with a button that downloads the
// answers saved under `name`: for a widget that could load none of its language bundles.
export function show_notice(host, root, name) {
  globalThis[Symbol.for('greenfit.early')]?.get('notice')?.(host, root, name);
}

// The widget's screen is written as one string of HTML (src/ui); `patch` makes the elements
// under `root` match it, keeping every element that stays (and so the focus, the caret, what
// the visitor typed and the sections they opened): a text changes its text, an element its
// attributes. Children are matched in order, or by `data-key` (else `id`) where they have one,
// so a moved canvas item is moved, not rebuilt. An element marked `data-same` is a part
// written as before (`Html::part`): the one on screen stays as it is. Returns false when such
// a part was not on screen (the caller then writes everything).
let complete = true;

// A page that enforces Trusted Types (CSP `require-trusted-types-for 'script'`) lets greenfit
// write its screens through a policy of its own when it allows the name (`trusted-types
// greenfit`). The HTML is greenfit's own, every text in it escaped (src/model/markup.rs).
const trusted = (() => {
  try {
    const policy = globalThis.trustedTypes?.createPolicy('greenfit', { createHTML: (html) => html });
    if (policy) return (html) => policy.createHTML(html);
  } catch {
    // The page does not allow the name: the browser says so when the screen is written.
  }
  return (html) => html;
})();

export function patch(root, html) {
  const next = document.createElement('template');
  next.innerHTML = trusted(html);
  complete = true;
  patchChildren(root, next.content);
  return complete;
}

const keyOf = (node) => node.nodeType === 1 ? node.getAttribute('data-key') || node.id : '';

function patchChildren(live, next) {
  let at = live.firstChild;
  for (let node = next.firstChild; node;) {
    const following = node.nextSibling;
    const key = keyOf(node);
    let match = null;
    if (key) {
      for (let c = at; c; c = c.nextSibling) {
        if (c.nodeName === node.nodeName && keyOf(c) === key) { match = c; break; }
      }
    } else {
      // The next element on screen without a key, if it is of the same kind: one with a key
      // is found by its own key, or goes (a notice dismissed before the screen's section).
      let c = at;
      while (c && keyOf(c)) c = c.nextSibling;
      if (c && c.nodeName === node.nodeName) match = c;
    }
    const same = key && node.hasAttribute('data-same');
    if (match) {
      if (match === at) at = at.nextSibling; else live.insertBefore(match, at);
      if (!same) patchNode(match, node);
    } else {
      if (same) complete = false;
      live.insertBefore(node, at);
    }
    node = following;
  }
  while (at) { const after = at.nextSibling; at.remove(); at = after; }
}

function patchNode(live, next) {
  if (live.nodeType !== 1) {
    if (live.data !== next.data) live.data = next.data;
    return;
  }
  const attributes = next.attributes;
  for (let i = 0; i < attributes.length; i++) {
    const { name, value } = attributes[i];
    if (live.getAttribute(name) !== value) {
      live.setAttribute(name, value);
      stateOf(live, name, value);
    }
  }
  const had = live.attributes;
  for (let i = had.length - 1; i >= 0; i--) {
    const { name } = had[i];
    // A section the visitor opened stays open; printing marks what it opened.
    if (!next.hasAttribute(name) && name !== 'open' && !name.startsWith('data-greenfit')) {
      live.removeAttribute(name);
      stateOf(live, name, null);
    }
  }
  if (live.nodeName === 'TEXTAREA') {
    // Its text is its value as written: what the visitor typed is left alone unless the
    // written value changed.
    if (live.defaultValue !== next.defaultValue) {
      live.defaultValue = next.defaultValue;
      if (live.value !== next.defaultValue) live.value = next.defaultValue;
    }
    return;
  }
  patchChildren(live, next);
  if (live.nodeName === 'SELECT') {
    // Browsers ignore `selected` on an option the visitor has picked by hand before.
    const chosen = live.querySelector('option[selected]');
    if (chosen && live.value !== chosen.value) live.value = chosen.value;
  }
}

// A field's value and a box's tick are the browser's own state once the visitor has touched
// them: a changed attribute is carried over to them.
// (Setting a field's value to what it holds would move the caret to its end.)
function stateOf(element, name, value) {
  if (name === 'value' && element.nodeName === 'INPUT') {
    if (element.value !== (value ?? '')) element.value = value ?? '';
  } else if (name === 'checked') {
    element.checked = value !== null;
  }
}

// Hands the widget's events to `handler(type, action, target, element)`: `element` is the
// nearest one (from the event's target up) that names an action for the event's type in a
// `data-click`, `data-change`, `data-input` or `data-submit` attribute. One listener per type,
// on the app's own element, which goes when the app stops.
export function listen(root, handler) {
  for (const type of ['click', 'change', 'input', 'submit']) {
    root.addEventListener(type, (event) => {
      const element = event.target.closest?.(`[data-${type}]`);
      if (!element) return;
      if (type === 'submit') event.preventDefault();
      handler(type, element.getAttribute(`data-${type}`), event.target, element);
    });
  }
}
