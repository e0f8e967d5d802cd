//! The cluster's configuration: name, logo, contact, colours, languages, modules, areas,
//! extra questions, intro text and the cluster's own offers mapped to areas and stages.
//! Documented field by field in docs/config.md.
//!
//! [`ClusterConfig::parse`] never fails: it returns the configuration it could use and every
//! problem it found, each with the exact field and the reason. A field that is wrong falls
//! back to its default; JSON that cannot be read at all gives the default configuration.

use super::answers::MAX_LEVEL;
use super::content::{Content, Question};
use super::dashboard::Benchmark;
use super::json::{self, DecodeError, FromJson, Json, Object};
use super::scoring::Stage;

/// The languages greenfit speaks.
pub const LANGUAGES: [&str; 6] = ["en", "de", "fr", "es", "it", "pl"];
pub const MODULES: [&str; 2] = ["selfcheck", "canvas"];
pub const OFFER_KINDS: [&str; 4] = ["service", "event", "expert", "funding"];
const MAX_TEXT: usize = 2000;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Contact {
    pub email: String,
    pub phone: String,
    pub web: String,
}

/// Colours as CSS colour values; each is optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Colors {
    pub accent: String,
    pub on_accent: String,
    pub text: String,
    pub background: String,
    pub surface: String,
}

impl Colors {
    /// (custom property, value) for every colour set.
    pub fn properties(&self) -> Vec<(&'static str, &str)> {
        [
            ("--greenfit-accent", &self.accent),
            ("--greenfit-on-accent", &self.on_accent),
            ("--greenfit-text", &self.text),
            ("--greenfit-background", &self.background),
            ("--greenfit-surface", &self.surface),
        ]
        .into_iter()
        .filter(|(_, value)| !value.is_empty())
        .map(|(name, value)| (name, value.as_str()))
        .collect()
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Languages {
    /// The language used when neither the element nor the page names one greenfit offers.
    pub default: String,
    /// The languages visitors may switch between; empty means all.
    pub offered: Vec<String>,
}

/// A question of the cluster's own, in the same shape as the built-in ones, so it scores the
/// same way. Its id must not clash with a built-in id.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtraQuestion {
    pub area: String,
    pub id: String,
    pub text: String,
    pub why: String,
    pub levels: Vec<String>,
}

/// One thing the cluster offers: a service, an event, an expert or a funding call.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    /// "service", "event", "expert" or "funding".
    pub kind: String,
    pub title: String,
    pub description: String,
    /// An http(s), mailto: or tel: link.
    pub link: String,
    /// Area ids this offer helps with; empty means every area.
    pub areas: Vec<String>,
    /// Stages this offer suits ("starting", "progressing", "established", "leading"); empty
    /// means every stage. Kept as text, so that one unknown stage drops only itself.
    pub stages: Vec<String>,
}

/// The cluster's invitation to share results (see docs/dashboard.md). Without this section the
/// widget offers no sharing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ShareSettings {
    /// Where members may send their share code; a `mailto:` link is offered when set.
    pub email: String,
    /// The cluster's own sentence on how shared results are used.
    pub purpose: String,
}

/// The `benchmark` setting as written: a path on the cluster's own site, or the benchmark
/// itself. Checked in [`ClusterConfig::parse`], so that a wrong value drops only this setting.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum BenchmarkSetting {
    #[default]
    None,
    Path(String),
    /// The benchmark, or why it cannot be used.
    Inline(Result<Benchmark, String>),
}

impl FromJson for BenchmarkSetting {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        Ok(match value {
            Json::Null => BenchmarkSetting::None,
            Json::Str(path) => BenchmarkSetting::Path(path.as_ref().to_owned()),
            tree => BenchmarkSetting::Inline(Benchmark::from_tree(tree)),
        })
    }
}

