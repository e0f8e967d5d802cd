//! UI strings: one flat table of key to text per language, from `src/content/ui.*.json`.

use super::content::Fields;
use super::sorted::SortedMap;

/// The English data file, for tests and tools; greenfit reads [`Strings::english`].
pub const ENGLISH_JSON: &str = include_str!("../content/ui.en.json");

/// Texts by key.
#[derive(Debug, Clone, PartialEq)]
pub struct Strings {
    table: SortedMap<String, String>,
}

impl Strings {
    pub fn from_json(text: &str) -> Result<Strings, String> {
        let table = super::json::from_str(text).map_err(|e| e.to_string())?;
        Ok(Strings { table })
    }

    /// Decodes a flat table made by src/content/flat.rs; `None` if it is cut short or has a
    /// key twice.
    pub fn from_flat(flat: &str) -> Option<Strings> {
        let mut fields = Fields::new(flat);
        let mut pairs = Vec::new();
        while let Some(key) = fields.text() {
            pairs.push((key, fields.text()?));
        }
        SortedMap::from_unique(pairs).map(|table| Strings { table })
    }

    /// These strings, with `fallback`'s text for every key they lack. The test suite makes
    /// sure no shipped language lacks a key; this keeps a visitor from ever seeing a gap.
    pub fn over(mut self, fallback: &Strings) -> Strings {
        for (key, text) in &fallback.table {
            if !self.has(key) {
                self.table.insert(key.clone(), text.clone());
            }
        }
        self
    }

    /// The built-in English strings (see [`super::language::Language::english`]).
    pub fn english() -> Strings {
        super::language::Language::english().strings
    }

    fn find(&self, key: &str) -> Option<&str> {
        self.table.get(key).map(String::as_str)
    }

    /// The text for `key`. A missing key shows as `[key]`, so a gap is visible, never blank.
    pub fn get(&self, key: &str) -> String {
        match self.find(key) {
            Some(text) => text.to_owned(),
            None => format!("[{key}]"),
        }
    }

    pub fn has(&self, key: &str) -> bool {
        self.find(key).is_some()
    }

    /// The text for `key` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        fill_in(self.get(key), values)
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.table.keys()
    }
}

/// `template` with each `{name}` replaced by its value.
pub fn fill_in(template: impl Into<String>, values: &[(&str, &str)]) -> String {
    let mut text = template.into();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}
