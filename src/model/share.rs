//! What a member chooses to share with their cluster: a share file (JSON) and a short share
//! code carrying the same content, to paste into an e-mail. Nothing here sends anything; the
//! member downloads the file or copies the code, and sends it themselves if they want to.
//!
//! The formats are documented in docs/export-format.md (section "Share file and share code")
//! with a JSON Schema in docs/share-format.schema.json.

use std::fmt::Write as _;

use super::answers::{Answer, Answers, MAX_LEVEL};
use super::content::Content;
use super::document::{Document, Profile, MAX_PROFILE_TEXT, SIZE_BANDS};
use super::json::{self, DecodeError, FromJson, Json, Object, ToJson, Writer};
use super::scoring::{Results, Stage};

pub const FORMAT: &str = "greenfit-share";
pub const VERSION: u64 = 1;
/// Names the program and version that wrote a file: in every export, share and benchmark.
pub const GENERATOR: &str = concat!("greenfit ", env!("CARGO_PKG_VERSION"));
/// The company name a member may type; longer names are cut.
pub const MAX_MEMBER: usize = 80;
/// A share code starts with this and ends with a full stop.
pub const CODE_PREFIX: &str = "GF1.";
/// Limits a share must keep, so that a hostile file cannot make the dashboard slow.
const MAX_AREAS: usize = 40;
const MAX_ANSWERS: usize = 400;
const MAX_ID: usize = 64;
/// The ten areas of the guide, as `*0` to `*9` in share codes (short codes fit an e-mail).
/// This table belongs to code version 1: never reorder it; new areas are written in full.
const AREA_CODES: [&str; 10] = [
    "resilient-business-models",
    "greening-business-processes",
    "circular-economy",
    "environmentally-friendly-products",
    "sustainable-investment",
    "sustainable-innovation",
    "energy-efficiency",
    "carbon-footprint",
    "waste-management",
    "water-consumption",
];

fn area_code(id: &str) -> String {
    match AREA_CODES.iter().position(|a| *a == id) {
        Some(index) => format!("*{index}"),
        None => escape(id),
    }
}

fn area_id(code: &str) -> Option<String> {
    match code.strip_prefix('*') {
        Some(index) => AREA_CODES
            .get(index.parse::<usize>().ok()?)
            .map(|id| (*id).to_owned()),
        None => unescape(code),
    }
}

/// One member's shared result.
#[derive(Debug, Clone, PartialEq)]
pub struct Share {
    pub format: String,
    pub version: u64,
    pub generator: String,
    /// When the member shared it (ISO 8601).
    pub shared_at: String,
    /// The company name, only if the member typed one.
    pub member: String,
    pub profile: Profile,
    /// A fingerprint of the question ids the member answered from (see [`question_set`]).
    pub question_set: String,
    pub areas: Vec<SharedArea>,
    pub overall: Option<u8>,
    pub priorities: Vec<String>,
    /// The answers themselves, only when the member chose "scores and answers".
    pub answers: Option<Answers>,
}

/// One area of a shared result.
#[derive(Debug, Clone, PartialEq)]
pub struct SharedArea {
    pub area: String,
    /// 0 to 100; `None` when nothing scorable was answered.
    pub score: Option<u8>,
    /// Follows from the score; written out for people reading the file.
    pub stage: Option<Stage>,
    /// Every answered question was "not relevant for us".
    pub not_relevant: bool,
    pub questions: usize,
    /// How many questions were answered "don't know".
    pub dont_know: usize,
}

/// What the member chose to share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    ScoresOnly,
    ScoresAndAnswers,
}

/// Why a share file or code could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareError {
    NotGreenfit,
    Newer { found: u64 },
    Damaged(String),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::NotGreenfit => f.write_str("not a greenfit share file or code"),
            ShareError::Newer { found } => write!(
                f,
                "made by a newer greenfit (share version {found}; this one reads up to {VERSION})"
            ),
            ShareError::Damaged(why) => write!(f, "damaged: {why}"),
        }
    }
}