fn default_kind() -> String {
    "service".to_owned()
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClusterConfig {
    pub name: String,
    /// A path on the cluster's own site ("/logo.svg") or a data:image URI.
    pub logo: String,
    pub contact: Contact,
    pub colors: Colors,
    pub languages: Languages,
    /// "selfcheck" and/or "canvas"; empty means both.
    pub modules: Vec<String>,
    pub areas_off: Vec<String>,
    pub extra_questions: Vec<ExtraQuestion>,
    pub intro: String,
    pub offers: Vec<Offer>,
    pub share: Option<ShareSettings>,
    /// The cluster's benchmark from its dashboard: inline, or a path on the cluster's site.
    pub benchmark: BenchmarkSetting,
    /// The benchmark, once read and checked (inline, or fetched from [`Self::benchmark_url`]).
    pub benchmark_data: Option<Benchmark>,
    /// Where to fetch the benchmark from, when the config names a path.
    pub benchmark_url: String,
}

/// A problem in the configuration: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub field: String,
    pub reason: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

/// A link the widget may show: http(s), mailto: or tel:, nothing else.
pub fn safe_link(link: &str) -> Option<&str> {
    let trimmed = link.trim();
    let lower = trimmed.to_ascii_lowercase();
    ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
        .then_some(trimmed)
}

/// A CSS colour we accept: #rgb, #rgba, #rrggbb, #rrggbbaa, or rgb()/rgba()/hsl()/hsla() with
/// three numbers in range (and an optional alpha). Nothing that could close a rule or load
/// anything, and nothing a browser would drop (`rgb(31, 111)` has two numbers).
pub fn is_colour(value: &str) -> bool {
    parse_colour(value).is_some()
}

/// The colour as red, green, blue (0 to 255), alpha ignored.
pub fn parse_colour(value: &str) -> Option<[f32; 3]> {
    let value = value.trim();
    if let Some(hex) = value.strip_prefix('#') {
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..=i], 16).ok().map(f32::from);
        let pair = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok().map(f32::from);
        return match hex.len() {
            3 | 4 => Some([digit(0)? * 17.0, digit(1)? * 17.0, digit(2)? * 17.0]),
            6 | 8 => Some([pair(0)?, pair(2)?, pair(4)?]),
            _ => None,
        };
    }
    let lower = value.to_ascii_lowercase();
    let (function, args) = lower.split_once('(')?;
    let args = args.strip_suffix(')')?;
    // "r, g, b[, a]" or "r g b[ / a]"
    let (main, alpha) = match args.split_once('/') {
        Some((main, alpha)) => (main, Some(alpha.trim())),
        None => (args, None),
    };
    let mut parts: Vec<&str> = main
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let alpha = match (alpha, parts.len()) {
        (Some(alpha), 3) => Some(alpha),
        (None, 4) => parts.pop(),
        (None, 3) => None,
        _ => return None,
    };
    if let Some(alpha) = alpha {
        let ok = match alpha.strip_suffix('%') {
            Some(p) => decimal(p).is_some_and(|v| (0.0..=100.0).contains(&v)),
            None => decimal(alpha).is_some_and(|v| (0.0..=1.0).contains(&v)),
        };
        if !ok {
            return None;
        }
    }
    let number = |text: &str, max: f32| -> Option<f32> {
        let (digits, scale) = match text.strip_suffix('%') {
            Some(p) => (p, max / 100.0),
            None => (text, 1.0),
        };
        let v = decimal(digits)? * scale;
        (0.0..=max).contains(&v).then_some(v)
    };
    match function {
        "rgb" | "rgba" => Some([
            number(parts[0], 255.0)?,
            number(parts[1], 255.0)?,
            number(parts[2], 255.0)?,
        ]),
        "hsl" | "hsla" => {
            let hue = parts[0].strip_suffix("deg").unwrap_or(parts[0]);
            let hue = match hue.strip_prefix('-') {
                Some(h) => -decimal(h)?,
                None => decimal(hue)?,
            };
            if !parts[1].ends_with('%') || !parts[2].ends_with('%') {
                return None;
            }
            let (s, l) = (number(parts[1], 1.0)?, number(parts[2], 1.0)?);
            let h = hue.rem_euclid(360.0) / 60.0;
            let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
            let x = c * (1.0 - (h % 2.0 - 1.0).abs());
            let (r, g, b) = match h as u32 {
                0 => (c, x, 0.0),
                1 => (x, c, 0.0),
                2 => (0.0, c, x),
                3 => (0.0, x, c),
                4 => (x, 0.0, c),
                _ => (c, 0.0, x),
            };
            let m = l - c / 2.0;
            Some([(r + m) * 255.0, (g + m) * 255.0, (b + m) * 255.0])
        }
        _ => None,
    }
}

