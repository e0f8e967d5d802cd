//! UI strings: one flat table of key to text per language, from `src/content/ui.*.json`.

use std::collections::BTreeMap;

const ENGLISH: &str = include_str!("../content/ui.en.json");

#[derive(Debug, Clone, PartialEq)]
pub struct Strings {
    table: BTreeMap<String, String>,
}

impl Strings {
    pub fn from_json(text: &str) -> Result<Strings, String> {
        let table = serde_json::from_str(text).map_err(|e| e.to_string())?;
        Ok(Strings { table })
    }

    pub fn english() -> Strings {
        Strings::from_json(ENGLISH).expect("built-in strings are checked by the test suite")
    }

    /// The text for `key`. A missing key shows as `[key]`, so a gap is visible, never blank.
    pub fn get(&self, key: &str) -> String {
        match self.table.get(key) {
            Some(text) => text.clone(),
            None => format!("[{key}]"),
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.table.contains_key(key)
    }

    /// The text for `key` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.get(key);
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.table.keys()
    }
}
