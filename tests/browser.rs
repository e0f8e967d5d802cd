//! Tests that need a real browser: the localStorage adapter under the storage port.
//! Run by `cargo xtask test` with wasm-bindgen-test in headless Chromium.
#![cfg(target_arch = "wasm32")]

use greenfit::model::answers::Answer;
use greenfit::model::document::Document;
use greenfit::store::web::local_storage;
use greenfit::store::{Backend, Loaded, Mode, Store};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

#[wasm_bindgen_test]
fn local_storage_round_trips_through_the_store() {
    storage().set_item("host:cart", "3 items").unwrap();
    let backend = local_storage().expect("localStorage works in the test browser");
    let store = Store::new(Some(Box::new(backend)), "wasm-test");
    let mut doc = Document::default();
    doc.answers.insert("ee-use".into(), Answer::Level(3));
    assert_eq!(store.save(&doc), Mode::Device);
    let raw = storage()
        .get_item("greenfit:wasm-test:doc")
        .unwrap()
        .unwrap();
    assert!(raw.contains("\"ee-use\":3"), "{raw}");
    assert_eq!(store.load(), Loaded::Document(doc));
    store.clear();
    assert_eq!(storage().get_item("greenfit:wasm-test:doc").unwrap(), None);
    assert_eq!(
        storage().get_item("host:cart").unwrap().as_deref(),
        Some("3 items")
    );
    // The availability probe leaves nothing behind.
    assert_eq!(storage().get_item("greenfit:probe").unwrap(), None);
}

#[wasm_bindgen_test]
fn corrupt_data_in_real_storage_is_backed_up() {
    storage()
        .set_item("greenfit:wasm-corrupt:doc", "{oops")
        .unwrap();
    let store = Store::new(Some(Box::new(local_storage().unwrap())), "wasm-corrupt");
    assert!(matches!(store.load(), Loaded::Unreadable { .. }));
    assert_eq!(
        storage()
            .get_item("greenfit:wasm-corrupt:backup")
            .unwrap()
            .as_deref(),
        Some("{oops")
    );
    store.clear();
    assert_eq!(
        storage().get_item("greenfit:wasm-corrupt:backup").unwrap(),
        None
    );
}

#[wasm_bindgen_test]
fn the_adapter_reports_missing_keys_as_none() {
    let backend = local_storage().unwrap();
    assert_eq!(backend.get("greenfit:nothing-here:doc"), Ok(None));
}