/// A plain decimal number ("31", "0.5", ".5", "12.25"), read without the standard library's
/// float parser (which would add about 20 KB to the wasm for colours alone).
fn decimal(text: &str) -> Option<f32> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if (whole.is_empty() && fraction.is_empty())
        || whole.len() > 6
        || fraction.len() > 6
        || !whole
            .chars()
            .chain(fraction.chars())
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let digits = |part: &str| part.bytes().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    let scale = 10u32.pow(fraction.len() as u32);
    Some(digits(whole) as f32 + digits(fraction) as f32 / scale as f32)
}

/// The WCAG contrast ratio of two colours, from 1 to 21.
pub fn contrast(a: [f32; 3], b: [f32; 3]) -> f32 {
    let luminance = |c: [f32; 3]| {
        let channel = |v: f32| {
            let v = v / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                // (v + 0.055) / 1.055 raised to 2.4, without libm: exp and ln by series would
                // cost more than this: x^2.4 = x^2 * x^0.4, x^0.4 by Newton on y^5 = x^2.
                let x = (v + 0.055) / 1.055;
                x * x * fifth_root(x * x)
            }
        };
        0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2])
    };
    let (la, lb) = (luminance(a), luminance(b));
    let (light, dark) = if la > lb { (la, lb) } else { (lb, la) };
    (light + 0.05) / (dark + 0.05)
}

/// The fifth root of `x` in (0, 1], by Newton's method.
fn fifth_root(x: f32) -> f32 {
    let mut y = 1.0f32;
    for _ in 0..30 {
        y -= (y.powi(5) - x) / (5.0 * y.powi(4));
    }
    y
}

/// A logo comes from the cluster's own site (a path) or is inline (`data:image/`), so that no
/// other server learns who visits. Browsers read `\` as `/` and drop tabs and line breaks
/// inside URLs, so `/\host` or `/<tab>/host` would reach another server: a path may hold
/// neither, nor any other control character or space.
pub fn is_logo(value: &str) -> bool {
    value.trim().to_ascii_lowercase().starts_with("data:image/") || is_own_path(value)
}

/// A path on the site that embeds greenfit: "/x" or "./x", never "//host", "/\\host" or a
/// path with spaces or control characters (see [`is_logo`]).
pub fn is_own_path(value: &str) -> bool {
    let value = value.trim();
    let clean = !value
        .chars()
        .any(|c| c == '\\' || c.is_control() || c.is_whitespace());
    let path = (value.starts_with('/') && !value.starts_with("//")) || value.starts_with("./");
    clean && path
}

fn is_email(text: &str) -> bool {
    text.contains('@') && !text.contains([' ', ':', '/', '?', '&', '#'])
}

/// A list field, the entries it may hold, and what to say about an entry it may not.
type ListCheck<'a> = (
    &'a str,
    &'a mut Vec<String>,
    &'a dyn Fn(&str) -> bool,
    &'a str,
);

/// The language to show: the first of `wishes` (a visitor's saved choice, the element's
/// `lang`, the page's `lang`, the configured default, the browser's languages) that is offered,
/// matched on the primary subtag ("de-AT" is "de"); else the first offered language.
pub fn choose_language(wishes: &[String], offered: &[String]) -> String {
    wishes
        .iter()
        .filter_map(|wish| wish.split(['-', '_']).next())
        .map(str::to_ascii_lowercase)
        .find(|lang| offered.contains(lang))
        .or_else(|| offered.first().cloned())
        .unwrap_or_else(|| "en".to_owned())
}

