//! The cluster's view of what members shared: loading files and codes, the loaded set, the
//! aggregate (quartiles, stages, priorities, "don't know" and weakest questions), the rule that
//! hides small groups, CSV tables and the benchmark that members then see beside their result.
//!
//! Plain Rust, tested natively; `<greenfit-dashboard>` only renders what this computes.
//! The method is explained for cluster managers in docs/dashboard.md.

use std::collections::{BTreeMap, BTreeSet};

use super::answers::{Answer, MAX_LEVEL};
use super::content::Content;
use super::document::{DocError, Document};
use super::json::{self, DecodeError, FromJson, Json, Object, ToJson, Writer};
use super::revisions;
use super::scoring::Stage;
use super::share::{self, Scope, Share, ShareError};
use super::sorted::SortedMap;

/// Groups smaller than this are never shown, so that no member can be recognised.
pub const MIN_GROUP: usize = 5;
/// The most shares a dashboard keeps.
pub const MAX_SHARES: usize = 5000;
/// How many questions the "don't know" and "weakest" lists show.
pub const TOP_QUESTIONS: usize = 5;

pub const BENCHMARK_FORMAT: &str = "greenfit-benchmark";
pub const BENCHMARK_VERSION: u64 = 1;

/// Why a file or code was not added.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    NotGreenfit,
    Newer {
        found: u64,
    },
    Damaged(String),
    /// The same member and date (or the very same anonymous result) is already loaded.
    Duplicate,
    Full,
}

impl Refusal {
    /// The dashboard's string key for this refusal; `{detail}` is [`Self::detail`].
    pub fn message_key(&self) -> &'static str {
        match self {
            Refusal::NotGreenfit => "refused.not_greenfit",
            Refusal::Newer { .. } => "refused.newer",
            Refusal::Damaged(_) => "refused.damaged",
            Refusal::Duplicate => "refused.duplicate",
            Refusal::Full => "refused.full",
        }
    }

    pub fn detail(&self) -> String {
        match self {
            Refusal::Newer { found } => found.to_string(),
            Refusal::Damaged(why) => why.clone(),
            _ => String::new(),
        }
    }
}

impl From<ShareError> for Refusal {
    fn from(error: ShareError) -> Refusal {
        match error {
            ShareError::NotGreenfit => Refusal::NotGreenfit,
            ShareError::Newer { found } => Refusal::Newer { found },
            ShareError::Damaged(why) => Refusal::Damaged(why),
        }
    }
}

/// Several files read as one (the browser reads a selection of files far faster in one piece
/// than one by one), cut back into each file's text by their sizes in bytes. Each is decoded
/// as the browser's `File.text()` decodes: UTF-8, a byte-order mark dropped, anything invalid
/// replaced by U+FFFD. `None` when the sizes do not add up to the bytes read.
pub fn split_files(bytes: &[u8], sizes: &[usize]) -> Option<Vec<String>> {
    if sizes.iter().sum::<usize>() != bytes.len() {
        return None;
    }
    let mut start = 0;
    let texts = sizes
        .iter()
        .map(|size| {
            let part = &bytes[start..start + size];
            start += size;
            let part = part.strip_prefix(b"\xef\xbb\xbf").unwrap_or(part);
            String::from_utf8_lossy(part).into_owned()
        })
        .collect();
    Some(texts)
}

