//! Browser helpers that the widget and the dashboard share (wasm only).

use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// While an element of greenfit prints alone, the rest of the host page is hidden: the element
/// carries `data-greenfit-printing`, the document's root too, and every element on the way up
/// to it `data-greenfit-print-path`, across shadow roots (a selector such as `:has()` does not
/// see into them, and a widget inside another component's shadow root would print blank).
const PRINT_SHEET: &str = "@media print {\
  html[data-greenfit-printing] body *:not([data-greenfit-print-path]):not([data-greenfit-printing]) { display: none !important; }\
  html[data-greenfit-printing] [data-greenfit-print-path] { margin: 0 !important; padding: 0 !important; border: 0 !important; box-shadow: none !important; background: none !important; position: static !important; width: auto !important; max-width: none !important; float: none !important; display: block !important; }\
  html[data-greenfit-printing] body { margin: 0 !important; padding: 0 !important; background: #fff !important; }\
}";

/// The same inside a shadow root on the way up, adopted there for the time of one print.
const SHADOW_PRINT_SHEET: &str = "@media print {\
  *:not([data-greenfit-print-path]):not([data-greenfit-printing]) { display: none !important; }\
  [data-greenfit-print-path] { margin: 0 !important; padding: 0 !important; border: 0 !important; box-shadow: none !important; background: none !important; position: static !important; width: auto !important; max-width: none !important; float: none !important; display: block !important; }\
}";

/// Prints `host` alone (on landscape pages for the canvas) and puts the page back afterwards.
/// A print the browser ignores (a sandboxed frame without `allow-modals`) fires no
/// `beforeprint`: then the page is put back at once, so that a later Ctrl+P prints it all.
pub fn print(host: &HtmlElement, landscape: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let restore = print_alone(host, landscape);
    let started = Rc::new(Cell::new(false));
    let seen = started.clone();
    let on_before = once(&window, "beforeprint", move || seen.set(true));
    let _ = window.print();
    let _ = window.remove_event_listener_with_callback("beforeprint", on_before.unchecked_ref());
    if !started.get() {
        restore();
    }
}

/// Sets up printing of one element: the page-level print sheet (once), the attributes that
/// switch it on and the sheets for the shadow roots on the way up, all removed again after
/// printing (on `afterprint`, or by calling what this returns; either is enough).
fn print_alone(host: &HtmlElement, landscape: bool) -> Rc<dyn Fn()> {
    let nothing: Rc<dyn Fn()> = Rc::new(|| {});
    let Some(document) = host.owner_document() else {
        return nothing;
    };
    let html = document
        .document_element()
        .expect("a document has a root element");
    if html.get_attribute("data-greenfit-print-sheet").is_none() {
        if let Some(sheet) = sheet(PRINT_SHEET) {
            let current = adopted(document.as_ref());
            current.push(&sheet);
            let _ = js_sys::Reflect::set(&document, &"adoptedStyleSheets".into(), &current);
            let _ = html.set_attribute("data-greenfit-print-sheet", "");
        }
    }
    let _ = html.set_attribute("data-greenfit-printing", "");
    let _ = host.set_attribute(
        "data-greenfit-printing",
        if landscape { "landscape" } else { "" },
    );
    // Up from the host to the root, crossing every shadow root on the way.
    let mut path: Vec<web_sys::Element> = Vec::new();
    let mut shadow_roots: Vec<(JsValue, JsValue)> = Vec::new();
    let shadow_sheet = sheet(SHADOW_PRINT_SHEET);
    let mut node: web_sys::Node = host.clone().into();
    loop {
        let up = match node.parent_node() {
            Some(parent) => match parent.dyn_into::<web_sys::ShadowRoot>() {
                Ok(root) => {
                    if let Some(sheet) = &shadow_sheet {
                        let sheets = adopted(root.as_ref());
                        sheets.push(sheet);
                        let _ = js_sys::Reflect::set(&root, &"adoptedStyleSheets".into(), &sheets);
                        shadow_roots.push((root.clone().into(), sheet.clone()));
                    }
                    Some(root.host().into())
                }
                Err(parent) => Some(parent),
            },
            None => None,
        };
        match up.and_then(|n| n.dyn_into::<web_sys::Element>().ok()) {
            Some(element) if element != html => {
                let _ = element.set_attribute("data-greenfit-print-path", "");
                path.push(element.clone());
                node = element.into();
            }
            _ => break,
        }
    }
    // `@page` only works in the document's style sheets, and cannot be switched by a selector:
    // the landscape sheet is adopted for this print and dropped afterwards.
    let landscape_sheet = if landscape {
        adopt_landscape(&document)
    } else {
        None
    };
    let host = host.clone();
    let done = Rc::new(Cell::new(false));
    let restore: Rc<dyn Fn()> = Rc::new(move || {
        if done.replace(true) {
            return;
        }
        let _ = host.remove_attribute("data-greenfit-printing");
        for element in &path {
            let _ = element.remove_attribute("data-greenfit-print-path");
        }
        for (root, sheet) in &shadow_roots {
            drop_sheet(root, sheet);
        }
        if let Some(document) = host.owner_document() {
            if let Some(html) = document.document_element() {
                let _ = html.remove_attribute("data-greenfit-printing");
            }
            if let Some(sheet) = &landscape_sheet {
                drop_sheet(document.as_ref(), sheet);
            }
        }
    });
    if let Some(window) = web_sys::window() {
        let after = restore.clone();
        once(&window, "afterprint", move || after());
    }
    restore
}