impl ClusterConfig {
    /// The languages visitors may choose from: the configured ones, else all.
    pub fn offered_languages(&self) -> Vec<String> {
        if self.languages.offered.is_empty() {
            LANGUAGES.iter().map(|l| l.to_string()).collect()
        } else {
            self.languages.offered.clone()
        }
    }

    /// Reads a configuration, keeping what is valid. `content` is the built-in question bank,
    /// to check area ids and extra question ids against.
    pub fn parse(text: &str, content: &Content) -> (ClusterConfig, Vec<ConfigError>) {
        let tree = match json::parse(text) {
            Ok(tree) => tree,
            Err(error) => {
                let field = format!("(config) (line {}, column {})", error.line, error.column);
                return (
                    ClusterConfig::default(),
                    vec![ConfigError {
                        field,
                        reason: error.reason.to_owned(),
                    }],
                );
            }
        };
        let mut config = match ClusterConfig::from_json(&tree) {
            Ok(config) => config,
            Err(error) => {
                let path = match error.path() {
                    path if path.is_empty() => "(config)".to_owned(),
                    path => path,
                };
                let field = match json::locate(text, &error) {
                    Some((line, column)) => format!("{path} (line {line}, column {column})"),
                    None => path,
                };
                return (
                    ClusterConfig::default(),
                    vec![ConfigError {
                        field,
                        reason: error.reason,
                    }],
                );
            }
        };
        let errors = config.check(content);
        (config, errors)
    }

