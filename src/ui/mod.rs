//! The widget's screens. Each is written as one string of HTML from the app's state, and
//! `patch` (src/embed/element.js) makes the widget's elements match it, keeping those that stay.
//! Elements name what they do in `data-click`, `data-change`, `data-input` or `data-submit`
//! attributes; one listener per event type hands them to `App::on_event`. They stay thin: state
//! changes go through `model::session`, numbers come from `model::scoring` and `model::canvas`.

mod app;
mod canvas;
mod data;
mod results;
mod selfcheck;
mod share;

pub use app::App;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use web_sys::HtmlElement;

use crate::model::config::{ClusterConfig, ConfigError};
use crate::model::content::Content;
use crate::model::document::Document;
use crate::model::session::{Action, View};
use crate::model::strings::Strings;
use crate::store::{Started, Store};

pub use crate::model::session::Modules;

/// Everything one widget instance lives on. Shared by the app and the element's JS API.
pub struct Env {
    pub host: HtmlElement,
    pub store: Rc<Store>,
    pub content: Content,
    pub strings: Strings,
    pub config: ClusterConfig,
    /// What was wrong with the configuration, for the site admin. A benchmark file named by
    /// URL arrives after the first screen and may add to it.
    pub config_errors: RefCell<Vec<ConfigError>>,
    /// The cluster's benchmark (inline in the configuration, or from its file once that has
    /// arrived): only the results show it, so the first screen does not wait for it.
    pub benchmark: RefCell<Option<Rc<crate::model::dashboard::Benchmark>>>,
    /// Renders the app again after something outside its state changed (the benchmark).
    pub refresh: RefCell<Option<Rc<dyn Fn()>>>,
    /// The example canvas in this language.
    pub example: crate::model::language::Example,
    /// The languages the visitor may switch between.
    pub languages: Vec<String>,
    pub switch_language: Rc<dyn Fn(String)>,
    /// Focus the language switch after a switch re-started the app.
    pub focus_language: bool,
    pub modules: Modules,
    /// Where the element API sends actions once the app is listening.
    pub inbox: RefCell<Option<Inbox>>,
    /// The last thing the element API did before the app listened (an import or a delete
    /// replaces the whole document, so the last one is what to show). The app takes it when it
    /// starts listening.
    pub early: RefCell<Option<Action>>,
    /// What the app read from storage at its start, until it listens (see `Store::missed`).
    pub started: RefCell<Option<Started>>,
    /// The document on screen, which is also the one stored: what `exportData()` returns.
    pub shown: RefCell<Rc<Document>>,
    /// The screen the visitor is on; it outlives a language switch.
    pub resume: Rc<RefCell<Option<View>>>,
    /// This app's id among the users of its store (see `Store::listen`).
    pub listener: Cell<usize>,
}

/// How the element API reaches a running app.
pub type Inbox = Rc<dyn Fn(Action)>;

impl Env {
    pub fn t(&self, key: &str) -> String {
        self.strings.get(key)
    }

    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        self.strings.fill(key, values)
    }

    /// What the text field `id` shows: what is stored, unless the visitor is typing in it.
    /// `patch` sets a field's value when the value written differs from the one written before,
    /// and these fields store on `change` (when they lose focus), so a render while the visitor
    /// types (the "Saved" line of an earlier change, another tab's save) would wipe what they
    /// typed.
    pub fn typed(&self, id: &str, stored: &str) -> String {
        focused(&self.host)
            .filter(|field| field.id() == id)
            .and_then(|field| text_in(&field))
            .unwrap_or_else(|| stored.to_owned())
    }

    /// Loads a checked document: stored first (`Store::keep`), so that a reload or
    /// `exportData()` right after gives it back, then shown, and announced to the host page.
    pub fn import(&self, doc: Document) {
        let at = now_iso();
        let doc = self.store.keep(doc, &at, self.listener.get());
        *self.shown.borrow_mut() = Rc::new(doc.clone());
        self.tell_app(Action::Import(doc));
        self.announce_change("import", &at);
    }

    /// Deletes this widget's stored data (document, backups, language choice), and says so.
    pub fn clear(&self) {
        let had_data = self.store.clear_by(self.listener.get());
        *self.shown.borrow_mut() = Rc::default();
        self.tell_app(Action::Cleared);
        if had_data {
            self.announce_change("clear", &now_iso());
        }
    }

    /// Shows a change the element API made: at once when the app listens, else when it starts
    /// to (an app that has not read the store yet shows it anyway, and is told again).
    fn tell_app(&self, action: Action) {
        let inbox = self.inbox.borrow().clone();
        match inbox {
            Some(inbox) => inbox(action),
            None => *self.early.borrow_mut() = Some(action),
        }
    }

    /// Tells the host page that the stored data changed: `reason` is `save`, `import` or
    /// `clear`, `at` when.
    pub fn announce_change(&self, reason: &str, at: &str) {
        announce_change(&self.host, reason, at);
    }
}

