//! UI strings: one flat table of key to text per language, from `src/content/ui.*.json`.

use super::content::Fields;

/// The English data file, for tests and tools; the widget uses [`ENGLISH_FLAT`].
pub const ENGLISH_JSON: &str = include_str!("../content/ui.en.json");
/// The same strings as a flat table, made by build.rs (see src/content/flat.rs).
pub const ENGLISH_FLAT: &str = include_str!(concat!(env!("OUT_DIR"), "/ui.en.flat"));

/// Key and text pairs, sorted by key for binary search (a map would add its own code to the
/// wasm for no gain on a table that never changes).
#[derive(Debug, Clone, PartialEq)]
pub struct Strings {
    table: Vec<(String, String)>,
}

impl Strings {
    pub fn from_json(text: &str) -> Result<Strings, String> {
        let map: super::sorted::SortedMap<String, String> =
            super::json::from_str(text).map_err(|e| e.to_string())?;
        Ok(Strings {
            table: map.into_iter().collect(),
        })
    }

    /// Decodes a flat table made by src/content/flat.rs.
    pub fn from_flat(flat: &str) -> Option<Strings> {
        let mut fields = Fields::new(flat);
        let mut table = Vec::new();
        while let Some(key) = fields.text() {
            table.push((key, fields.text()?));
        }
        super::sort_by(&mut table, |a, b| a.0 < b.0);
        Some(Strings { table })
    }

    /// These strings, with `fallback`'s text for every key they lack. The test suite makes
    /// sure no shipped language lacks a key; this keeps a visitor from ever seeing a gap.
    pub fn over(mut self, fallback: &Strings) -> Strings {
        let missing: Vec<(String, String)> = fallback
            .table
            .iter()
            .filter(|(key, _)| !self.has(key))
            .cloned()
            .collect();
        self.table.extend(missing);
        super::sort_by(&mut self.table, |a, b| a.0 < b.0);
        self
    }

    pub fn english() -> Strings {
        Strings::from_flat(ENGLISH_FLAT).expect("built-in strings are checked by the test suite")
    }

    fn find(&self, key: &str) -> Option<&str> {
        let index = self
            .table
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()?;
        Some(&self.table[index].1)
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
        self.table.iter().map(|(key, _)| key)
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
