//! The `<greenfit-widget>` element: mounting into a shadow root, its attributes, styles and
//! the JS API host pages use (`exportData`, `importData`, `clearData`, `greenfit-change`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use web_sys::{HtmlElement, ShadowRoot};

use crate::model::config::{choose_language, ClusterConfig, ConfigError};
use crate::model::document::Document;
use crate::model::language::{self, Language};
use crate::model::session::View;
use crate::store::{self, Backend, Store};
use crate::ui::{App, Env, Modules};

#[wasm_bindgen(module = "/src/embed/element.js")]
extern "C" {
    fn define_element(mount: &Closure<dyn Fn(HtmlElement, ShadowRoot) -> JsValue>, version: &str);
    /// The URL of the folder greenfit.js was loaded from, ending in "/".
    fn asset_base() -> String;
    /// style.css, minified at build time (src/embed/minify.rs) and parsed by greenfit.js while
    /// the wasm loaded (xtask/src/starter.js): `{ text, sheet }`.
    fn early_style() -> JsValue;
    /// greenfit.js's short notice in the page's language, with a button that downloads the
    /// answers saved under `name` (xtask/src/starter.js): for a widget that has no texts.
    fn show_notice(host: &HtmlElement, root: &ShadowRoot, name: &str);
    /// Makes the elements under `root` match `html`, keeping those that stay (src/ui); false
    /// when a part left out as unchanged was not on screen.
    pub fn patch(root: &web_sys::Element, html: &str) -> bool;
    /// Hands `root`'s clicks, changes, inputs and submits to `handler` (src/ui).
    pub fn listen(root: &web_sys::Element, handler: &Events);
}

/// What `listen` calls with an event: its type, the action named, the event's target and the
/// element that names the action.
pub type Events = Closure<dyn Fn(String, String, web_sys::Element, web_sys::Element)>;

#[wasm_bindgen(start)]
pub fn start() {
    let mount = Closure::<dyn Fn(HtmlElement, ShadowRoot) -> JsValue>::new(|host, root| {
        JsValue::from(mount(host, root))
    });
    define_element(&mount, crate::VERSION);
    mount.forget();
}

thread_local! {
    /// The page's stores by namespace: widgets with the same storage key share one store, so
    /// that each sees the other's saves (the browser's `storage` event only reaches other tabs).
    static STORES: RefCell<Vec<(String, std::rc::Weak<Store>)>> = const { RefCell::new(Vec::new()) };
}

/// The page's store for `namespace`, made on first use.
fn shared_store(namespace: &str) -> Rc<Store> {
    STORES.with(|stores| {
        let mut stores = stores.borrow_mut();
        stores.retain(|(_, store)| store.strong_count() > 0);
        if let Some(store) = stores
            .iter()
            .find(|(name, _)| name == namespace)
            .and_then(|(_, store)| store.upgrade())
        {
            return store;
        }
        let backend = store::web::local_storage().map(|b| Box::new(b) as Box<dyn Backend>);
        let store = Rc::new(Store::new(backend, namespace));
        stores.push((namespace.to_owned(), Rc::downgrade(&store)));
        store
    })
}

/// Keeps letters, digits, `-` and `_`, at most 40 of them.
fn clean_namespace(raw: &str) -> String {
    raw.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(40)
        .collect()
}

/// The storage namespace: the `storage-key` attribute, else the element's `id`, else
/// `default`, `default-2`, ... by the element's place among such widgets in the page (or in
/// the shadow root it is in), so a widget the host page re-renders finds its data again.
fn namespace(host: &HtmlElement) -> String {
    for attribute in ["storage-key", "id"] {
        if let Some(value) = host.get_attribute(attribute) {
            let value = clean_namespace(&value);
            if !value.is_empty() {
                return value;
            }
        }
    }
    match auto_position(host) {
        1 => "default".to_owned(),
        n => format!("default-{n}"),
    }
}

