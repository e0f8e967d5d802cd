//! The browser's `localStorage` as a [`Backend`].

use wasm_bindgen::JsCast;
use web_sys::{DomException, Storage};

use super::{Backend, Failure};

pub struct LocalStorage {
    storage: Storage,
}

/// `localStorage`, if this page may use it. Reading the property itself throws in sandboxed
/// frames and with some privacy settings, and Safari's private mode rejects every write, so
/// this probes with a real write before trusting it.
pub fn local_storage() -> Option<LocalStorage> {
    let storage = web_sys::window()?.local_storage().ok()??;
    let probe = "greenfit:probe";
    storage.set_item(probe, "1").ok()?;
    storage.remove_item(probe).ok()?;
    Some(LocalStorage { storage })
}

fn failure(error: wasm_bindgen::JsValue) -> Failure {
    match error.dyn_ref::<DomException>().map(DomException::name) {
        Some(name) if name.contains("Quota") => Failure::Full,
        _ => Failure::Blocked,
    }
}

impl Backend for LocalStorage {
    fn get(&self, key: &str) -> Result<Option<String>, Failure> {
        self.storage.get_item(key).map_err(failure)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), Failure> {
        self.storage.set_item(key, value).map_err(failure)
    }
    fn remove(&self, key: &str) -> Result<(), Failure> {
        self.storage.remove_item(key).map_err(failure)
    }
}