/// A short, stable fingerprint of the question ids of `content` in their order (FNV-1a,
/// 32 bits, in hex): two results with the same fingerprint answered the same questions.
pub fn question_set(content: &Content) -> String {
    let mut ids = String::new();
    for question in content.areas.iter().flat_map(|area| &area.questions) {
        ids.push_str(&question.id);
        ids.push(',');
    }
    format!("{:08x}", fnv1a(ids.as_bytes()))
}

fn fnv1a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |hash, byte| {
        (hash ^ u32::from(*byte)).wrapping_mul(0x0100_0193)
    })
}

/// Keeps a typed company name to one line of at most [`MAX_MEMBER`] characters.
pub fn clean_member(name: &str) -> String {
    let one_line: String = name
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    one_line.trim().chars().take(MAX_MEMBER).collect()
}

impl Share {
    /// The share of `doc` scored with `content` (the questions the member saw).
    pub fn new(
        doc: &Document,
        content: &Content,
        shared_at: &str,
        member: &str,
        scope: Scope,
    ) -> Share {
        let results = doc.results(content);
        Share::from_results(&results, doc, content, shared_at, member, scope)
    }

    fn from_results(
        results: &Results,
        doc: &Document,
        content: &Content,
        shared_at: &str,
        member: &str,
        scope: Scope,
    ) -> Share {
        let answers = (scope == Scope::ScoresAndAnswers).then(|| {
            // Only answers to the questions shown: nothing the member cannot see is shared.
            let mut shown = Answers::new();
            for (id, answer) in &doc.answers {
                if content.question(id).is_some() {
                    shown.insert(id.clone(), *answer);
                }
            }
            shown
        });
        Share {
            format: FORMAT.to_owned(),
            version: VERSION,
            generator: GENERATOR.to_owned(),
            shared_at: shared_at.to_owned(),
            member: clean_member(member),
            profile: doc.profile.clone(),
            question_set: question_set(content),
            areas: results
                .areas
                .iter()
                .map(|area| SharedArea {
                    area: area.area.clone(),
                    score: area.score,
                    stage: area.stage,
                    not_relevant: area.is_not_relevant(),
                    questions: area.questions,
                    dont_know: area.dont_know.len(),
                })
                .collect(),
            overall: results.overall,
            priorities: results.priorities.clone(),
            answers,
        }
    }

    /// The share file: pretty-printed JSON.
    pub fn to_json(&self) -> String {
        json::to_pretty(self)
    }