/// 1 for the first widget without a storage key or id in its document or shadow root, 2 for
/// the second, ...
fn auto_position(host: &HtmlElement) -> usize {
    let selector = "greenfit-widget:not([storage-key]):not([id])";
    let root = host.get_root_node();
    let list = if let Some(document) = root.dyn_ref::<web_sys::Document>() {
        document.query_selector_all(selector).ok()
    } else if let Some(shadow) = root.dyn_ref::<ShadowRoot>() {
        shadow.query_selector_all(selector).ok()
    } else {
        None
    };
    let Some(list) = list else {
        return 1;
    };
    let me: &web_sys::Node = host;
    (0..list.length())
        .position(|i| list.item(i).is_some_and(|node| &node == me))
        .map_or(1, |i| i + 1)
}

/// The `modules` attribute wins over the configuration; neither means both modules.
fn modules(host: &HtmlElement, config: &ClusterConfig) -> Modules {
    let from_config = Modules {
        selfcheck: config.shows("selfcheck"),
        canvas: config.shows("canvas"),
    };
    let Some(list) = host.get_attribute("modules") else {
        return from_config;
    };
    let words: Vec<&str> = list.split_whitespace().collect();
    let modules = Modules {
        selfcheck: words.contains(&"selfcheck"),
        canvas: words.contains(&"canvas"),
    };
    if modules.selfcheck || modules.canvas {
        modules
    } else {
        from_config
    }
}

/// Adds the widget's own stylesheet to the shadow root: the sheet greenfit.js parsed while
/// the wasm loaded (parsing it here cost about 13 ms of the first screen at 4x throttling),
/// shared by every widget on the page.
fn adopt_own_style(root: &ShadowRoot) {
    let early = early_style();
    let sheet = js_sys::Reflect::get(&early, &"sheet".into())
        .ok()
        .and_then(|sheet| sheet.dyn_into::<web_sys::CssStyleSheet>().ok());
    if sheet.is_some_and(|sheet| adopt_sheet(root, &sheet)) {
        return;
    }
    let text = js_sys::Reflect::get(&early, &"text".into())
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default();
    adopt_style(root, &text);
}

/// Adds `sheet` to the shadow root's adopted sheets; false where the browser cannot.
fn adopt_sheet(root: &ShadowRoot, sheet: &web_sys::CssStyleSheet) -> bool {
    let sheets = js_sys::Reflect::get(root, &"adoptedStyleSheets".into())
        .ok()
        .map(|sheets| js_sys::Array::from(&sheets))
        .unwrap_or_default();
    sheets.push(sheet);
    js_sys::Reflect::set(root, &"adoptedStyleSheets".into(), &sheets).is_ok()
}

/// Adds a sheet to the shadow root. Constructable sheets need no `style-src 'unsafe-inline'`
/// under a strict CSP; a `<style>` element is the fallback for older browsers.
fn adopt_style(root: &ShadowRoot, css: &str) {
    if let Ok(sheet) = web_sys::CssStyleSheet::new() {
        if sheet.replace_sync(css).is_ok() && adopt_sheet(root, &sheet) {
            return;
        }
    }
    if let Some(document) = root.owner_document() {
        if let Ok(style) = document.create_element("style") {
            style.set_text_content(Some(css));
            let _ = root.append_child(&style);
        }
    }
}

/// Where the widget's environment lives once configuration and language are loaded.
type Slot = Rc<RefCell<Option<Rc<Env>>>>;

/// What one widget needs to (re)start: it outlives a language switch.
struct Widget {
    host: HtmlElement,
    root: ShadowRoot,
    /// One store for the widget's life, so a language switch never loses answers kept in memory.
    store: Rc<Store>,
    config: Option<Result<String, String>>,
    slot: Slot,
    running: RefCell<Option<(Rc<App>, web_sys::Element)>>,
    /// The cluster's colours are adopted once, not again on every language switch.
    colours_adopted: Cell<bool>,
    /// The screen the visitor is on, kept across a language switch.
    resume: Rc<RefCell<Option<View>>>,
    /// Out of the page: the app is stopped (no listeners, nothing running) until it is back.
    paused: Rc<Cell<bool>>,
    /// The element had an inline configuration and a `config` attribute (the inline one wins).
    both_configs: bool,
    /// The language last loaded, shown again when a switch finds neither the language asked
    /// for nor English (the network gone since the first screen).
    last_language: RefCell<Option<Language>>,
}

