//! Everything that changes with the visitor's language: the question bank, the UI strings and
//! the example canvas. English is built in; the others are bundles loaded on demand
//! (made by `cargo xtask dist` with src/content/flat.rs).

use super::canvas::Canvas;
use super::content::Content;
use super::strings::Strings;

/// Languages with data files in src/content; a test checks each is complete.
pub const SHIPPED: [&str; 6] = ["en", "de", "fr", "es", "it", "pl"];

/// The Subresource Integrity hash of each language bundle (greenfit-lang/<lang>.txt), made at
/// build time from the same content files as the bundles: the widget fetches a bundle with its
/// hash, so a changed or stale bundle is refused (and English is shown, with an admin note).
pub const BUNDLE_INTEGRITY: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/bundle-integrity.rs"));

pub fn bundle_integrity(lang: &str) -> Option<&'static str> {
    BUNDLE_INTEGRITY
        .iter()
        .find(|(l, _)| *l == lang)
        .map(|(_, hash)| *hash)
}

/// Each language's own name, for the language switch.
pub fn autonym(lang: &str) -> &'static str {
    match lang {
        "de" => "Deutsch",
        "fr" => "Français",
        "es" => "Español",
        "it" => "Italiano",
        "pl" => "Polski",
        _ => "English",
    }
}

const ENGLISH_EXAMPLE: &str = include_str!("../content/example-canvas.en.json");

pub struct Language {
    pub content: Content,
    pub strings: Strings,
    /// The example canvas, in this language.
    pub example: Option<Canvas>,
}

impl Language {
    pub fn english() -> Language {
        Language {
            content: Content::english(),
            strings: Strings::english(),
            example: serde_json::from_str(ENGLISH_EXAMPLE).ok(),
        }
    }

    /// Decodes a bundle. Strings it lacks come from English, so a visitor never sees a gap
    /// (the test suite makes sure no shipped bundle lacks any).
    pub fn from_bundle(bundle: &str) -> Option<Language> {
        let mut parts = bundle.split('\u{1d}');
        let content = Content::from_flat(parts.next()?)?;
        let strings = Strings::from_flat(parts.next()?)?.over(&Strings::english());
        let example = parts
            .next()
            .and_then(|json| serde_json::from_str(json).ok());
        Some(Language {
            content,
            strings,
            example,
        })
    }
}