    /// Reads a share file, checking everything a dashboard relies on.
    pub fn parse(text: &str) -> Result<Share, ShareError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let tree = json::parse(text).map_err(|_| ShareError::NotGreenfit)?;
        if tree.get("format").and_then(Json::as_str) != Some(FORMAT) {
            return Err(ShareError::NotGreenfit);
        }
        let version = match tree.get("version") {
            None | Some(Json::Null) => None,
            Some(version) => {
                Some(json::whole(version, u64::MAX).map_err(|_| ShareError::NotGreenfit)?)
            }
        };
        match version {
            Some(VERSION) => {}
            Some(found) if found > VERSION => return Err(ShareError::Newer { found }),
            _ => return Err(ShareError::Damaged("its version is not 1".to_owned())),
        }
        let mut share = Share::from_json(&tree).map_err(|e| ShareError::Damaged(e.to_string()))?;
        share.check()?;
        share.normalise();
        Ok(share)
    }

    /// Stages follow from scores, whatever a file says.
    fn normalise(&mut self) {
        for area in &mut self.areas {
            area.stage = area.score.map(Stage::from_score);
        }
    }

    /// Every rule a share keeps; the same for files and codes.
    pub fn check(&self) -> Result<(), ShareError> {
        let damaged = |why: &str| Err(ShareError::Damaged(why.to_owned()));
        if !is_timestamp(&self.shared_at) {
            return damaged("its date is not a date");
        }
        if self.member.chars().count() > MAX_MEMBER {
            return damaged("its company name is too long");
        }
        let profile = &self.profile;
        if [&profile.sector, &profile.country]
            .iter()
            .any(|t| t.chars().count() > MAX_PROFILE_TEXT)
            || (!profile.size.is_empty() && !SIZE_BANDS.contains(&profile.size.as_str()))
        {
            return damaged("its company profile is not valid");
        }
        if self.question_set.len() > 16 {
            return damaged("its question set is not valid");
        }
        if self.areas.is_empty() || self.areas.len() > MAX_AREAS {
            return damaged("it has no areas or too many");
        }
        let mut seen = super::sorted::SortedSet::new();
        for area in &self.areas {
            if !is_id(&area.area) || !seen.insert(area.area.as_str()) {
                return damaged("an area id is missing, repeated or not valid");
            }
            if area.score.is_some_and(|s| s > 100) || area.questions > MAX_ANSWERS {
                return damaged("an area score is out of range");
            }
            if area.dont_know > area.questions {
                return damaged("an area has more \"don't know\" answers than questions");
            }
        }
        if self.overall.is_some_and(|s| s > 100) {
            return damaged("the overall score is out of range");
        }
        if self.priorities.len() > MAX_AREAS
            || self.priorities.iter().any(|p| !seen.contains(p.as_str()))
        {
            return damaged("a priority is not one of its areas");
        }
        if let Some(answers) = &self.answers {
            if answers.len() > MAX_ANSWERS || answers.keys().any(|id| !is_id(id)) {
                return damaged("its answers are not valid");
            }
        }
        Ok(())
    }

    /// The share code: the same content as the file, as text to paste into an e-mail.
    /// `GF1.` + base64url(payload + checksum) + `.`, in lines of 64 characters.
    pub fn to_code(&self) -> String {
        let mut payload = String::new();
        let fields = [
            escape(&self.shared_at),
            escape(&self.question_set),
            escape(&self.member),
            escape(&self.profile.sector),
            escape(&self.profile.size),
            escape(&self.profile.country),
            self.overall.map(|s| s.to_string()).unwrap_or_default(),
            self.priorities
                .iter()
                .map(|p| area_code(p))
                .collect::<Vec<_>>()
                .join(","),
            self.areas
                .iter()
                .map(|a| {
                    let score = match (a.score, a.not_relevant) {
                        (Some(score), _) => score.to_string(),
                        (None, true) => "n".to_owned(),
                        (None, false) => String::new(),
                    };
                    format!(
                        "{}={score}/{}/{}",
                        area_code(&a.area),
                        a.questions,
                        a.dont_know
                    )
                })
                .collect::<Vec<_>>()
                .join(","),
            match &self.answers {
                None => "-".to_owned(),
                Some(answers) => answers
                    .iter()
                    .map(|(id, answer)| {
                        let token = match answer {
                            Answer::Level(level) => level.to_string(),
                            Answer::NotRelevant => "n".to_owned(),
                            Answer::DontKnow => "d".to_owned(),
                        };
                        format!("{}={token}", escape(id))
                    })
                    .collect::<Vec<_>>()
                    .join(","),
            },
        ];
        payload.push_str(&fields.join("|"));
        let mut bytes = payload.into_bytes();
        let sum = fnv1a(&bytes).to_be_bytes();
        bytes.extend_from_slice(&sum[..3]);
        let body = base64url(&bytes);
        let mut code = String::from(CODE_PREFIX);
        for (i, c) in body.chars().enumerate() {
            if i > 0 && (i + CODE_PREFIX.len()) % 64 == 0 {
                code.push('\n');
            }
            code.push(c);
        }
        code.push('.');
        code
    }

    /// Reads one share code. Whitespace, line breaks and the "> " of quoted e-mail lines
    /// inside the code are ignored; the generator is not part of a code.
    pub fn from_code(code: &str) -> Result<Share, ShareError> {
        let code = code.trim();
        let body = code
            .strip_prefix(CODE_PREFIX)
            .ok_or(ShareError::NotGreenfit)?;
        let body = body.strip_suffix('.').ok_or_else(|| {
            ShareError::Damaged("it is cut short (a code ends with a full stop)".to_owned())
        })?;
        let body: String = body
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '>')
            .collect();
        let bytes = unbase64url(&body)
            .ok_or_else(|| ShareError::Damaged("it contains characters a code never has".into()))?;
        if bytes.len() < 4 {
            return Err(ShareError::Damaged("it is cut short".to_owned()));
        }
        let (payload, sum) = bytes.split_at(bytes.len() - 3);
        if fnv1a(payload).to_be_bytes()[..3] != *sum {
            return Err(ShareError::Damaged(
                "it was changed or cut short (its checksum does not match)".to_owned(),
            ));
        }
        let payload = std::str::from_utf8(payload)
            .map_err(|_| ShareError::Damaged("it is not text".to_owned()))?;
        let share = decode_payload(payload)
            .ok_or_else(|| ShareError::Damaged("its content is not valid".to_owned()))?;
        share.check()?;
        Ok(share)
    }

    /// Every share code in a pasted text (an e-mail, several e-mails), in order.
    pub fn codes_in(text: &str) -> Vec<Result<Share, ShareError>> {
        let mut found = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find(CODE_PREFIX) {
            let from = &rest[start..];
            let end = from[CODE_PREFIX.len()..]
                .find('.')
                .map(|i| i + CODE_PREFIX.len() + 1)
                .unwrap_or(from.len());
            found.push(Share::from_code(&from[..end]));
            rest = &from[end..];
        }
        found
    }

    /// The text of a `mailto:` link with subject and body filled in (nothing is sent until
    /// the member presses "send" in their own mail program).
    pub fn mailto(&self, to: &str, subject: &str, intro: &str) -> String {
        let body = format!("{intro}\n\n{}\n", self.to_code());
        format!(
            "mailto:{}?subject={}&body={}",
            percent_encode(to),
            percent_encode(subject),
            percent_encode(&body)
        )
    }
}