/// How long the configuration may take to arrive before the widget starts on its defaults.
const CONFIG_TIMEOUT_MS: u32 = 10_000;

fn mount(host: HtmlElement, root: ShadowRoot) -> WidgetHandle {
    adopt_own_style(&root);
    // Until the first screen is there: its space reserved, and a word for screen readers.
    if let Some(document) = root.owner_document() {
        if let Ok(loading) = document.create_element("p") {
            loading.set_class_name("gf-loading");
            let _ = loading.set_attribute("role", "status");
            loading.set_text_content(Some("greenfit …"));
            let _ = root.append_child(&loading);
        }
    }
    let slot = Slot::default();
    let store = shared_store(&namespace(&host));
    let inline = host
        .query_selector("script[type='application/json']")
        .ok()
        .flatten()
        .and_then(|script| script.text_content());
    let url = host
        .get_attribute("config")
        .filter(|url| !url.trim().is_empty());
    let paused = Rc::new(Cell::new(false));
    let started = Rc::new(RefCell::new(None));
    let handle = WidgetHandle {
        env: slot.clone(),
        widget: started.clone(),
        paused: paused.clone(),
    };
    wasm_bindgen_futures::spawn_local(async move {
        let both = inline.is_some() && url.is_some();
        let config = match (inline, url) {
            (Some(text), _) => Some(Ok(text)),
            (None, Some(url)) => Some(fetch_within(&url, CONFIG_TIMEOUT_MS).await),
            (None, None) => None,
        };
        let widget = Rc::new(Widget {
            host,
            root,
            store,
            config,
            slot,
            running: RefCell::new(None),
            colours_adopted: Cell::new(false),
            resume: Rc::default(),
            paused,
            both_configs: both,
            last_language: RefCell::default(),
        });
        *started.borrow_mut() = Some(widget.clone());
        boot(widget, None).await;
    });
    handle
}

/// Reads a file, giving up after `ms` milliseconds.
async fn fetch_within(url: &str, ms: u32) -> Result<String, String> {
    fetch_checked(url, None, Some(ms)).await
}

/// Reads a file, refused by the browser unless its bytes match `integrity` when one is given,
/// and given up after `timeout` milliseconds when one is given.
async fn fetch_checked(
    url: &str,
    integrity: Option<&str>,
    timeout: Option<u32>,
) -> Result<String, String> {
    let started = start_fetch(url, integrity, timeout);
    finish_fetch(url, started, integrity, timeout).await
}

/// A request greenfit.js already made for `url` while the wasm was downloading (the widget's
/// configuration file, the language bundle its page asks for), taken over so it is not made
/// twice. Keyed by the absolute URL, with the same integrity and timeout as here.
fn early_request(url: &str) -> Option<js_sys::Promise> {
    let absolute = web_sys::Request::new_with_str(url).ok()?.url();
    let key = js_sys::Symbol::for_("greenfit.early");
    let early: js_sys::Map = js_sys::Reflect::get(&js_sys::global(), &key)
        .ok()?
        .dyn_into()
        .ok()?;
    let request = early.get(&absolute.clone().into());
    early.delete(&absolute.into());
    request.dyn_into().ok()
}

/// Starts reading a file (or takes over the request greenfit.js started), without waiting:
/// several requests run at once.
fn start_fetch(
    url: &str,
    integrity: Option<&str>,
    timeout: Option<u32>,
) -> Result<js_sys::Promise, JsValue> {
    if let Some(request) = early_request(url) {
        return Ok(request);
    }
    let window = web_sys::window().ok_or("no window")?;
    let init = web_sys::RequestInit::new();
    if let Some(integrity) = integrity {
        init.set_integrity(integrity);
    }
    if let Some(ms) = timeout {
        // AbortController and a timer: older browsers lack AbortSignal.timeout.
        if let Ok(controller) = web_sys::AbortController::new() {
            init.set_signal(Some(&controller.signal()));
            let abort = Closure::once_into_js(move || controller.abort());
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                abort.unchecked_ref(),
                ms as i32,
            );
        }
    }
    let request = web_sys::Request::new_with_str_and_init(url, &init)?;
    Ok(window.fetch_with_request(&request))
}