/// Reads one dropped file: a share file, a file of pasted share codes, or a full greenfit
/// export (scored with `content`, the cluster's questions; its answers count as shared).
pub fn read_file(text: &str, content: &Content) -> Vec<Result<Share, Refusal>> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if !trimmed.starts_with('{') {
        let codes = Share::codes_in(text);
        if codes.is_empty() {
            return vec![Err(Refusal::NotGreenfit)];
        }
        return codes
            .into_iter()
            .map(|r| r.map_err(Refusal::from))
            .collect();
    }
    match Share::parse(text) {
        Err(ShareError::NotGreenfit) => {}
        other => return vec![other.map_err(Refusal::from)],
    }
    vec![match Document::parse(text) {
        Ok(doc) => {
            let stamp = json::parse(trimmed)
                .ok()
                .and_then(|tree| tree.get("exported_at")?.as_str().map(str::to_owned));
            let at = stamp
                .or(doc.saved_at.clone())
                .filter(|at| share::is_timestamp(at));
            match at {
                Some(at) => Ok(Share::new(&doc, content, &at, "", Scope::ScoresAndAnswers)),
                None => Err(Refusal::Damaged("it has no date".to_owned())),
            }
        }
        Err(DocError::NotGreenfit) | Err(DocError::NotJson(_)) => Err(Refusal::NotGreenfit),
        Err(DocError::Newer { found }) => Err(Refusal::Newer { found }),
        Err(error) => Err(Refusal::Damaged(error.detail())),
    }]
}

/// Who a share belongs to: the typed company name (so later shares of one member count as
/// change over time), or for anonymous shares the whole content.
pub fn identity(share: &Share) -> String {
    let name = share.member.trim().to_lowercase();
    if name.is_empty() {
        let mut anonymous = share.clone();
        anonymous.generator.clear();
        format!("~{}", json::to_string(&anonymous))
    } else {
        name
    }
}

/// The loaded set, as the dashboard stores it. Shares are added through [`Loaded::add`] only,
/// which keeps the index of who is loaded (so 2,000 files load in linear time).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Loaded {
    pub format: String,
    pub version: u64,
    shares: Vec<Share>,
    keys: BTreeSet<(String, String)>,
}

pub const LOADED_FORMAT: &str = "greenfit-dashboard";
/// The stored set is written as this, the shares' JSON separated by commas, and the tail, so
/// that a dashboard can write thousands of shares in slices between frames.
pub const LOADED_JSON_HEAD: &str = r#"{"format":"greenfit-dashboard","version":1,"shares":["#;
pub const LOADED_JSON_TAIL: &str = "]}";

/// One share as it is stored: compact JSON.
pub fn share_json(share: &Share) -> String {
    json::to_string(share)
}

impl Loaded {
    pub fn new() -> Loaded {
        Loaded {
            format: LOADED_FORMAT.to_owned(),
            version: 1,
            shares: Vec::new(),
            keys: BTreeSet::new(),
        }
    }

    /// The loaded shares, in the order they were added.
    pub fn shares(&self) -> &[Share] {
        &self.shares
    }

    /// Adds a share unless it is a duplicate: the same member (or anonymous result) on the
    /// same day.
    pub fn add(&mut self, share: Share) -> Result<(), Refusal> {
        if self.shares.len() >= MAX_SHARES {
            return Err(Refusal::Full);
        }
        let key = (identity(&share), day(&share.shared_at).to_owned());
        if !self.keys.insert(key) {
            return Err(Refusal::Duplicate);
        }
        self.shares.push(share);
        Ok(())
    }

    pub fn to_json(&self) -> String {
        let mut text = String::from(LOADED_JSON_HEAD);
        for (i, share) in self.shares.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push_str(&share_json(share));
        }
        text.push_str(LOADED_JSON_TAIL);
        text
    }

    /// Reads a stored set; every share is checked again, and any that fails is dropped.
    pub fn parse(text: &str) -> Option<Loaded> {
        let tree = json::parse(text).ok()?;
        let stored = Object::new(&tree).ok()?;
        let format: String = stored.req("format").ok()?;
        let version: u64 = stored.req("version").ok()?;
        if format != LOADED_FORMAT || version != 1 {
            return None;
        }
        // One share of the wrong shape makes the whole set unreadable, so that the store backs
        // it up rather than writing over it.
        let shares: Vec<Share> = stored.req("shares").ok()?;
        let mut loaded = Loaded::new();
        for share in shares {
            if share.check().is_ok() {
                let _ = loaded.add(share);
            }
        }
        Some(loaded)
    }
}

fn day(at: &str) -> &str {
    at.get(..10).unwrap_or(at)
}