    /// Checks meaning (not shape), resetting each wrong field to its default.
    fn check(&mut self, content: &Content) -> Vec<ConfigError> {
        let mut errors = Vec::new();
        let mut error = |field: String, reason: &str| {
            errors.push(ConfigError {
                field,
                reason: reason.to_owned(),
            })
        };
        let area_known = |id: &str| content.area(id).is_some();

        for (field, text) in [("name", &mut self.name), ("intro", &mut self.intro)] {
            if text.chars().count() > MAX_TEXT {
                error(field.to_owned(), "is longer than 2000 characters");
                text.clear();
            }
        }
        if !self.logo.is_empty() && !is_logo(&self.logo) {
            error(
                "logo".into(),
                "must be a path on your own site (\"/logo.svg\") or a data:image URI",
            );
            self.logo.clear();
        }
        let contact = &mut self.contact;
        if !contact.email.is_empty() && !is_email(&contact.email) {
            error("contact.email".into(), "is not an email address");
            contact.email.clear();
        }
        if !contact.phone.is_empty()
            && !contact
                .phone
                .chars()
                .all(|c| c.is_ascii_digit() || " +-()./".contains(c))
        {
            error(
                "contact.phone".into(),
                "may only contain digits, spaces and + - ( ) . /",
            );
            contact.phone.clear();
        }
        let web = contact.web.to_ascii_lowercase();
        let is_http = web.starts_with("https://") || web.starts_with("http://");
        if !web.is_empty() && !is_http {
            error("contact.web".into(), "must be an http(s) link");
            contact.web.clear();
        }
        let colors = &mut self.colors;
        for (name, value) in [
            ("accent", &mut colors.accent),
            ("on_accent", &mut colors.on_accent),
            ("text", &mut colors.text),
            ("background", &mut colors.background),
            ("surface", &mut colors.surface),
        ] {
            if !value.is_empty() && !is_colour(value) {
                error(
                    format!("colors.{name}"),
                    "is not a colour (use #rrggbb, #rgb or rgb(...))",
                );
                value.clear();
            }
        }
        // Text must stay readable on its background (WCAG AA, 4.5:1). A pair that fails falls
        // back to greenfit's own colours, which pass.
        for (front, back, front_default, back_default) in [
            ("on_accent", "accent", "#ffffff", "#1f6f43"),
            ("text", "background", "#1b1f23", "#ffffff"),
            ("text", "surface", "#1b1f23", "#f3f6f4"),
        ] {
            let value = |name: &str| match name {
                "accent" => colors.accent.clone(),
                "on_accent" => colors.on_accent.clone(),
                "text" => colors.text.clone(),
                "background" => colors.background.clone(),
                _ => colors.surface.clone(),
            };
            let (f, b) = (value(front), value(back));
            if f.is_empty() && b.is_empty() {
                continue;
            }
            let pick = |v: &str, default: &str| {
                if v.is_empty() {
                    default.to_owned()
                } else {
                    v.to_owned()
                }
            };
            let (Some(fc), Some(bc)) = (
                parse_colour(&pick(&f, front_default)),
                parse_colour(&pick(&b, back_default)),
            ) else {
                continue;
            };
            let ratio = contrast(fc, bc);
            if ratio < 4.5 {
                let named = if f.is_empty() { back } else { front };
                error(
                    format!("colors.{named}"),
                    &format!(
                        "gives a contrast of {}.{}:1 between colors.{front} and colors.{back}; \
                         text needs at least 4.5:1 (WCAG AA), so greenfit's colours are used",
                        (ratio * 10.0) as u32 / 10,
                        (ratio * 10.0) as u32 % 10
                    ),
                );
                for name in [front, back] {
                    match name {
                        "accent" => colors.accent.clear(),
                        "on_accent" => colors.on_accent.clear(),
                        "text" => colors.text.clear(),
                        "background" => colors.background.clear(),
                        _ => colors.surface.clear(),
                    }
                }
            }
        }
        let languages = &mut self.languages;
        if !languages.default.is_empty() && !LANGUAGES.contains(&languages.default.as_str()) {
            error(
                "languages.default".into(),
                "is not one of en, de, fr, es, it, pl",
            );
            languages.default.clear();
        }
        let lists: [ListCheck; 3] = [
            (
                "languages.offered",
                &mut languages.offered,
                &|lang| LANGUAGES.contains(&lang),
                "is not one of en, de, fr, es, it, pl",
            ),
            (
                "modules",
                &mut self.modules,
                &|module| MODULES.contains(&module),
                "is not \"selfcheck\" or \"canvas\"",
            ),
            (
                "areas_off",
                &mut self.areas_off,
                &|area| area_known(area),
                "is not an area id (see docs/config.md)",
            ),
        ];
        for (field, list, known, reason) in lists {
            let mut index = 0;
            let mut kept: Vec<String> = Vec::new();
            list.retain(|entry| {
                let ok = known(entry);
                if !ok {
                    error(format!("{field}[{index}]"), reason);
                } else if kept.contains(entry) {
                    error(format!("{field}[{index}]"), "is listed twice");
                    index += 1;
                    return false;
                }
                index += 1;
                kept.push(entry.clone());
                ok
            });
        }
        let languages = &self.languages;
        if !languages.default.is_empty()
            && !languages.offered.is_empty()
            && !languages.offered.contains(&languages.default)
        {
            error(
                "languages.default".into(),
                "is not one of languages.offered, so the first offered language is the default",
            );
            self.languages.default.clear();
        }
        if !self.areas_off.is_empty() && self.areas_off.len() >= content.areas.len() {
            error(
                "areas_off".into(),
                "turns off every area, which would leave an empty self-check; all areas are shown",
            );
            self.areas_off.clear();
        }
        let areas_off = self.areas_off.clone();
        let mut seen = Vec::new();
        let mut index = 0;
        self.extra_questions.retain(|q| {
            let field = format!("extra_questions[{index}]");
            index += 1;
            let clash = content
                .areas
                .iter()
                .flat_map(|a| a.questions.iter())
                .any(|builtin| builtin.id == q.id)
                || seen.contains(&q.id);
            let reason = if !area_known(&q.area) {
                Some(("area", "is not an area id"))
            } else if areas_off.contains(&q.area) {
                Some((
                    "area",
                    "is turned off in areas_off, so the question is not shown",
                ))
            } else if q.id.trim().is_empty() || clash {
                Some(("id", "is empty or used by another question"))
            } else if q.id.len() > 40
                || !q
                    .id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                Some((
                    "id",
                    "must be up to 40 letters, digits, - or _ (it names the question in the page)",
                ))
            } else if super::revisions::replaced(&q.id).is_some() {
                Some((
                    "id",
                    "was the id of a built-in question greenfit has replaced; choose another",
                ))
            } else if q.text.trim().is_empty() || q.why.trim().is_empty() {
                Some(("text", "and why must not be empty"))
            } else if q.levels.len() != usize::from(MAX_LEVEL) + 1
                || q.levels.iter().any(|l| l.trim().is_empty())
            {
                Some(("levels", "must be five texts, for levels 0 to 4"))
            } else {
                None
            };
            if let Some((part, why)) = reason {
                error(format!("{field}.{part}"), why);
                return false;
            }
            seen.push(q.id.clone());
            true
        });
        if let Some(share) = &mut self.share {
            if !share.email.is_empty() && !is_email(&share.email) {
                error("share.email".into(), "is not an email address");
                share.email.clear();
            }
            if share.purpose.chars().count() > MAX_TEXT {
                error("share.purpose".into(), "is longer than 2000 characters");
                share.purpose.clear();
            }
        }
        match std::mem::take(&mut self.benchmark) {
            BenchmarkSetting::None => {}
            BenchmarkSetting::Path(path) if is_own_path(&path) => self.benchmark_url = path,
            BenchmarkSetting::Path(_) => error(
                "benchmark".into(),
                "must be a path on your own site (\"/benchmark.json\") or the benchmark itself",
            ),
            BenchmarkSetting::Inline(Ok(benchmark)) => self.benchmark_data = Some(benchmark),
            BenchmarkSetting::Inline(Err(why)) => error("benchmark".into(), &why),
        }
        let mut index = 0;
        self.offers.retain_mut(|offer| {
            let field = format!("offers[{index}]");
            index += 1;
            if offer.title.trim().is_empty() {
                error(format!("{field}.title"), "must not be empty");
                return false;
            }
            if !OFFER_KINDS.contains(&offer.kind.as_str()) {
                error(
                    format!("{field}.kind"),
                    "is not service, event, expert or funding",
                );
                offer.kind = default_kind();
            }
            if !offer.link.is_empty() && safe_link(&offer.link).is_none() {
                error(
                    format!("{field}.link"),
                    "must be an http(s), mailto: or tel: link",
                );
                offer.link.clear();
            }
            let mut stage_index = 0;
            offer.stages.retain(|stage| {
                let known = Stage::ALL.iter().any(|s| s.id() == stage);
                if !known {
                    error(
                        format!("{field}.stages[{stage_index}]"),
                        "is not starting, progressing, established or leading",
                    );
                }
                stage_index += 1;
                known
            });
            let before = offer.areas.len();
            offer.areas.retain(|a| area_known(a));
            if before > 0 && offer.areas.is_empty() {
                // An empty list means every area: an offer for misspelled areas must not
                // appear everywhere.
                error(
                    format!("{field}.areas"),
                    "names no known area id, so the offer is left out",
                );
                return false;
            }
            if offer.areas.len() != before {
                error(format!("{field}.areas"), "names an unknown area id");
            }
            true
        });
        errors
    }

    /// The cluster's offers for an area at a stage, in the order the cluster listed them.
    pub fn offers_for(&self, area: &str, stage: Option<Stage>) -> Vec<&Offer> {
        self.offers
            .iter()
            .filter(|offer| offer.areas.is_empty() || offer.areas.iter().any(|a| a == area))
            .filter(|offer| match stage {
                Some(stage) => {
                    offer.stages.is_empty() || offer.stages.iter().any(|s| s == stage.id())
                }
                None => true,
            })
            .collect()
    }

    /// The question bank as this cluster shows it: areas switched off removed, extra
    /// questions added at the end of their area.
    pub fn apply_to(&self, content: &mut Content) {
        content.areas.retain(|a| !self.areas_off.contains(&a.id));
        for extra in &self.extra_questions {
            if let Some(area) = content.areas.iter_mut().find(|a| a.id == extra.area) {
                area.questions.push(Question {
                    id: extra.id.clone(),
                    text: extra.text.clone(),
                    why: extra.why.clone(),
                    levels: extra.levels.clone(),
                });
            }
        }
    }

    pub fn shows(&self, module: &str) -> bool {
        self.modules.is_empty() || self.modules.iter().any(|m| m == module)
    }
}

