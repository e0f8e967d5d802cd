// The <greenfit-widget> custom element. Rust does the work: this class only hands its
// lifecycle and its public methods over to the handle that `mount` returns.
export function define_element(mount, version) {
  if (customElements.get('greenfit-widget')) return;
  customElements.define('greenfit-widget', class extends HTMLElement {
    /** greenfit's version, for example "0.1.0". */
    static get version() { return version; }
    constructor() {
      super();
      /** Resolves with the element once its configuration and language are loaded. */
      this.ready = new Promise((resolve) => {
        this.addEventListener('greenfit-ready', () => resolve(this), { once: true });
      });
    }
    connectedCallback() {
      // Moving the element in the page disconnects and reconnects it: mount only once.
      if (!this.greenfitHandle) {
        this.greenfitHandle = mount(this, this.shadowRoot || this.attachShadow({ mode: 'open' }));
      } else {
        this.greenfitHandle.resume();
      }
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
      queueMicrotask(() => { if (!this.isConnected) this.greenfitHandle.pause(); });
    }
    /** The export document: answers, canvases and computed results, as a plain object. */
    exportData() { return this.greenfitHandle.export_data(); }
    /** Validates and loads an export document (object or JSON text); throws and changes nothing on failure. */
    importData(doc) { this.greenfitHandle.import_data(doc); }
    /** Deletes this widget's saved data from the browser. */
    clearData() { this.greenfitHandle.clear_data(); }
    /** Problems found in the cluster configuration, as "field: reason" texts. */
    configProblems() { return this.greenfitHandle.config_problems(); }
  });
}

// This file is served as snippets/<crate>-<hash>/src/embed/element.js next to greenfit.js;
// the language bundles live in greenfit-lang/ beside greenfit.js.
export function asset_base() {
  return new URL('../../../../', import.meta.url).href;
}