/// Fires `greenfit-change` on the element (see [`Env::announce_change`]).
pub fn announce_change(host: &HtmlElement, reason: &str, at: &str) {
    let detail = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&detail, &"reason".into(), &reason.into());
    let _ = js_sys::Reflect::set(&detail, &"at".into(), &at.into());
    fire(host, "greenfit-change", &detail);
}

/// Fires a bubbling, composed event named `name` on the element, for the host page.
pub fn fire(host: &HtmlElement, name: &str, detail: &wasm_bindgen::JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// The value of an input, textarea or select (a checkbox: "on" when ticked, else "").
pub fn value_of(target: &web_sys::Element) -> String {
    use wasm_bindgen::JsCast;
    if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        if input.type_() == "checkbox" && !input.checked() {
            return String::new();
        }
        return input.value();
    }
    if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return area.value();
    }
    target
        .dyn_ref::<web_sys::HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

/// The element with focus inside the widget's shadow root.
pub fn focused(host: &HtmlElement) -> Option<web_sys::Element> {
    host.shadow_root().and_then(|root| root.active_element())
}

/// What `field` holds when it is a text field the visitor types in (a textarea, or an input of
/// type text), else `None`.
pub fn text_in(field: &web_sys::Element) -> Option<String> {
    use wasm_bindgen::JsCast;
    match field.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        Some(area) => Some(area.value()),
        None => field
            .dyn_ref::<web_sys::HtmlInputElement>()
            .filter(|input| input.type_() == "text")
            .map(|input| input.value()),
    }
}

/// The current time as an ISO 8601 string.
pub fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// A date and time in the visitor's language and time zone.
pub fn format_date(iso: &str, lang: &str) -> String {
    crate::web::local_date(iso, lang, true)
}

/// The company size as shown: "Small (10 to 49 people)" and so on, empty when not given.
pub fn size_label(env: &Env, size: &str) -> String {
    if size.is_empty() {
        String::new()
    } else {
        env.t(&format!("profile.size_{size}"))
    }
}

/// Offers `text` as a file download. The file is made in the browser; nothing is sent.
pub fn download(env: &Env, filename: &str, text: &str) {
    use wasm_bindgen::JsCast;
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let document = env
        .host
        .owner_document()
        .expect("the element is in a document");
    if let Some(root) = env.host.shadow_root() {
        if let Ok(anchor) = document.create_element("a") {
            let anchor: web_sys::HtmlAnchorElement = anchor.unchecked_into();
            anchor.set_href(&url);
            anchor.set_download(filename);
            anchor.set_hidden(true);
            let _ = root.append_child(&anchor);
            anchor.click();
            let _ = root.remove_child(&anchor);
        }
    }
    // Give the browser a moment to start the download before the URL is released.
    let release = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 1000);
    }
}

/// Prints this widget alone: the host page is hidden by a print-only sheet while the element
/// carries `data-greenfit-printing`, which is removed after printing.
pub fn print_widget(host: &HtmlElement) {
    crate::web::print(host, false);
}

/// Prints this widget on landscape pages (the canvas).
pub fn print_widget_landscape(host: &HtmlElement) {
    crate::web::print(host, true);
}

pub use crate::model::markup::{attr, css_string, put, Html};

pub use crate::embed::{listen, patch};

/// Writes `open`, the text of `key` escaped, then `close`.
pub fn put_t(h: &mut String, env: &Env, open: &str, key: &str, close: &str) {
    put(h, open, &env.t(key), close);
}

/// Opens a panel (`class`: `gf-panel` and its own), headed by the text of `title` in an `<h3>`
/// with the id `heading`; the caller closes the `<section>`.
pub fn panel(h: &mut String, env: &Env, class: &str, heading: &str, title: &str) {
    put(h, "<section class=\"", class, "\"");
    put(h, " aria-labelledby=\"", heading, "\">");
    put(h, "<h3 id=\"", heading, "\">");
    put_t(h, env, "", title, "</h3>");
}

/// Writes a row of buttons: each its class, what it does and the key of its label.
pub fn actions(h: &mut String, env: &Env, buttons: &[(&str, &str, &str)]) {
    h.push_str("<div class=\"gf-actions\">");
    for (class, act, key) in buttons {
        button(h, class, act, &env.t(key));
    }
    h.push_str("</div>");
}

/// Writes a button that does `act` when clicked.
pub fn button(h: &mut String, class: &str, act: &str, label: &str) {
    h.push_str("<button type=\"button\"");
    attr(h, "class", class);
    attr(h, "data-click", act);
    put(h, ">", label, "</button>");
}

/// Focuses the first element under `root` that matches `selector`; false when there is none.
pub fn focus_first(root: &web_sys::Element, selector: &str) -> bool {
    use wasm_bindgen::JsCast;
    match root.query_selector(selector) {
        Ok(Some(element)) => {
            if let Ok(element) = element.dyn_into::<HtmlElement>() {
                let _ = element.focus();
            }
            true
        }
        _ => false,
    }
}