/// Which members to look at; `None` is everyone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub sector: Option<String>,
    pub size: Option<String>,
    pub country: Option<String>,
}

impl Filter {
    pub fn is_all(&self) -> bool {
        self.sector.is_none() && self.size.is_none() && self.country.is_none()
    }

    fn keeps(&self, share: &Share) -> bool {
        let same = |want: &Option<String>, have: &str| {
            want.as_ref()
                .is_none_or(|w| w.trim().eq_ignore_ascii_case(have.trim()))
        };
        same(&self.sector, &share.profile.sector)
            && same(&self.size, &share.profile.size)
            && same(&self.country, &share.profile.country)
    }
}

/// The values the filters offer: every sector, size and country members gave.
pub fn filter_values(shares: &[Share]) -> [Vec<String>; 3] {
    let mut values: [BTreeSet<String>; 3] = Default::default();
    for share in shares {
        let p = &share.profile;
        for (set, value) in values.iter_mut().zip([&p.sector, &p.size, &p.country]) {
            if !value.trim().is_empty() {
                set.insert(value.trim().to_owned());
            }
        }
    }
    values.map(|set| set.into_iter().collect())
}

/// Each member's latest share among those `filter` keeps (anonymous shares each count).
pub fn latest<'a>(shares: &'a [Share], filter: &Filter) -> Vec<&'a Share> {
    let mut by_member: BTreeMap<String, &Share> = BTreeMap::new();
    for share in shares.iter().filter(|s| filter.keeps(s)) {
        let entry = by_member.entry(identity(share)).or_insert(share);
        if share.shared_at > entry.shared_at {
            *entry = share;
        }
    }
    let mut latest: Vec<&Share> = by_member.into_values().collect();
    latest.sort_by(|a, b| a.shared_at.cmp(&b.shared_at));
    latest
}

/// Five-number summary of a set of scores. Quartiles are computed as Excel's QUARTILE.INC and
/// R's default (type 7): linear interpolation between the ordered values. They are exact:
/// every quartile of whole numbers is a multiple of 0.25.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spread {
    pub n: usize,
    pub min: f64,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
    pub max: f64,
}

pub fn spread(values: &[u8]) -> Option<Spread> {
    let mut sorted = values.to_vec();
    super::sort_unstable_by(&mut sorted, |a, b| a < b);
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    // The quantile at quarter `q` (0..=4): position (n - 1) * q / 4, counted in quarters.
    let at = |q: usize| -> f64 {
        let quarters = (n - 1) * q;
        let (index, part) = (quarters / 4, quarters % 4);
        let low = f64::from(sorted[index]);
        match sorted.get(index + 1) {
            Some(high) if part > 0 => low + (f64::from(*high) - low) * part as f64 / 4.0,
            _ => low,
        }
    };
    Some(Spread {
        n,
        min: at(0),
        q1: at(1),
        median: at(2),
        q3: at(3),
        max: at(4),
    })
}

/// One area across members.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaSummary {
    pub area: String,
    /// Scores of the members with a score in this area, in member order.
    pub scores: Vec<u8>,
    pub spread: Option<Spread>,
    /// Members per stage, in [`Stage::ALL`] order.
    pub stages: [usize; 4],
    pub not_relevant: usize,
    /// How many members have this area among their priorities.
    pub priority: usize,
}

/// A question across the members who shared their answers.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionSummary {
    pub question: String,
    /// Members who answered it (not counting "not relevant").
    pub answered: usize,
    pub dont_know: usize,
    /// Mean level, "don't know" counted as 0, as a score from 0 to 100.
    pub score: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub members: usize,
    /// Shares that carried answers.
    pub with_answers: usize,
    pub first: String,
    pub last: String,
    pub overall: Option<Spread>,
    pub areas: Vec<AreaSummary>,
    /// Areas by how many members have them among their priorities, most first.
    pub priorities: Vec<(String, usize)>,
    /// Questions most often answered "don't know", most first.
    pub dont_know: Vec<QuestionSummary>,
    /// Questions with the lowest mean level, lowest first.
    pub weakest: Vec<QuestionSummary>,
    pub question_sets: usize,
    /// Members who shared more than once: overall score first and last.
    pub changes: Vec<(Option<u8>, Option<u8>)>,
}

