//! The greenfit document: what is stored in the browser, exported to a file and imported back.
//!
//! One shape serves all three. Stored and imported text goes through the same steps:
//! size check, JSON, format marker, version (migrated forward), schema, limits. Anything that
//! fails gets a [`DocError`] with a message a visitor understands, and nothing is changed.
//! The export adds the computed results; they are ignored on import and always recomputed.

use std::fmt;
use std::rc::Rc;

use super::answers::{Answer, Answers};
use super::canvas::{self, Canvas};
use super::content::{Area, Content, Question};
use super::json::{self, DecodeError, FromJson, Json, Object, ToJson, Writer};
use super::revisions::{self, REPLACED_IN_V2};
use super::scoring::{self, Results};

pub const FORMAT: &str = "greenfit";
/// Bumped whenever the shape changes; every bump adds a step to [`MIGRATIONS`].
pub const CURRENT_VERSION: u64 = 2;
/// The most a document may hold, measured as its stored (compact JSON) form. Every change that
/// would go past it is refused, so whatever is stored can always be read back and exported.
pub const MAX_DOC_BYTES: usize = 1024 * 1024;
/// Files and stored texts larger than this are refused before parsing. An export is the
/// document pretty-printed plus its results, so it is larger than the stored form: a document
/// at [`MAX_DOC_BYTES`] exports to well under this.
pub const MAX_IMPORT_BYTES: usize = 2 * MAX_DOC_BYTES;
pub const MAX_SNAPSHOTS: usize = 50;
pub const MAX_PROFILE_TEXT: usize = 80;

/// One migration step turns the JSON text of a version `n` document into the JSON text of a
/// version `n + 1` document (typically: parse the old shape, convert, serialise).
pub type Migration = fn(&str) -> Result<String, String>;

/// `MIGRATIONS[i]` migrates version `i + 1` to `i + 2`.
pub const MIGRATIONS: &[Migration] = &[v1_to_v2];

/// Version 1 to 2: answers to the questions replaced in November 2026 move to their successors
/// where they still tell the level, and are kept in `earlier_answers` where they do not (see
/// [`revisions`]). Version 2 only added `earlier_answers`, so a version 1 text reads as today's
/// [`Document`]; when a later version changes the shape, this step needs its own copy of the
/// version 2 structs. A text that does not read as a document is passed on unchanged, so that
/// the final read reports what is wrong with it, as for any other version.
fn v1_to_v2(text: &str) -> Result<String, String> {
    let Ok(mut document) = json::from_str::<Document>(text) else {
        return Ok(text.to_owned());
    };
    revisions::carry_over(
        REPLACED_IN_V2,
        &mut document.answers,
        &mut document.earlier_answers,
    );
    for snapshot in document.snapshots_mut() {
        revisions::carry_over(
            REPLACED_IN_V2,
            &mut snapshot.answers,
            &mut snapshot.earlier_answers,
        );
    }
    document.version = 2;
    Ok(document.to_json())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub format: String,
    pub version: u64,
    /// When this document was last saved, as an ISO 8601 timestamp.
    pub saved_at: Option<String>,
    pub profile: Profile,
    pub answers: Answers,
    /// Answers to questions greenfit has since replaced, where the old answer does not tell the
    /// new one: kept so that nothing saved is lost, never scored (see [`revisions`]).
    pub earlier_answers: Answers,
    /// Where the visitor was in the self-check: an area id or "results".
    pub position: Option<String>,
    /// Shared between the copies of a document (see [`Document::canvases`]).
    pub snapshots: Rc<Vec<Snapshot>>,
    /// Shared between the copies of a document: an answer copies the document it changes (the
    /// one before is still on screen, or waiting to be saved), but not its kept results and
    /// canvases. A change to them copies them (`Rc::make_mut`).
    pub canvases: Rc<Vec<Canvas>>,
}

impl Default for Document {
    fn default() -> Self {
        Document {
            format: FORMAT.to_owned(),
            version: CURRENT_VERSION,
            saved_at: None,
            profile: Profile::default(),
            answers: Answers::new(),
            earlier_answers: Answers::new(),
            position: None,
            snapshots: Rc::default(),
            canvases: Rc::default(),
        }
    }
}