/// The names each part of the configuration may hold; anything else is reported. The schema
/// (docs/config.schema.json) documents exactly these (tests/config.rs checks).
impl Contact {
    pub const FIELDS: [&'static str; 3] = ["email", "phone", "web"];
}

impl Colors {
    pub const FIELDS: [&'static str; 5] = ["accent", "on_accent", "text", "background", "surface"];
}

impl Languages {
    pub const FIELDS: [&'static str; 2] = ["default", "offered"];
}

impl ExtraQuestion {
    pub const FIELDS: [&'static str; 5] = ["area", "id", "text", "why", "levels"];
}

impl Offer {
    pub const FIELDS: [&'static str; 6] =
        ["kind", "title", "description", "link", "areas", "stages"];
}

impl ShareSettings {
    pub const FIELDS: [&'static str; 2] = ["email", "purpose"];
}

impl ClusterConfig {
    pub const FIELDS: [&'static str; 12] = [
        "name",
        "logo",
        "contact",
        "colors",
        "languages",
        "modules",
        "areas_off",
        "extra_questions",
        "intro",
        "offers",
        "share",
        "benchmark",
    ];
}

impl FromJson for Contact {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::only(value, &Self::FIELDS)?;
        Ok(Contact {
            email: o.or_default("email")?,
            phone: o.or_default("phone")?,
            web: o.or_default("web")?,
        })
    }
}

impl FromJson for Colors {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::only(value, &Self::FIELDS)?;
        Ok(Colors {
            accent: o.or_default("accent")?,
            on_accent: o.or_default("on_accent")?,
            text: o.or_default("text")?,
            background: o.or_default("background")?,
            surface: o.or_default("surface")?,
        })
    }
}

impl FromJson for Languages {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::only(value, &Self::FIELDS)?;
        Ok(Languages {
            default: o.or_default("default")?,
            offered: o.or_default("offered")?,
        })
    }
}

impl FromJson for ExtraQuestion {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::only(value, &Self::FIELDS)?;
        Ok(ExtraQuestion {
            area: o.req("area")?,
            id: o.req("id")?,
            text: o.req("text")?,
            why: o.req("why")?,
            levels: o.req("levels")?,
        })
    }
}

impl FromJson for Offer {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::only(value, &Self::FIELDS)?;
        Ok(Offer {
            kind: o.opt("kind")?.unwrap_or_else(default_kind),
            title: o.req("title")?,
            description: o.or_default("description")?,
            link: o.or_default("link")?,
            areas: o.or_default("areas")?,
            stages: o.or_default("stages")?,
        })
    }
}

impl FromJson for ShareSettings {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::only(value, &Self::FIELDS)?;
        Ok(ShareSettings {
            email: o.or_default("email")?,
            purpose: o.or_default("purpose")?,
        })
    }
}

impl FromJson for ClusterConfig {
    fn from_json(value: &Json<'_>) -> Result<Self, DecodeError> {
        let o = Object::only(value, &Self::FIELDS)?;
        Ok(ClusterConfig {
            name: o.or_default("name")?,
            logo: o.or_default("logo")?,
            contact: o.or_default("contact")?,
            colors: o.or_default("colors")?,
            languages: o.or_default("languages")?,
            modules: o.or_default("modules")?,
            areas_off: o.or_default("areas_off")?,
            extra_questions: o.or_default("extra_questions")?,
            intro: o.or_default("intro")?,
            offers: o.or_default("offers")?,
            share: o.or_default("share")?,
            benchmark: o.or_default("benchmark")?,
            benchmark_data: None,
            benchmark_url: String::new(),
        })
    }
}
