// The <greenfit-dashboard> custom element. Rust does the work: this class only hands its
// lifecycle over to `mount`, and reads dropped folders (an API Rust's bindings lack).
export function define_dashboard(mount, version) {
  if (customElements.get('greenfit-dashboard')) return;
  customElements.define('greenfit-dashboard', class extends HTMLElement {
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
      if (!this.greenfitHandle) {
        this.greenfitHandle = mount(this, this.shadowRoot || this.attachShadow({ mode: 'open' }));
      }
    }
    /** Reads text (a share file, an export, or text with share codes) as a file named `name`. */
    loadText(text, name = 'text') {
      this.greenfitHandle.load_text(String(name), String(text));
    }
  });
}

// The build puts this file into greenfit-dashboard.js (xtask/src/inline.rs), so
// `import.meta.url` is that script's address; the language bundles live in greenfit-lang/
// beside it.
export function asset_base() {
  return new URL('./', import.meta.url).href;
}

// Every file in a drop, the files inside dropped folders included. The entries must be taken
// while the drop event is dispatched, before the first await.
export function dropped_files(event) {
  const transfer = event.dataTransfer;
  const entries = [...(transfer ? transfer.items : [])]
    .map((item) => (item.webkitGetAsEntry ? item.webkitGetAsEntry() : null))
    .filter(Boolean);
  if (entries.length === 0) return Promise.resolve([...(transfer ? transfer.files : [])]);
  const files = [];
  const walk = async (entry) => {
    if (entry.isFile) {
      files.push(await new Promise((resolve, reject) => entry.file(resolve, reject)));
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      for (;;) {
        const batch = await new Promise((resolve, reject) => reader.readEntries(resolve, reject));
        if (batch.length === 0) break;
        for (const child of batch) await walk(child);
      }
    }
  };
  return (async () => {
    for (const entry of entries) await walk(entry);
    return files;
  })();
}