/// Why a group is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooSmall {
    pub members: usize,
}

/// The summary of the members `filter` keeps. A filtered group smaller than [`MIN_GROUP`] is
/// refused; the whole set is always shown to the manager who loaded it.
/// The place of area `id` in `areas`, added (empty) if it is not there yet.
fn area_slot<'a>(
    index: &mut BTreeMap<&'a str, usize>,
    areas: &mut Vec<AreaSummary>,
    id: &'a str,
) -> usize {
    if let Some(at) = index.get(id) {
        return *at;
    }
    areas.push(AreaSummary {
        area: id.to_owned(),
        scores: Vec::new(),
        spread: None,
        stages: [0; 4],
        not_relevant: 0,
        priority: 0,
    });
    index.insert(id, areas.len() - 1);
    areas.len() - 1
}

pub fn summarise(
    shares: &[Share],
    filter: &Filter,
    content: &Content,
) -> Result<Summary, TooSmall> {
    let members = latest(shares, filter);
    if members.is_empty() || (!filter.is_all() && members.len() < MIN_GROUP) {
        return Err(TooSmall {
            members: members.len(),
        });
    }
    // The areas: the built-in ones in their order, then any other a share names. One pass over
    // the members, with an index by id (2,000 members with ten areas each).
    let mut areas: Vec<AreaSummary> = Vec::new();
    let mut index: BTreeMap<&str, usize> = BTreeMap::new();
    for area in &content.areas {
        area_slot(&mut index, &mut areas, &area.id);
    }
    for share in &members {
        for area in &share.areas {
            let at = area_slot(&mut index, &mut areas, &area.area);
            let summary = &mut areas[at];
            if let Some(score) = area.score {
                summary.scores.push(score);
                let stage = Stage::from_score(score);
                summary.stages[Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0)] += 1;
            } else if area.not_relevant {
                summary.not_relevant += 1;
            }
        }
    }
    for share in &members {
        for (i, id) in share.priorities.iter().enumerate() {
            // A member counts once for an area, however often its file names it.
            if share.priorities[..i].contains(id) {
                continue;
            }
            if let Some(at) = index.get(id.as_str()) {
                areas[*at].priority += 1;
            }
        }
    }
    for summary in &mut areas {
        summary.spread = spread(&summary.scores);
    }

    let mut priorities: Vec<(String, usize)> = areas
        .iter()
        .filter(|a| a.priority > 0)
        .map(|a| (a.area.clone(), a.priority))
        .collect();
    priorities.sort_by_key(|p| std::cmp::Reverse(p.1));

    let mut questions: BTreeMap<&str, (usize, usize, u32)> = BTreeMap::new();
    let with_answers: Vec<&&Share> = members.iter().filter(|s| s.answers.is_some()).collect();
    for answers in with_answers.iter().filter_map(|s| s.answers.as_ref()) {
        for (id, answer) in answers {
            // A share made before a question was replaced counts under the new question when
            // its answer carries over, and not at all when it does not.
            let (id, answer) = match revisions::replaced(id) {
                Some(step) => match step.carry(*answer) {
                    Some(carried) => (step.new, carried),
                    None => continue,
                },
                None => (id.as_str(), *answer),
            };
            let entry = questions.entry(id).or_default();
            match answer {
                Answer::Level(level) => {
                    entry.0 += 1;
                    entry.2 += u32::from(level);
                }
                Answer::DontKnow => {
                    entry.0 += 1;
                    entry.1 += 1;
                }
                Answer::NotRelevant => {}
            }
        }
    }
    let all: Vec<QuestionSummary> = questions
        .into_iter()
        .filter(|(_, (answered, _, _))| *answered > 0)
        .map(|(id, (answered, dont_know, points))| QuestionSummary {
            question: id.to_owned(),
            answered,
            dont_know,
            score: percent(u64::from(points), answered as u64 * u64::from(MAX_LEVEL)),
        })
        .collect();
    let mut dont_know: Vec<QuestionSummary> =
        all.iter().filter(|q| q.dont_know > 0).cloned().collect();
    dont_know.sort_by_key(|q| std::cmp::Reverse(q.dont_know));
    dont_know.truncate(TOP_QUESTIONS);
    let mut weakest = all;
    weakest.sort_by_key(|q| q.score);
    weakest.truncate(TOP_QUESTIONS);

    let overall: Vec<u8> = members.iter().filter_map(|s| s.overall).collect();
    let mut by_member: BTreeMap<String, Vec<&Share>> = BTreeMap::new();
    for share in shares
        .iter()
        .filter(|s| filter.keeps(s) && !s.member.trim().is_empty())
    {
        by_member.entry(identity(share)).or_default().push(share);
    }
    let changes = by_member
        .values_mut()
        .filter(|list| list.len() > 1)
        .map(|list| {
            list.sort_by(|a, b| a.shared_at.cmp(&b.shared_at));
            (list[0].overall, list[list.len() - 1].overall)
        })
        .collect();

    Ok(Summary {
        members: members.len(),
        with_answers: with_answers.len(),
        first: members
            .first()
            .map(|s| s.shared_at.clone())
            .unwrap_or_default(),
        last: members
            .last()
            .map(|s| s.shared_at.clone())
            .unwrap_or_default(),
        overall: spread(&overall),
        areas,
        priorities,
        dont_know,
        weakest,
        question_sets: members
            .iter()
            .map(|s| s.question_set.as_str())
            .collect::<BTreeSet<_>>()
            .len(),
        changes,
    })
}