/// Waits for a request [`start_fetch`] started and reads its text, with a reason an admin
/// understands when it fails.
async fn finish_fetch(
    url: &str,
    started: Result<js_sys::Promise, JsValue>,
    integrity: Option<&str>,
    timeout: Option<u32>,
) -> Result<String, String> {
    use wasm_bindgen_futures::JsFuture;
    let failed = |error: JsValue| {
        let timed_out = error
            .dyn_ref::<web_sys::DomException>()
            .is_some_and(|e| e.name() == "AbortError");
        if timed_out {
            format!(
                "{url} did not arrive within {} s",
                timeout.unwrap_or(0) / 1000
            )
        } else if integrity.is_some() {
            format!(
                "could not load {url}, or it does not match its integrity hash \
                 (a file of another greenfit version, or a changed one)"
            )
        } else {
            format!("could not load {url}")
        }
    };
    let response: web_sys::Response = JsFuture::from(started.map_err(failed)?)
        .await
        .map_err(failed)?
        .dyn_into()
        .map_err(|_| format!("could not load {url}"))?;
    if !response.ok() {
        return Err(format!("could not load {url} (HTTP {})", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(failed)?)
        .await
        .map_err(failed)?;
    text.as_string()
        .ok_or_else(|| format!("could not read {url}"))
}

/// A problem of the configuration, in the console for the site admin (and on the widget).
fn warn_admin(error: &ConfigError) {
    web_sys::console::warn_1(&format!("greenfit configuration: {error}").into());
}

/// The languages the visitor's browser asks for, in order.
fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|list| list.iter().filter_map(|l| l.as_string()).collect())
        .unwrap_or_default()
}