impl Document {
    /// The kept results, to change: copied first if another copy of the document shares them.
    pub fn snapshots_mut(&mut self) -> &mut Vec<Snapshot> {
        Rc::make_mut(&mut self.snapshots)
    }

    /// The canvases, to change: copied first if another copy of the document shares them.
    pub fn canvases_mut(&mut self) -> &mut Vec<Canvas> {
        Rc::make_mut(&mut self.canvases)
    }
}

/// An optional, short company profile shown on the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    pub sector: String,
    /// One of "micro", "small", "medium", "large", or empty.
    pub size: String,
    pub country: String,
}

pub const SIZE_BANDS: [&str; 4] = ["micro", "small", "medium", "large"];

/// A result the visitor chose to keep, to compare with later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub taken_at: String,
    pub answers: Answers,
    /// As [`Document::earlier_answers`], for the answers this result was taken with.
    pub earlier_answers: Answers,
}

/// Why a document breaks its limits.
#[derive(Debug, Clone, PartialEq)]
pub enum LimitError {
    /// Its stored form is larger than [`MAX_DOC_BYTES`].
    TooLarge { bytes: usize },
    /// Something else: a count, a length, a duplicate id. The text says what.
    Broken(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum DocError {
    TooLarge { bytes: usize },
    NotJson(String),
    NotGreenfit,
    Newer { found: u64 },
    Damaged(String),
}

impl DocError {
    /// The key of the UI string that explains this error; `{detail}` fills in [`Self::detail`].
    pub fn message_key(&self) -> &'static str {
        match self {
            DocError::TooLarge { .. } => "error.too_large",
            DocError::NotJson(_) => "error.not_json",
            DocError::NotGreenfit => "error.not_greenfit",
            DocError::Newer { .. } => "error.newer",
            DocError::Damaged(_) => "error.damaged",
        }
    }

    pub fn detail(&self) -> String {
        match self {
            DocError::TooLarge { bytes } => format!("{} KB", bytes.div_ceil(1024)),
            DocError::NotJson(detail) | DocError::Damaged(detail) => detail.clone(),
            DocError::NotGreenfit => String::new(),
            DocError::Newer { found } => found.to_string(),
        }
    }
}

impl fmt::Display for DocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocError::TooLarge { bytes } => write!(
                f,
                "The file is too large ({} KB). A greenfit file is at most 1024 KB.",
                bytes.div_ceil(1024)
            ),
            DocError::NotJson(detail) => {
                write!(
                    f,
                    "The file is not a greenfit file (not valid JSON: {detail})."
                )
            }
            DocError::NotGreenfit => write!(
                f,
                "The file is not a greenfit file (it has no \"format\": \"greenfit\" marker)."
            ),
            DocError::Newer { found } => write!(
                f,
                "The file was made by a newer version of greenfit (format version {found}; \
                 this one reads up to {CURRENT_VERSION}). Ask the website to update greenfit."
            ),
            DocError::Damaged(detail) => {
                write!(
                    f,
                    "The greenfit file is damaged and was not loaded: {detail}."
                )
            }
        }
    }
}

impl std::error::Error for DocError {}

/// Runs `steps` over the text of a document of version `from`, up to the latest version.
pub fn migrate(text: &str, from: u64, steps: &[Migration]) -> Result<String, DocError> {
    let latest = steps.len() as u64 + 1;
    if from == 0 {
        return Err(DocError::Damaged("its version is 0".to_owned()));
    }
    if from > latest {
        return Err(DocError::Newer { found: from });
    }
    let mut text = text.to_owned();
    for (index, step) in steps.iter().enumerate().skip((from - 1) as usize) {
        text = step(&text).map_err(|why| {
            DocError::Damaged(format!(
                "it could not be updated from version {}: {why}",
                index + 1
            ))
        })?;
    }
    Ok(text)
}

/// The export document: the document, when it was exported, and its computed results.
pub struct Export<'a> {
    pub document: &'a Document,
    /// The greenfit that wrote the file, for example "greenfit 0.1.0".
    pub generator: &'static str,
    pub exported_at: &'a str,
    pub results: Results,
}

impl Document {
    /// Reads a stored or imported document, migrating it to the current version.
    pub fn parse(text: &str) -> Result<Document, DocError> {
        Self::parse_with(text, MIGRATIONS)
    }