/// `num / den` as a whole percentage, exact halves rounded up.
fn percent(num: u64, den: u64) -> u8 {
    if den == 0 {
        return 0;
    }
    ((200 * num + den) / (2 * den)).min(100) as u8
}

// ---------------------------------------------------------------------------------------------
// CSV

/// How CSV files are written. Excel opens UTF-8 with a byte-order mark cleanly; `;` is the
/// list separator Excel expects in most European locales, where the comma is the decimal mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvStyle {
    pub separator: char,
    pub decimal: char,
}

impl CsvStyle {
    /// `;` and a decimal comma, except English: `,` and a decimal point.
    pub fn for_language(lang: &str) -> CsvStyle {
        if lang == "en" {
            CsvStyle {
                separator: ',',
                decimal: '.',
            }
        } else {
            CsvStyle {
                separator: ';',
                decimal: ',',
            }
        }
    }

    fn number(&self, value: f64) -> String {
        // Quartiles are multiples of 0.25: two decimals are exact.
        let text = if value.fract() == 0.0 {
            format!("{value:.0}")
        } else {
            let text = format!("{value:.2}");
            text.trim_end_matches('0').to_owned()
        };
        text.replace('.', &self.decimal.to_string())
    }

    fn cell(&self, text: &str) -> String {
        // A cell that starts like a formula is shown as text, never run (CSV injection).
        let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
            format!("'{text}")
        } else {
            text.to_owned()
        };
        if text.contains([self.separator, '"', '\n', '\r']) {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text
        }
    }

    fn table(&self, rows: &[Vec<String>]) -> String {
        let mut out = String::from('\u{feff}');
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| self.cell(c)).collect();
            out.push_str(&cells.join(&self.separator.to_string()));
            out.push_str("\r\n");
        }
        out
    }
}

