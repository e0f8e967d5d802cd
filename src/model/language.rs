//! Everything that changes with the visitor's language: the question bank, the UI strings and
//! the example canvas. The widget loads every language, English too, as a bundle on demand
//! (made by `cargo xtask dist` with src/content/flat.rs); what it builds in is only the shape
//! every bundle must fit ([`Language::shape`]). English is also built in for the dashboard,
//! tests and tools ([`Language::english`]).

use super::canvas::Canvas;
use super::content::Content;
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

const ENGLISH_EXAMPLE: &str = include_str!("../content/example-canvas.en.json");

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
    pub fn english() -> Language {
        Language {
            content: Content::english(),
            strings: Strings::english(),
            example: Example(ENGLISH_EXAMPLE.into()),
        }
    }

    /// What every bundle must fit: the ids of the areas, questions and resources in their
    /// order, five levels per question and the keys of the UI strings, all without words,
    /// and no example. Built in (5.7 KB; English is 47 KB).
    pub fn shape() -> Language {
        Self::decode(SHAPE).expect("the shape is made by build.rs and checked by the test suite")
    }

    /// Decodes a bundle, or `None` when it does not fit this greenfit: it must hold exactly
    /// this greenfit's questions, areas and resources (same ids, in the same order), five
    /// levels per question, every UI string, and no broken content. A bundle from another
    /// version (a stale cache) is refused whole, so the widget shows English and tells the
    /// admin, rather than other questions, other scores, or a panic.
    pub fn from_bundle(bundle: &str) -> Option<Language> {
        Self::from_bundle_checked(bundle).ok()
    }

    /// [`Language::from_bundle`], saying what does not fit.
    pub fn from_bundle_checked(bundle: &str) -> Result<Language, String> {
        Self::from_bundle_against(bundle, &Language::shape())
    }

    /// [`Language::from_bundle_checked`], against the `shape` the widget has already decoded.
    pub fn from_bundle_against(bundle: &str, shape: &Language) -> Result<Language, String> {
        let language = Self::decode(bundle)?;
        let (content, strings) = (&language.content, &language.strings);
        if content.ids() != shape.content.ids() {
            return Err("it has other questions than this greenfit (another version?)".into());
        }
        // The UI relies on five levels per question (0 to 4).
        if let Some(question) = content
            .areas
            .iter()
            .flat_map(|area| &area.questions)
            .find(|q| q.levels.len() != usize::from(super::answers::MAX_LEVEL) + 1)
        {
            return Err(format!(
                "question \"{}\" has {} level texts, not 5",
                question.id,
                question.levels.len()
            ));
        }
        if let Some(key) = shape.strings.keys().find(|key| !strings.has(key)) {
            return Err(format!("it lacks the text \"{key}\" (another version?)"));
        }
        Ok(language)
    }

    /// A bundle's three parts, read but not yet checked against the shape.
    fn decode(bundle: &str) -> Result<Language, String> {
        let mut parts = bundle.split('\u{1d}');
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