/// Reads the configuration, picks and loads the language, and renders the app. `switched`
/// is the language the visitor just chose in the widget.
async fn boot(widget: Rc<Widget>, switched: Option<String>) {
    let shape = Language::shape();
    let (mut config, mut errors) = match &widget.config {
        Some(Ok(text)) => ClusterConfig::parse(text, &shape.content),
        Some(Err(reason)) => {
            let field = "config".to_owned();
            let reason = reason.clone();
            (
                ClusterConfig::default(),
                vec![ConfigError { field, reason }],
            )
        }
        None => (ClusterConfig::default(), Vec::new()),
    };
    let mut languages: Vec<String> = config
        .offered_languages()
        .into_iter()
        .filter(|l| language::SHIPPED.contains(&l.as_str()))
        .collect();
    let page_lang = widget
        .host
        .owner_document()
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute("lang"));
    let mut wishes: Vec<String> = [
        switched.clone(),
        widget.store.language(),
        widget.host.get_attribute("lang"),
        page_lang,
        Some(config.languages.default.clone()),
    ]
    .into_iter()
    .flatten()
    .collect();
    wishes.extend(browser_languages());
    let lang = choose_language(&wishes, &languages);
    // The benchmark is asked for now, so that it arrives while the language bundle does; only
    // the results show it, so the first screen does not wait for it (below).
    let benchmark_url = config.benchmark_url.clone();
    let benchmark = (!benchmark_url.is_empty())
        .then(|| start_fetch(&benchmark_url, None, Some(CONFIG_TIMEOUT_MS)));
    let Some(language) = load_language(&widget, &lang, &mut errors).await else {
        errors.iter().for_each(warn_admin);
        if let Ok(Some(loading)) = widget.root.query_selector(".gf-loading") {
            loading.remove();
        }
        show_notice(&widget.host, &widget.root, widget.store.namespace());
        return;
    };
    if widget.both_configs {
        errors.push(ConfigError {
            field: "config".to_owned(),
            reason: "the element has both an inline configuration and a config attribute; \
                     the inline one is used"
                .to_owned(),
        });
    }
    errors.iter().for_each(warn_admin);
    // When a bundle failed and English stands in, the switch says English, not the language
    // that could not be loaded.
    if !languages.contains(&language.content.lang) {
        languages.insert(0, language.content.lang.clone());
    }
    let mut content = language.content;
    config.apply_to(&mut content);
    if !widget.colours_adopted.replace(true) {
        let colours = config.colors.properties();
        if !colours.is_empty() {
            let declarations: String = colours
                .iter()
                .map(|(name, value)| format!("{name}: {value};"))
                .collect();
            adopt_style(&widget.root, &format!(":host {{ {declarations} }}"));
        }
    }
    let switch = {
        let widget = widget.clone();
        Rc::new(move |lang: String| {
            widget.store.set_language(&lang);
            let running = widget.running.borrow_mut().take();
            if let Some((app, container)) = running {
                app.stop();
                container.remove();
            }
            wasm_bindgen_futures::spawn_local(boot(widget.clone(), Some(lang)));
        })
    };
    let env = Rc::new(Env {
        store: widget.store.clone(),
        content,
        strings: language.strings,
        example: language.example,
        modules: modules(&widget.host, &config),
        languages,
        switch_language: switch,
        focus_language: switched.is_some(),
        benchmark: RefCell::new(config.benchmark_data.take().map(Rc::new)),
        refresh: RefCell::new(None),
        config,
        config_errors: RefCell::new(errors),
        inbox: RefCell::new(None),
        early: RefCell::default(),
        started: RefCell::default(),
        host: widget.host.clone(),
        shown: RefCell::default(),
        resume: widget.resume.clone(),
        listener: Cell::new(0),
    });
    let first_start = widget.slot.borrow().is_none();
    *widget.slot.borrow_mut() = Some(env.clone());
    // An element taken out of the page while it loaded starts when it is put back.
    if !widget.paused.get() && widget.running.borrow().is_none() {
        let document = widget
            .root
            .owner_document()
            .expect("the element is in a document");
        let container = document
            .create_element("div")
            .expect("a div can always be created");
        let _ = widget.root.append_child(&container);
        if let Ok(Some(loading)) = widget.root.query_selector(".gf-loading") {
            loading.remove();
        }
        let app = App::start(env.clone(), container.clone());
        *widget.running.borrow_mut() = Some((app, container));
    }
    // A benchmark file named in the configuration: shown by the results once it is here, or
    // reported with the configuration's other problems (also when it takes longer than the
    // configuration may: `ready` waits for it).
    if let Some(started) = benchmark {
        let url = benchmark_url;
        match finish_fetch(&url, started, None, Some(CONFIG_TIMEOUT_MS))
            .await
            .and_then(|text| {
                crate::model::dashboard::Benchmark::parse(&text)
                    .map_err(|why| format!("{url} {why}"))
            }) {
            Ok(benchmark) => *env.benchmark.borrow_mut() = Some(Rc::new(benchmark)),
            Err(reason) => {
                let error = ConfigError {
                    field: "benchmark".to_owned(),
                    reason,
                };
                warn_admin(&error);
                env.config_errors.borrow_mut().push(error);
            }
        }
        let refresh = env.refresh.borrow().clone();
        if let Some(refresh) = refresh {
            refresh();
        }
    }
    // `greenfit-ready` resolves the element's `ready` promise: the configuration, the language
    // and the benchmark file are loaded (or their problems known) and the element API works.
    if first_start {
        crate::ui::fire(&widget.host, "greenfit-ready", &JsValue::NULL);
    }
}