/// The aggregate table: one row per area, then the overall score. `header` names the columns:
/// area, members, min, q1, median, q3, max, then the four stages, not relevant, priority.
pub fn csv_areas(
    summary: &Summary,
    area_title: &dyn Fn(&str) -> String,
    header: &[String],
    style: CsvStyle,
) -> String {
    let mut rows = vec![header.to_vec()];
    let spread_cells = |spread: &Option<Spread>| -> Vec<String> {
        match spread {
            Some(s) => {
                let mut cells = vec![s.n.to_string()];
                cells.extend([s.min, s.q1, s.median, s.q3, s.max].map(|v| style.number(v)));
                cells
            }
            None => vec![
                "0".to_owned(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ],
        }
    };
    for area in &summary.areas {
        let mut row = vec![area_title(&area.area)];
        row.extend(spread_cells(&area.spread));
        row.extend(area.stages.iter().map(|n| n.to_string()));
        row.push(area.not_relevant.to_string());
        row.push(area.priority.to_string());
        rows.push(row);
    }
    let mut row = vec![area_title("overall")];
    row.extend(spread_cells(&summary.overall));
    rows.push(row);
    style.table(&rows)
}

/// One row per share: member, date, sector, size, country, overall, then each area's score.
pub fn csv_members(
    shares: &[Share],
    area_ids: &[String],
    header: &[String],
    style: CsvStyle,
) -> String {
    let mut rows = vec![header.to_vec()];
    for share in shares {
        let mut row = vec![
            share.member.clone(),
            day(&share.shared_at).to_owned(),
            share.profile.sector.clone(),
            share.profile.size.clone(),
            share.profile.country.clone(),
            share.overall.map(|s| s.to_string()).unwrap_or_default(),
        ];
        for id in area_ids {
            let area = share.areas.iter().find(|a| a.area == *id);
            row.push(
                area.and_then(|a| a.score)
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
            );
        }
        rows.push(row);
    }
    style.table(&rows)
}

// ---------------------------------------------------------------------------------------------
// Benchmark

/// The cluster's anonymous benchmark: per area the members' median and quartiles. Made only
/// from at least [`MIN_GROUP`] members, and an area only where at least that many scored it.
#[derive(Debug, Clone, PartialEq)]
pub struct Benchmark {
    pub format: String,
    pub version: u64,
    pub generator: String,
    /// The day it was made (YYYY-MM-DD).
    pub created_at: String,
    /// How many members it is made from.
    pub members: usize,
    /// An optional label of the group ("Food processing members").
    pub group: String,
    pub areas: SortedMap<String, BenchmarkArea>,
    pub overall: Option<BenchmarkArea>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BenchmarkArea {
    pub n: usize,
    pub q1: f64,
    pub median: f64,
    pub q3: f64,
}

impl From<Spread> for BenchmarkArea {
    fn from(s: Spread) -> BenchmarkArea {
        BenchmarkArea {
            n: s.n,
            q1: s.q1,
            median: s.median,
            q3: s.q3,
        }
    }
}

pub fn benchmark(summary: &Summary, created_at: &str, group: &str) -> Option<Benchmark> {
    if summary.members < MIN_GROUP {
        return None;
    }
    let big = |s: &Option<Spread>| s.filter(|s| s.n >= MIN_GROUP).map(BenchmarkArea::from);
    Some(Benchmark {
        format: BENCHMARK_FORMAT.to_owned(),
        version: BENCHMARK_VERSION,
        generator: share::GENERATOR.to_owned(),
        created_at: day(created_at).to_owned(),
        members: summary.members,
        group: share::clean_member(group),
        areas: summary
            .areas
            .iter()
            .filter_map(|a| Some((a.area.clone(), big(&a.spread)?)))
            .collect(),
        overall: big(&summary.overall),
    })
}

impl Benchmark {
    pub fn to_json(&self) -> String {
        json::to_pretty(self)
    }

    /// Reads a benchmark file (or the `benchmark` value of a config) and checks it.
    pub fn parse(text: &str) -> Result<Benchmark, String> {
        let tree =
            json::parse(text.trim_start_matches('\u{feff}')).map_err(|e| e.reason.to_owned())?;
        Self::from_tree(&tree)
    }

    /// Reads and checks a benchmark from parsed JSON.
    pub fn from_tree(tree: &Json<'_>) -> Result<Benchmark, String> {
        let benchmark = Benchmark::from_json(tree).map_err(|e| e.to_string())?;
        benchmark.check()?;
        Ok(benchmark)
    }

    /// Checks a benchmark read from a config: the rules it was made with still hold.
    pub fn check(&self) -> Result<(), String> {
        if self.format != BENCHMARK_FORMAT {
            return Err("is not a greenfit benchmark (format)".to_owned());
        }
        if self.version != BENCHMARK_VERSION {
            return Err(format!(
                "has version {}; this greenfit reads version 1",
                self.version
            ));
        }
        if !share::is_timestamp(&self.created_at) {
            return Err("created_at is not a date (YYYY-MM-DD)".to_owned());
        }
        if self.members < MIN_GROUP {
            return Err(format!("is made from fewer than {MIN_GROUP} members"));
        }
        let sane = |a: &BenchmarkArea| {
            a.n >= MIN_GROUP
                && a.n <= self.members
                && 0.0 <= a.q1
                && a.q1 <= a.median
                && a.median <= a.q3
                && a.q3 <= 100.0
        };
        if self.areas.len() > 40 || !self.areas.values().all(sane) || !self.overall.iter().all(sane)
        {
            return Err(
                "has an area with fewer than 5 members or quartiles out of order".to_owned(),
            );
        }
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// From needs to a service

/// The areas where members need help most: the most shared priorities, then the lowest
/// medians, at most three.
pub fn needs(summary: &Summary) -> Vec<String> {
    let mut needs: Vec<String> = summary
        .priorities
        .iter()
        .map(|(area, _)| area.clone())
        .take(3)
        .collect();
    let mut by_median: Vec<&AreaSummary> = summary
        .areas
        .iter()
        .filter(|a| a.spread.is_some())
        .collect();
    by_median.sort_by(|a, b| {
        let median = |a: &AreaSummary| a.spread.map(|s| s.median).unwrap_or(100.0);
        median(a).total_cmp(&median(b))
    });
    for area in by_median {
        if needs.len() >= 3 {
            break;
        }
        if !needs.contains(&area.area) {
            needs.push(area.area.clone());
        }
    }
    needs
}

/// A greenfit document holding one service canvas (the guide's Figure 7) with `pains` as the
/// customer's pains and the service checklist on: a file the widget imports.
pub fn service_canvas(name: &str, pains: &[String]) -> Document {
    let mut canvas = super::canvas::Canvas::with_pains(name, pains);
    canvas.id = "c1".to_owned();
    canvas.service = true;
    Document {
        canvases: vec![canvas].into(),
        ..Document::default()
    }
}

impl FromJson for Benchmark {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::new(value)?;
        Ok(Benchmark {
            format: o.req("format")?,
            version: o.req("version")?,
            generator: o.or_default("generator")?,
            created_at: o.req("created_at")?,
            members: o.req("members")?,
            group: o.or_default("group")?,
            areas: o.req("areas")?,
            overall: o.or_default("overall")?,
        })
    }
}

impl ToJson for Benchmark {
    fn write_json(&self, out: &mut Writer) {
        out.object(|out| {
            out.member("format", &self.format);
            out.member("version", &self.version);
            out.member("generator", &self.generator);
            out.member("created_at", &self.created_at);
            out.member("members", &self.members);
            if !self.group.is_empty() {
                out.member("group", &self.group);
            }
            out.member("areas", &self.areas);
            if let Some(overall) = &self.overall {
                out.member("overall", overall);
            }
        });
    }
}

impl FromJson for BenchmarkArea {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::new(value)?;
        Ok(BenchmarkArea {
            n: o.req("n")?,
            q1: o.req("q1")?,
            median: o.req("median")?,
            q3: o.req("q3")?,
        })
    }
}

impl ToJson for BenchmarkArea {
    fn write_json(&self, out: &mut Writer) {
        out.object(|out| {
            out.member("n", &self.n);
            out.member("q1", &self.q1);
            out.member("median", &self.median);
            out.member("q3", &self.q3);
        });
    }
}
