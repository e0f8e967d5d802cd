//! Browser helpers that the widget and the dashboard share (wasm only).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

/// While an element of greenfit prints alone, the rest of the host page is hidden: the element
/// carries `data-greenfit-printing` and so does the document's root.
const PRINT_SHEET: &str = "@media print {\
  html[data-greenfit-printing] body *:not(:has([data-greenfit-printing])):not([data-greenfit-printing]) { display: none !important; }\
  html[data-greenfit-printing] body *:has([data-greenfit-printing]) { margin: 0 !important; padding: 0 !important; border: 0 !important; box-shadow: none !important; background: none !important; position: static !important; width: auto !important; max-width: none !important; float: none !important; }\
  html[data-greenfit-printing] body { margin: 0 !important; padding: 0 !important; background: #fff !important; }\
}";

/// Sets up printing of one widget: the page-level print sheet (once) and the attributes that
/// switch it on, removed again after printing.
pub fn print_alone(host: &HtmlElement, landscape: bool) {
    let Some(document) = host.owner_document() else {
        return;
    };
    let html = document
        .document_element()
        .expect("a document has a root element");
    if html.get_attribute("data-greenfit-print-sheet").is_none() {
        if let Ok(sheet) = web_sys::CssStyleSheet::new() {
            if sheet.replace_sync(PRINT_SHEET).is_ok() {
                let current = adopted(&document);
                current.push(&sheet);
                let _ = js_sys::Reflect::set(&document, &"adoptedStyleSheets".into(), &current);
                let _ = html.set_attribute("data-greenfit-print-sheet", "");
            }
        }
    }
    let _ = html.set_attribute("data-greenfit-printing", "");
    let _ = host.set_attribute(
        "data-greenfit-printing",
        if landscape { "landscape" } else { "" },
    );
    // `@page` only works in the document's style sheets, and cannot be switched by a selector:
    // the landscape sheet is adopted for this print and dropped afterwards.
    let landscape_sheet = if landscape {
        adopt_landscape(&document)
    } else {
        None
    };
    let host = host.clone();
    let done = Closure::once_into_js(move || {
        let _ = host.remove_attribute("data-greenfit-printing");
        if let Some(document) = host.owner_document() {
            if let Some(html) = document.document_element() {
                let _ = html.remove_attribute("data-greenfit-printing");
            }
            if let Some(sheet) = landscape_sheet {
                let kept = adopted(&document).filter(&mut |s, _, _| s != sheet);
                let _ = js_sys::Reflect::set(&document, &"adoptedStyleSheets".into(), &kept);
            }
        }
    });
    if let Some(window) = web_sys::window() {
        let options = web_sys::AddEventListenerOptions::new();
        options.set_once(true);
        let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
            "afterprint",
            done.unchecked_ref(),
            &options,
        );
    }
}

/// A copy of the document's adopted style sheets.
fn adopted(document: &web_sys::Document) -> js_sys::Array {
    js_sys::Reflect::get(document, &"adoptedStyleSheets".into())
        .ok()
        .map(|sheets| js_sys::Array::from(&sheets))
        .unwrap_or_default()
}

fn adopt_landscape(document: &web_sys::Document) -> Option<JsValue> {
    let sheet = web_sys::CssStyleSheet::new().ok()?;
    sheet.replace_sync("@page { size: landscape; }").ok()?;
    let sheets = adopted(document);
    sheets.push(&sheet);
    js_sys::Reflect::set(document, &"adoptedStyleSheets".into(), &sheets).ok()?;
    Some(sheet.into())
}
