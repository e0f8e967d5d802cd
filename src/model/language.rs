//! Everything that changes with the visitor's language: the question bank, the UI strings and
//! the example canvas. The widget loads every language, English too, as a bundle on demand
//! (made by `cargo xtask dist` with src/content/flat.rs); what it builds in is only the shape
//! every bundle must fit ([`Language::shape`]). English is also built in for the dashboard,
//! tests and tools ([`Language::english`]).

use super::canvas::Canvas;
use super::content::{Content, SEP};
use super::strings::Strings;

/// Languages with data files in src/content; a test checks each is complete.
pub const SHIPPED: [&str; 6] = ["en", "de", "fr", "es", "it", "pl"];

/// The Subresource Integrity hash of each language bundle (greenfit-lang/<lang>.txt), made at
/// build time from the same content files as the bundles: the widget fetches a bundle with its
/// hash, so a changed or stale bundle is refused (and English is shown, with an admin note;
/// when English cannot be loaded either, the language loaded before, or a short message).
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

/// English's bundle, the same bytes as greenfit-lang/en.txt (made by build.rs).
const ENGLISH: &str = include_str!(concat!(env!("OUT_DIR"), "/en.bundle"));

/// The English bundle without its words, made by build.rs with src/content/flat.rs.
const SHAPE: &str = include_str!(concat!(env!("OUT_DIR"), "/shape.flat"));

#[derive(Debug, Clone)]
pub struct Language {
    pub content: Content,
    pub strings: Strings,
    /// The example canvas, in this language.
    pub example: Example,
}

/// The example canvas as the text of its JSON, read when a visitor asks for it: reading it at
/// start cost about 6 ms of the first screen at 4x CPU throttling, for a button few press.
#[derive(Debug, Clone, PartialEq)]
pub struct Example(std::rc::Rc<str>);

impl Example {
    /// The canvas, or `None` when its text is not a canvas (a test checks every shipped one).
    pub fn canvas(&self) -> Option<Canvas> {
        super::json::from_str(&self.0).ok()
    }
}

impl Language {
    /// English, built in: the dashboard shows it without a request, and tests and tools use
    /// it. The widget loads it as a bundle like the other languages.
    pub fn english() -> Language {
        Self::from_bundle(ENGLISH).expect("English fits its shape: build.rs made both")
    }

    /// What every bundle must fit: the ids of the areas, questions and resources in their
    /// order, five levels per question and the keys of the UI strings, all without words,
    /// and no example. Built in (5.7 KB; English is 47 KB).
    pub fn shape() -> Language {
        Self::decode(SHAPE).expect("the shape is made by build.rs and checked by the test suite")
    }

    /// Decodes a bundle (only the words of one language, see src/content/flat.rs) into the
    /// built-in shape, or says why it does not fit: a bundle of another version has other
    /// words in other places, and mostly another number of them. The widget fetches each
    /// bundle with its integrity hash, made from the same files as this wasm, so the browser
    /// refuses a stale or changed bundle before this reads it; this refuses what is left
    /// whole, so the widget shows English and tells the admin, rather than a panic.
    pub fn from_bundle(bundle: &str) -> Result<Language, String> {
        let mut words = bundle.split(GROUP);
        let mut shapes = SHAPE.split(GROUP);
        let mut fill_next = || fill(shapes.next()?, words.next()?);
        let (content, strings) = (fill_next(), fill_next());
        let (Some(content), Some(strings)) = (content, strings) else {
            return Err("it does not fit this greenfit (another version?)".into());
        };
        let example = words.next().unwrap_or_default();
        Self::decode(&format!("{content}{GROUP}{strings}{GROUP}{example}"))
    }

    /// A bundle's three parts as whole tables (ids and words).
    fn decode(bundle: &str) -> Result<Language, String> {
        let mut parts = bundle.split(GROUP);
        let content = parts
            .next()
            .and_then(Content::from_flat)
            .ok_or("its questions cannot be read")?;
        let strings = parts
            .next()
            .and_then(Strings::from_flat)
            .ok_or("its texts cannot be read")?;
        let example = Example(parts.next().unwrap_or_default().into());
        Ok(Language {
            content,
            strings,
            example,
        })
    }
}

/// Separates a bundle's parts (src/content/flat.rs): content, strings, example canvas.
const GROUP: char = '\u{1d}';

/// One table of the shape with `words` in its empty fields, in order; `None` when there are
/// fewer or more words than empty fields.
pub fn fill(shape: &str, words: &str) -> Option<String> {
    let mut table = String::with_capacity(shape.len() + words.len());
    let mut words = words.split(SEP);
    for (n, field) in shape.split(SEP).enumerate() {
        if n > 0 {
            table.push(SEP);
        }
        table.push_str(if field.is_empty() {
            words.next()?
        } else {
            field
        });
    }
    words.next().is_none().then_some(table)
}