/// Calls `then` the next time `event` fires on the window; returns the listener, to remove it.
fn once(window: &web_sys::Window, event: &str, then: impl FnOnce() + 'static) -> JsValue {
    let listener = Closure::once_into_js(then);
    let options = web_sys::AddEventListenerOptions::new();
    options.set_once(true);
    let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
        event,
        listener.unchecked_ref(),
        &options,
    );
    listener
}

fn sheet(css: &str) -> Option<JsValue> {
    let sheet = web_sys::CssStyleSheet::new().ok()?;
    sheet.replace_sync(css).ok()?;
    Some(sheet.into())
}

/// Removes `sheet` from the adopted style sheets of `root` (a document or a shadow root).
fn drop_sheet(root: &JsValue, sheet: &JsValue) {
    let kept = adopted(root).filter(&mut |s, _, _| s != *sheet);
    let _ = js_sys::Reflect::set(root, &"adoptedStyleSheets".into(), &kept);
}

/// A copy of the adopted style sheets of a document or a shadow root.
fn adopted(root: &JsValue) -> js_sys::Array {
    js_sys::Reflect::get(root, &"adoptedStyleSheets".into())
        .ok()
        .map(|sheets| js_sys::Array::from(&sheets))
        .unwrap_or_default()
}

fn adopt_landscape(document: &web_sys::Document) -> Option<JsValue> {
    let sheet = web_sys::CssStyleSheet::new().ok()?;
    sheet.replace_sync("@page { size: landscape; }").ok()?;
    let sheets = adopted(document.as_ref());
    sheets.push(&sheet);
    js_sys::Reflect::set(document, &"adoptedStyleSheets".into(), &sheets).ok()?;
    Some(sheet.into())
}

/// Closed `<details>` in `root` print open: opened on `beforeprint`, closed again on
/// `afterprint`. The stylesheet does the same with `::details-content` where a browser has it
/// (Chromium); Firefox ESR 140 and older Safari do not, and printed the advice of every area
/// but the priorities as bare headings. Returns what removes the listeners.
pub fn open_details_when_printing(root: web_sys::ShadowRoot) -> impl FnOnce() {
    const OPENED: &str = "data-greenfit-opened-for-print";
    let before = {
        let root = root.clone();
        Closure::<dyn Fn()>::new(move || {
            let Ok(closed) = root.query_selector_all("details:not([open])") else {
                return;
            };
            for i in 0..closed.length() {
                if let Some(details) = closed
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    let _ = details.set_attribute(OPENED, "");
                    let _ = details.set_attribute("open", "");
                }
            }
        })
    };
    let after = Closure::<dyn Fn()>::new(move || {
        let Ok(opened) = root.query_selector_all(&format!("[{OPENED}]")) else {
            return;
        };
        for i in 0..opened.length() {
            if let Some(details) = opened
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                let _ = details.remove_attribute(OPENED);
                let _ = details.remove_attribute("open");
            }
        }
    });
    let window = web_sys::window();
    if let Some(window) = &window {
        let _ =
            window.add_event_listener_with_callback("beforeprint", before.as_ref().unchecked_ref());
        let _ =
            window.add_event_listener_with_callback("afterprint", after.as_ref().unchecked_ref());
    }
    move || {
        if let Some(window) = window {
            let _ = window.remove_event_listener_with_callback(
                "beforeprint",
                before.as_ref().unchecked_ref(),
            );
            let _ = window
                .remove_event_listener_with_callback("afterprint", after.as_ref().unchecked_ref());
        }
    }
}

/// Runs `callback` when the browser is idle (`requestIdleCallback`), or after half a second
/// where there is none (Safari).
pub fn when_idle(callback: &JsValue) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let idle = js_sys::Reflect::get(&window, &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    match idle {
        Some(request) => {
            let _ = request.call1(&window, callback);
        }
        None => {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.unchecked_ref(),
                500,
            );
        }
    }
}

/// A date in the visitor's time zone as `lang` writes it (`model::dates`), with the time of
/// day when `with_time`; the text itself when it is not a date. The browser's
/// `Intl.DateTimeFormat` is not used: the first one a page makes costs about 120 ms at 4x CPU
/// throttling (its locale data), where the date's own fields cost nothing.
pub fn local_date(iso: &str, lang: &str, with_time: bool) -> String {
    let date = js_sys::Date::new(&iso.into());
    if date.get_time().is_nan() {
        return iso.to_owned();
    }
    let time = crate::model::dates::LocalTime {
        year: date.get_full_year() as i32,
        month: date.get_month() + 1,
        day: date.get_date(),
        hour: date.get_hours(),
        minute: date.get_minutes(),
    };
    crate::model::dates::format(time, lang, with_time)
}

/// Why stored data may have changed under the page, from a `storage` or `pageshow` event.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum StoredChange {
    /// Another tab stored `key` (or cleared all storage).
    OtherTab,
    /// The page came back from the back/forward cache: it slept while other pages stored, and
    /// Firefox and WebKit (Safari's engine) do not deliver the `storage` events of that time.
    Restored,
}

/// What a `storage` or `pageshow` event on the window says about `key`; `None` for a change of
/// another key, or a page shown for the first time.
pub fn stored_change(event: &web_sys::Event, key: &str) -> Option<StoredChange> {
    if event.type_() == "pageshow" {
        let persisted = event
            .unchecked_ref::<web_sys::PageTransitionEvent>()
            .persisted();
        return persisted.then_some(StoredChange::Restored);
    }
    let changed = event.unchecked_ref::<web_sys::StorageEvent>().key();
    changed
        .is_none_or(|changed| changed == key)
        .then_some(StoredChange::OtherTab)
}