    pub fn parse_with(text: &str, steps: &[Migration]) -> Result<Document, DocError> {
        if text.len() > MAX_IMPORT_BYTES {
            return Err(DocError::TooLarge { bytes: text.len() });
        }
        // Text editors on Windows save UTF-8 with a byte-order mark: that is a normal file.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let tree = json::parse(text).map_err(|e| DocError::NotJson(e.to_string()))?;
        // Valid JSON of another shape (an array, a number) is simply not ours.
        if tree.get("format").and_then(Json::as_str) != Some(FORMAT) {
            return Err(DocError::NotGreenfit);
        }
        let version = match tree.get("version") {
            None | Some(Json::Null) => {
                return Err(DocError::Damaged("its version is missing".to_owned()))
            }
            Some(version) => json::whole(version, u64::MAX)
                .map_err(|e| DocError::Damaged(e.at("version").to_string()))?,
        };
        // A document of the latest version is decoded from the tree already read.
        let mut document = if version == steps.len() as u64 + 1 {
            Document::from_json(&tree)
        } else {
            let text = migrate(text, version, steps)?;
            json::from_str(&text).map_err(|e| match e {
                json::Error::Syntax(e) => DecodeError::new(e.to_string()),
                json::Error::Decode(e) => e,
            })
        }
        .map_err(|e| DocError::Damaged(e.to_string()))?;
        document.version = CURRENT_VERSION;
        document
            .canvases_mut()
            .iter_mut()
            .for_each(Canvas::prune_links);
        document.check_limits().map_err(|error| match error {
            LimitError::TooLarge { bytes } => DocError::TooLarge { bytes },
            LimitError::Broken(why) => DocError::Damaged(why),
        })?;
        Ok(document)
    }

    /// Checks every limit a stored document keeps, including its stored size, which it
    /// returns. The session refuses any change after which this fails, so a stored document
    /// always reads back.
    pub fn check_limits(&self) -> Result<usize, LimitError> {
        self.check_contents().map_err(LimitError::Broken)?;
        let bytes = self.to_json().len();
        if bytes > MAX_DOC_BYTES {
            return Err(LimitError::TooLarge { bytes });
        }
        Ok(bytes)
    }

    fn check_contents(&self) -> Result<(), String> {
        let profile = [&self.profile.sector, &self.profile.country];
        if profile
            .iter()
            .any(|text| text.chars().count() > MAX_PROFILE_TEXT)
        {
            return Err(format!(
                "a company profile field is longer than {MAX_PROFILE_TEXT} characters"
            ));
        }
        if !self.profile.size.is_empty() && !SIZE_BANDS.contains(&self.profile.size.as_str()) {
            return Err(format!("unknown company size \"{}\"", self.profile.size));
        }
        let earlier = std::iter::once(&self.earlier_answers)
            .chain(self.snapshots.iter().map(|s| &s.earlier_answers));
        for answers in earlier {
            if let Some(id) = answers.keys().find(|id| revisions::replaced(id).is_none()) {
                return Err(format!(
                    "\"{id}\" in earlier_answers is not a question greenfit replaced"
                ));
            }
        }
        if self.snapshots.len() > MAX_SNAPSHOTS {
            return Err(format!("it has more than {MAX_SNAPSHOTS} kept results"));
        }
        canvas::check_all(&self.canvases)
    }

    /// The stored form: compact JSON, so what [`MAX_DOC_BYTES`] measures is what is stored.
    pub fn to_json(&self) -> String {
        json::to_string(self)
    }

    /// The export document: this document plus the results computed with `content`.
    pub fn export<'a>(&'a self, content: &Content, exported_at: &'a str) -> Export<'a> {
        Export {
            document: self,
            generator: super::share::GENERATOR,
            exported_at,
            results: self.results(content),
        }
    }

    /// The export document as pretty-printed JSON text.
    pub fn export_json(&self, content: &Content, exported_at: &str) -> String {
        json::to_pretty(&self.export(content, exported_at))
    }

    pub fn results(&self, content: &Content) -> Results {
        scoring::score(content, &self.answers)
    }