fn decode_payload(payload: &str) -> Option<Share> {
    let fields: Vec<&str> = payload.split('|').collect();
    let [shared_at, set, member, sector, size, country, overall, priorities, areas, answers] =
        fields.as_slice()
    else {
        return None;
    };
    let list = |text: &str| -> Vec<String> {
        if text.is_empty() {
            Vec::new()
        } else {
            text.split(',').map(str::to_owned).collect()
        }
    };
    let number = |text: &str| -> Option<usize> { text.parse().ok() };
    let areas = list(areas)
        .iter()
        .map(|entry| {
            let (id, value) = entry.split_once('=')?;
            let mut parts = value.split('/');
            let (score, questions, dont_know) = (parts.next()?, parts.next()?, parts.next()?);
            let (score, not_relevant) = match score {
                "" => (None, false),
                "n" => (None, true),
                score => (Some(score.parse::<u8>().ok()?), false),
            };
            Some(SharedArea {
                area: area_id(id)?,
                score,
                stage: score.map(Stage::from_score),
                not_relevant,
                questions: number(questions)?,
                dont_know: number(dont_know)?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let answers = match *answers {
        "-" => None,
        text => Some(
            list(text)
                .iter()
                .map(|entry| {
                    let (id, token) = entry.split_once('=')?;
                    let answer = match token {
                        "n" => Answer::NotRelevant,
                        "d" => Answer::DontKnow,
                        level => {
                            let level: u8 = level.parse().ok()?;
                            (level <= MAX_LEVEL).then_some(Answer::Level(level))?
                        }
                    };
                    Some((unescape(id)?, answer))
                })
                .collect::<Option<Answers>>()?,
        ),
    };
    Some(Share {
        format: FORMAT.to_owned(),
        version: VERSION,
        generator: String::new(),
        shared_at: unescape(shared_at)?,
        member: unescape(member)?,
        profile: Profile {
            sector: unescape(sector)?,
            size: unescape(size)?,
            country: unescape(country)?,
        },
        question_set: unescape(set)?,
        areas,
        overall: match *overall {
            "" => None,
            score => Some(score.parse().ok()?),
        },
        priorities: list(priorities)
            .iter()
            .map(|p| area_id(p))
            .collect::<Option<_>>()?,
        answers,
    })
}

/// A date and time as greenfit writes them: "2026-11-25" or "2026-11-25T10:00:00.000Z".
pub fn is_timestamp(text: &str) -> bool {
    let bytes = text.as_bytes();
    text.len() <= 40
        && bytes.len() >= 10
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && text.is_ascii()
}

fn is_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= MAX_ID && !id.chars().any(char::is_control)
}

/// Escapes the characters the code uses as separators, `%` itself and control characters.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' | '|' | ',' | '=' | '/' | '*' | '\0'..='\u{1f}' | '\u{7f}' => {
                let _ = write!(out, "%{:02X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

fn unescape(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '%' {
            let hex: String = chars.by_ref().take(2).collect();
            let byte = u8::from_str_radix(&hex, 16).ok().filter(u8::is_ascii)?;
            out.push(char::from(byte));
        } else {
            out.push(c);
        }
    }
    Some(out)
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64 with the URL-safe alphabet and no padding (RFC 4648, section 5).
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

pub fn unbase64url(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let digits = text
        .bytes()
        .map(|b| ALPHABET.iter().position(|a| *a == b).map(|p| p as u32))
        .collect::<Option<Vec<u32>>>()?;
    for chunk in digits.chunks(4) {
        if chunk.len() == 1 {
            return None;
        }
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, d)| n | d << (18 - 6 * i));
        for i in 0..chunk.len() - 1 {
            out.push((n >> (16 - 8 * i)) as u8);
        }
    }
    Some(out)
}

/// Percent-encodes everything but unreserved characters (RFC 3986), for `mailto:` links.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~@".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

impl FromJson for Share {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::new(value)?;
        Ok(Share {
            format: o.req("format")?,
            version: o.req("version")?,
            generator: o.or_default("generator")?,
            shared_at: o.req("shared_at")?,
            member: o.or_default("member")?,
            profile: o.or_default("profile")?,
            question_set: o.req("question_set")?,
            areas: o.req("areas")?,
            overall: o.or_default("overall")?,
            priorities: o.or_default("priorities")?,
            answers: o.or_default("answers")?,
        })
    }
}

impl ToJson for Share {
    fn write_json(&self, out: &mut Writer) {
        out.object(|out| {
            out.member("format", &self.format);
            out.member("version", &self.version);
            out.member("generator", &self.generator);
            out.member("shared_at", &self.shared_at);
            if !self.member.is_empty() {
                out.member("member", &self.member);
            }
            out.member("profile", &self.profile);
            out.member("question_set", &self.question_set);
            out.member("areas", &self.areas);
            out.member("overall", &self.overall);
            out.member("priorities", &self.priorities);
            if let Some(answers) = &self.answers {
                out.member("answers", answers);
            }
        });
    }
}

impl FromJson for SharedArea {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::new(value)?;
        Ok(SharedArea {
            area: o.req("area")?,
            score: o.or_default("score")?,
            stage: o.or_default("stage")?,
            not_relevant: o.or_default("not_relevant")?,
            questions: o.req("questions")?,
            dont_know: o.or_default("dont_know")?,
        })
    }
}

impl ToJson for SharedArea {
    fn write_json(&self, out: &mut Writer) {
        out.object(|out| {
            out.member("area", &self.area);
            out.member("score", &self.score);
            out.member("stage", &self.stage);
            out.member("not_relevant", &self.not_relevant);
            out.member("questions", &self.questions);
            out.member("dont_know", &self.dont_know);
        });
    }
}
