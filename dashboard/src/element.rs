//! Defines `<greenfit-dashboard>`: reads `lang` and `config`, loads the language bundle the
//! widget uses (for area and question texts), and mounts the app in the element's shadow root.

use std::cell::RefCell;
use std::rc::Rc;

use greenfit::model::config::{choose_language, ClusterConfig, ConfigError};
use greenfit::model::language::{self, Language};
use greenfit::model::strings::Strings;
use greenfit::store::shares::SharesStore;
use greenfit::store::{self, Backend};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, ShadowRoot};
use yew::Callback;

use crate::app::{App, Env};

#[wasm_bindgen(module = "/src/element.js")]
extern "C" {
    fn define_dashboard(mount: &Closure<dyn Fn(HtmlElement, ShadowRoot) -> JsValue>, version: &str);
    fn asset_base() -> String;
    /// Every file of a drop, folders read recursively: a promise of an array of `File`s.
    pub fn dropped_files(event: &web_sys::DragEvent) -> js_sys::Promise;
}

const STYLE: &str = include_str!("style.css");

/// The dashboard's own strings, in every language greenfit speaks.
fn strings(lang: &str) -> Strings {
    let english = Strings::from_json(include_str!("../content/dashboard.en.json"))
        .expect("the English dashboard strings are checked by the test suite");
    let text = match lang {
        "de" => include_str!("../content/dashboard.de.json"),
        "fr" => include_str!("../content/dashboard.fr.json"),
        "es" => include_str!("../content/dashboard.es.json"),
        "it" => include_str!("../content/dashboard.it.json"),
        "pl" => include_str!("../content/dashboard.pl.json"),
        _ => return english,
    };
    match Strings::from_json(text) {
        Ok(strings) => strings.over(&english),
        Err(_) => english,
    }
}

/// Where the running app takes text handed to `loadText` (a file's name and its text).
pub type Inbox = Rc<RefCell<Option<Callback<(String, String)>>>>;

#[wasm_bindgen(start)]
pub fn start() {
    let mount = Closure::<dyn Fn(HtmlElement, ShadowRoot) -> JsValue>::new(|host, root| {
        let inbox = Inbox::default();
        wasm_bindgen_futures::spawn_local(boot(host, root, inbox.clone()));
        JsValue::from(DashboardHandle { inbox })
    });
    define_dashboard(&mount, greenfit::VERSION);
    mount.forget();
}

/// What the element's JavaScript API calls.
#[wasm_bindgen]
pub struct DashboardHandle {
    inbox: Inbox,
}

#[wasm_bindgen]
impl DashboardHandle {
    /// Reads `text` (a share file, an export, or text with share codes) as if it were a file
    /// called `name` dropped on the dashboard.
    pub fn load_text(&self, name: String, text: String) -> Result<(), JsError> {
        let inbox = self.inbox.borrow().clone();
        match inbox {
            Some(inbox) => {
                inbox.emit((name, text));
                Ok(())
            }
            None => Err(JsError::new(
                "greenfit dashboard: still loading; wait for `await dashboard.ready` first",
            )),
        }
    }
}

/// Reads a file; with `integrity`, the browser refuses it unless its bytes match.
async fn fetch_text(url: &str, integrity: Option<&str>) -> Result<String, String> {
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let failed = |_| format!("could not load {url}");
    let init = web_sys::RequestInit::new();
    if let Some(integrity) = integrity {
        init.set_integrity(integrity);
    }
    let request = web_sys::Request::new_with_str_and_init(url, &init).map_err(failed)?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
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

async fn boot(host: HtmlElement, root: ShadowRoot, inbox: Inbox) {
    adopt_style(&root, STYLE);
    let english = Language::english();
    let config_text = match host
        .get_attribute("config")
        .filter(|u| !u.trim().is_empty())
    {
        Some(url) => Some(fetch_text(&url, None).await),
        None => None,
    };
    let (config, mut problems) = match config_text {
        Some(Ok(text)) => ClusterConfig::parse(&text, &english.content),
        Some(Err(reason)) => (
            ClusterConfig::default(),
            vec![ConfigError {
                field: "config".to_owned(),
                reason,
            }],
        ),
        None => (ClusterConfig::default(), Vec::new()),
    };
    let page_lang = host
        .owner_document()
        .and_then(|d| d.document_element())
        .and_then(|html| html.get_attribute("lang"));
    let wishes: Vec<String> = [host.get_attribute("lang"), page_lang]
        .into_iter()
        .flatten()
        .collect();
    let offered: Vec<String> = language::SHIPPED.iter().map(|l| l.to_string()).collect();
    let lang = choose_language(&wishes, &offered);
    let language = if lang == "en" {
        english
    } else {
        let url = format!("{}greenfit-lang/{lang}.txt", asset_base());
        match fetch_text(&url, language::bundle_integrity(&lang))
            .await
            .map(|t| Language::from_bundle(&t))
        {
            Ok(Ok(language)) => language,
            _ => {
                problems.push(ConfigError {
                    field: format!("language {lang}"),
                    reason: format!(
                        "{url} could not be loaded or does not match its integrity hash; \
                         showing English area names"
                    ),
                });
                english
            }
        }
    };
    for problem in &problems {
        web_sys::console::warn_1(&format!("greenfit dashboard: {problem}").into());
    }
    let mut content = language.content;
    config.apply_to(&mut content);
    let backend = store::web::local_storage().map(|b| Box::new(b) as Box<dyn Backend>);
    let env = Rc::new(Env {
        host: host.clone(),
        strings: strings(&lang),
        lang,
        content,
        config,
        store: SharesStore::new(backend),
        inbox,
    });
    let Some(document) = root.owner_document() else {
        return;
    };
    let Ok(container) = document.create_element("div") else {
        return;
    };
    let _ = root.append_child(&container);
    // The app fires `greenfit-ready` after its first render.
    yew::Renderer::<App>::with_root_and_props(container, crate::app::AppProps { env }).render();
}

/// One stylesheet in the shadow root; constructable sheets need no `'unsafe-inline'`.
fn adopt_style(root: &ShadowRoot, css: &str) {
    if let Ok(sheet) = web_sys::CssStyleSheet::new() {
        if sheet.replace_sync(css).is_ok() {
            let sheets = js_sys::Reflect::get(root, &"adoptedStyleSheets".into())
                .ok()
                .map(|sheets| js_sys::Array::from(&sheets))
                .unwrap_or_default();
            sheets.push(&sheet);
            if js_sys::Reflect::set(root, &"adoptedStyleSheets".into(), &sheets).is_ok() {
                return;
            }
        }
    }
    if let Some(document) = root.owner_document() {
        if let Ok(style) = document.create_element("style") {
            style.set_text_content(Some(css));
            let _ = root.append_child(&style);
        }
    }
}