    /// The questions of `content` to ask again: unanswered, and replacing a question whose
    /// earlier answer did not tell the new level. In questionnaire order.
    pub fn to_answer_again<'c>(&self, content: &'c Content) -> Vec<&'c str> {
        content
            .areas
            .iter()
            .flat_map(|area| &area.questions)
            .map(|question| question.id.as_str())
            .filter(|id| !self.answers.contains_key(*id))
            .filter(|id| {
                self.earlier_answers
                    .keys()
                    .any(|old| revisions::replaced(old).is_some_and(|r| r.new == *id))
            })
            .collect()
    }

    /// The answers to the questions of `content`, by area in questionnaire order; areas with
    /// no answer are left out.
    pub fn answers_by_area<'c>(
        &self,
        content: &'c Content,
    ) -> Vec<(&'c Area, Vec<(&'c Question, Answer)>)> {
        content
            .areas
            .iter()
            .map(|area| {
                let answered = area
                    .questions
                    .iter()
                    .filter_map(|q| self.answers.get(&q.id).map(|a| (q, *a)))
                    .collect::<Vec<_>>();
                (area, answered)
            })
            .filter(|(_, answered)| !answered.is_empty())
            .collect()
    }

    /// Answers kept for questions `content` does not ask (another cluster's extra question, an
    /// area turned off), by id.
    pub fn answers_not_asked(&self, content: &Content) -> Vec<(&str, Answer)> {
        self.answers
            .iter()
            .filter(|(id, _)| content.question(id).is_none())
            .map(|(id, answer)| (id.as_str(), *answer))
            .collect()
    }

    /// True when there is nothing the visitor entered.
    pub fn is_empty(&self) -> bool {
        self.answers.is_empty()
            && self.canvases.is_empty()
            && self.snapshots.is_empty()
            && self.profile == Profile::default()
    }
}

impl FromJson for Document {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::new(value)?;
        Ok(Document {
            format: o.req("format")?,
            version: o.req("version")?,
            saved_at: o.opt("saved_at")?,
            profile: o.or_default("profile")?,
            answers: o.or_default("answers")?,
            earlier_answers: o.or_default("earlier_answers")?,
            position: o.opt("position")?,
            snapshots: o.or_default("snapshots")?,
            canvases: o.or_default("canvases")?,
        })
    }
}

impl Document {
    fn write_members(&self, out: &mut Writer) {
        out.member("format", &self.format);
        out.member("version", &self.version);
        if let Some(saved_at) = &self.saved_at {
            out.member("saved_at", saved_at);
        }
        out.member("profile", &self.profile);
        out.member("answers", &self.answers);
        if !self.earlier_answers.is_empty() {
            out.member("earlier_answers", &self.earlier_answers);
        }
        if let Some(position) = &self.position {
            out.member("position", position);
        }
        out.member("snapshots", &self.snapshots);
        out.member("canvases", &self.canvases);
    }
}

impl ToJson for Document {
    fn write_json(&self, out: &mut Writer) {
        out.object(|out| self.write_members(out));
    }
}

impl ToJson for Export<'_> {
    fn write_json(&self, out: &mut Writer) {
        out.object(|out| {
            self.document.write_members(out);
            out.member("generator", self.generator);
            out.member("exported_at", self.exported_at);
            out.member("results", &self.results);
        });
    }
}

impl FromJson for Profile {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::new(value)?;
        Ok(Profile {
            sector: o.or_default("sector")?,
            size: o.or_default("size")?,
            country: o.or_default("country")?,
        })
    }
}

impl ToJson for Profile {
    fn write_json(&self, out: &mut Writer) {
        out.object(|out| {
            for (key, text) in [
                ("sector", &self.sector),
                ("size", &self.size),
                ("country", &self.country),
            ] {
                if !text.is_empty() {
                    out.member(key, text);
                }
            }
        });
    }
}

impl FromJson for Snapshot {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::new(value)?;
        Ok(Snapshot {
            taken_at: o.req("taken_at")?,
            answers: o.req("answers")?,
            earlier_answers: o.or_default("earlier_answers")?,
        })
    }
}

impl ToJson for Snapshot {
    fn write_json(&self, out: &mut Writer) {
        out.object(|out| {
            out.member("taken_at", &self.taken_at);
            out.member("answers", &self.answers);
            if !self.earlier_answers.is_empty() {
                out.member("earlier_answers", &self.earlier_answers);
            }
        });
    }
}
