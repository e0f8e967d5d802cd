// greenfit: start as soon as the module loads, so one script tag is enough. The wasm is
// fetched with its integrity hash: a changed copy refuses to run.
__wbg_init({
  module_or_path: new Request(new URL('__WASM__', import.meta.url), { integrity: '__INTEGRITY__' }),
}).catch((error) => {
  console.error('greenfit could not start: its files could not be loaded, or they do not match '
    + 'their integrity hashes (a damaged or changed copy), or this browser cannot run '
    + 'WebAssembly here. Answers saved in this browser are safe.', error);
  greenfitCouldNotStart();
});

// No waterfall: what each widget asks for first (its configuration file, and the language
// bundle it will most likely show) is requested now, just after the wasm (the longest
// download), while the wasm downloads and compiles. The wasm takes these requests over (by
// absolute URL) instead of making them again.
if ('__TAG__' === 'greenfit-widget') {
  const key = Symbol.for('greenfit.early');
  const early = globalThis[key] || (globalThis[key] = new Map());
  const bundles = __BUNDLES__;
  const ask = (url, init) => {
    if (early.has(url)) return;
    const request = fetch(url, init);
    request.catch(() => {}); // a failure is reported by the widget, when it takes the request
    early.set(url, request);
  };
  for (const element of document.querySelectorAll('greenfit-widget')) {
    const config = (element.getAttribute('config') || '').trim();
    if (config && !element.querySelector('script[type="application/json"]')) {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 10000);
      ask(new URL(config, document.baseURI).href, { signal: controller.signal });
    }
    // The language the widget will most likely choose (src/embed/mod.rs, `boot`), before its
    // configuration is known: the one the visitor chose in it, the element's, the page's, the
    // browser's, else English. A wrong guess costs a request, not a wrong language.
    let chosen = null;
    try { chosen = localStorage.getItem(`greenfit:${storageName(element)}:lang`); } catch (blocked) { chosen = null; }
    const wishes = [chosen, element.getAttribute('lang'), document.documentElement.lang, ...(navigator.languages || [])];
    const wish = wishes.map((w) => (w || '').slice(0, 2).toLowerCase()).find((w) => Object.hasOwn(bundles, w)) || 'en';
    ask(new URL(`greenfit-lang/${wish}.txt`, import.meta.url).href, { integrity: bundles[wish] });
  }
  early.set('notice', notice);
}

// The widget's stylesheet is parsed now, while the wasm downloads and compiles, instead of
// after it; every widget on the page adopts this one sheet (src/embed/mod.rs).
if ('__TAG__' === 'greenfit-widget') {
  const key = Symbol.for('greenfit.early');
  const early = globalThis[key] || (globalThis[key] = new Map());
  if (!early.has('style')) {
    const text = __STYLE__;
    let sheet = null;
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
    } catch (old) {
      sheet = null; // a browser without constructable stylesheets gets a <style> element
    }
    early.set('style', { text, sheet });
  }
}

// The storage name of an element, as the wasm makes it for the first widget without one:
// its storage-key, else its id, else "default".
function storageName(element) {
  return (element.getAttribute('storage-key') || element.id || 'default')
    .replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40) || 'default';
}

// A short message in the page's language in `root`, and when this browser holds saved data
// under `name`, a button that downloads it. Shown where a <__TAG__> would be when the wasm
// cannot start (below), and by a widget that could load none of its language bundles.
function notice(host, root, name) {
  const texts = {
    en: ['greenfit could not start. Your saved answers are safe in this browser.', 'Download my saved answers'],
    de: ['greenfit konnte nicht starten. Ihre gespeicherten Antworten sind in diesem Browser sicher.', 'Meine gespeicherten Antworten herunterladen'],
    fr: ['greenfit n’a pas pu démarrer. Vos réponses enregistrées sont en sécurité dans ce navigateur.', 'Télécharger mes réponses enregistrées'],
    es: ['greenfit no ha podido iniciarse. Sus respuestas guardadas están seguras en este navegador.', 'Descargar mis respuestas guardadas'],
    it: ['greenfit non è riuscito ad avviarsi. Le Sue risposte salvate sono al sicuro in questo browser.', 'Scarica le mie risposte salvate'],
    pl: ['Nie udało się uruchomić greenfit. Zapisane odpowiedzi są bezpieczne w tej przeglądarce.', 'Pobierz moje zapisane odpowiedzi'],
  };
  const wish = host.getAttribute('lang') || document.documentElement.lang || navigator.language || 'en';
  const [message, label] = texts[wish.slice(0, 2).toLowerCase()] || texts.en;
  const note = document.createElement('p');
  note.setAttribute('role', 'alert');
  note.textContent = message;
  root.append(note);
  const key = '__TAG__' === 'greenfit-widget' ? `greenfit:${name}:doc` : 'greenfit-dashboard:shares';
  let saved = null;
  try { saved = localStorage.getItem(key); } catch (blocked) { saved = null; }
  if (saved === null) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.addEventListener('click', () => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([saved], { type: 'application/json' }));
    link.download = `greenfit-${name}.json`;
    root.append(link);
    link.click();
    link.remove();
  });
  root.append(button);
}

// No dead element: where a <__TAG__> would be, the notice above.
function greenfitCouldNotStart() {
  if (customElements.get('__TAG__')) return;
  customElements.define('__TAG__', class extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      notice(this, this.attachShadow({ mode: 'open' }), storageName(this));
    }
  });
}