/// The language `lang`, else English, else the language the widget showed before (a switch
/// after the network went), each failure added to `errors` for the admin; `None` when there is
/// no language to show. The language shown last is taken again without a request (a widget
/// put back in the page, or English after a switch failed).
async fn load_language(
    widget: &Widget,
    lang: &str,
    errors: &mut Vec<ConfigError>,
) -> Option<Language> {
    let mut failed = Vec::new();
    let mut loaded = None;
    for lang in [lang, "en"] {
        if failed.iter().any(|(tried, _)| *tried == lang) {
            continue;
        }
        let shown_last = widget
            .last_language
            .borrow()
            .as_ref()
            .filter(|last| last.content.lang == lang)
            .cloned();
        if let Some(language) = shown_last {
            loaded = Some(language);
            break;
        }
        let url = format!("{}greenfit-lang/{lang}.txt", asset_base());
        match fetch_checked(&url, language::bundle_integrity(lang), None)
            .await
            .and_then(|text| {
                Language::from_bundle(&text).map_err(|why| format!("{url} is refused: {why}"))
            }) {
            Ok(language) => {
                *widget.last_language.borrow_mut() = Some(language.clone());
                loaded = Some(language);
                break;
            }
            Err(reason) => failed.push((lang, reason)),
        }
    }
    let language = loaded.or_else(|| widget.last_language.borrow().clone());
    let instead = match &language {
        Some(language) => format!("showing {}", language::autonym(&language.content.lang)),
        None => "greenfit shows a short notice instead of the self-check (is the \
                 greenfit-lang folder beside greenfit.js?)"
            .to_owned(),
    };
    for (lang, reason) in failed {
        errors.push(ConfigError {
            field: format!("language {lang}"),
            reason: format!("{reason}; {instead}"),
        });
    }
    language
}

/// What the element's JS methods call.
#[wasm_bindgen]
pub struct WidgetHandle {
    env: Slot,
    /// The widget once its configuration is read; it lives as long as the element, so answers
    /// kept in memory (blocked storage) survive the element being moved or re-added.
    widget: Rc<RefCell<Option<Rc<Widget>>>>,
    paused: Rc<Cell<bool>>,
}

impl WidgetHandle {
    fn env(&self) -> Result<Rc<Env>, JsError> {
        self.env
            .borrow()
            .clone()
            .ok_or_else(|| JsError::new("greenfit is still loading its configuration"))
    }
}

#[wasm_bindgen]
impl WidgetHandle {
    /// The export document, with computed results, as a plain object: the document on screen,
    /// which is the one stored (or kept in memory when the browser refuses to store).
    pub fn export_data(&self) -> Result<JsValue, JsError> {
        let env = self.env()?;
        let doc = env.shown.borrow().clone();
        let text = doc.export_json(&env.content, &crate::ui::now_iso());
        js_sys::JSON::parse(&text).map_err(|_| JsError::new("greenfit: export failed"))
    }

    /// Loads an export document (object or JSON text). Throws and changes nothing if it is
    /// not a valid greenfit document; once it returns, the document is stored.
    pub fn import_data(&self, doc: JsValue) -> Result<(), JsError> {
        let env = self.env()?;
        let text = match doc.as_string() {
            Some(text) => text,
            None => js_sys::JSON::stringify(&doc)
                .ok()
                .and_then(|t| t.as_string())
                .ok_or_else(|| JsError::new("greenfit: importData needs an object or JSON text"))?,
        };
        let doc = Document::parse(&text).map_err(|e| JsError::new(&format!("greenfit: {e}")))?;
        env.import(doc);
        Ok(())
    }

    /// The problems found in the configuration, as "field: reason" texts.
    pub fn config_problems(&self) -> Result<js_sys::Array, JsError> {
        let env = self.env()?;
        let problems = env
            .config_errors
            .borrow()
            .iter()
            .map(|e| JsValue::from(e.to_string()))
            .collect();
        Ok(problems)
    }

    /// Deletes this widget's saved data (and only this widget's).
    pub fn clear_data(&self) -> Result<(), JsError> {
        self.env()?.clear();
        Ok(())
    }

    /// The element left the page: stop the app, so it listens to nothing and holds no screen.
    /// Its store (and what it keeps in memory) stays with the element.
    pub fn pause(&self) {
        self.paused.set(true);
        let widget = self.widget.borrow().clone();
        if let Some(widget) = widget {
            let running = widget.running.borrow_mut().take();
            if let Some((app, container)) = running {
                app.stop();
                container.remove();
            }
        }
    }

    /// The element is back in the page: start the app again where the visitor was.
    pub fn resume(&self) {
        if !self.paused.replace(false) {
            return;
        }
        let widget = self.widget.borrow().clone();
        if let Some(widget) = widget {
            if widget.running.borrow().is_none() {
                wasm_bindgen_futures::spawn_local(boot(widget, None));
            }
        }
    }
}
