//! Encodes the content data files (JSON, easy to write and review) into flat text tables that
//! the widget decodes without a JSON parser: fields separated by U+001E, in a fixed order.
//! Used by build.rs (the shape every language must fit, built in) and xtask (the language
//! bundles, loaded on demand).
//! `model::content::Content::from_flat` and `model::strings::Strings::from_flat` decode it;
//! tests/content.rs checks that both paths give the same content.
//!
//! A table has the same fields in every language: the ids, counts and keys (non-empty, the
//! same as English's) and the words (the texts, which differ). The shape is English's table
//! with every word left empty; a language bundle is only its words, in order, and the widget
//! puts them into the shape's empty fields (`model::language::fill`).

use serde_json::Value;

/// Separates fields. Never appears in content text (the encoder refuses it).
pub const SEP: char = '\u{1e}';

/// Separates the items of a list of texts that is one field (the next steps of a stage), so
/// that every language's table has the same number of fields. Never in content text either.
pub const ITEM: char = '\u{1f}';

fn text<'a>(value: &'a Value, what: &str) -> Result<&'a str, String> {
    let text = value
        .as_str()
        .ok_or_else(|| format!("{what} is not a text"))?;
    if let Some(c) = text.chars().find(|c| [SEP, ITEM, GROUP].contains(c)) {
        return Err(format!(
            "{what} contains the separator character U+{:04X}",
            u32::from(c)
        ));
    }
    Ok(text)
}

/// A text that is never empty: an id or a key (an empty field of the shape is where a word
/// goes), or a next step (an empty one would read back as none).
fn non_empty<'a>(value: &'a Value, what: &str) -> Result<&'a str, String> {
    Some(text(value, what)?)
        .filter(|id| !id.is_empty())
        .ok_or_else(|| format!("{what} is empty"))
}

fn list<'a>(value: &'a Value, what: &str) -> Result<&'a Vec<Value>, String> {
    value
        .as_array()
        .ok_or_else(|| format!("{what} is not a list"))
}

/// selfcheck.<lang>.json to its flat table.
pub fn encode_content(json: &str) -> Result<String, String> {
    encode_content_fields(json, true)
}

/// The same table with every text left empty but the ids, the counts and the resources each
/// area names: what every language's content must match (see [`encode_shape`]). The next
/// steps of a stage are one field (their texts joined with [`ITEM`]), a word.
fn encode_content_fields(json: &str, with_texts: bool) -> Result<String, String> {
    let root: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: &str| out.push(s.to_owned());
    // A text that only the language's own content carries.
    let words = |value: &Value, what: &str| -> Result<String, String> {
        let text = text(value, what)?;
        Ok(if with_texts { text } else { "" }.to_owned())
    };
    push(&words(&root["lang"], "lang")?);
    let resources = list(&root["resources"], "resources")?;
    push(&resources.len().to_string());
    for r in resources {
        push(non_empty(&r["id"], "id")?);
        for key in ["name", "description", "url"] {
            push(&words(&r[key], key)?);
        }
    }
    let areas = list(&root["areas"], "areas")?;
    push(&areas.len().to_string());
    for area in areas {
        push(non_empty(&area["id"], "id")?);
        for key in ["title", "short", "summary"] {
            push(&words(&area[key], key)?);
        }
        push(
            &area
                .get("vsme")
                .map(|v| words(v, "vsme"))
                .transpose()?
                .unwrap_or_default(),
        );
        let ids = list(&area["resources"], "area resources")?;
        push(&ids.len().to_string());
        for resource in ids {
            push(non_empty(resource, "resource id")?);
        }
        let questions = list(&area["questions"], "questions")?;
        push(&questions.len().to_string());
        for q in questions {
            push(non_empty(&q["id"], "id")?);
            for key in ["text", "why"] {
                push(&words(&q[key], key)?);
            }
            let levels = list(&q["levels"], "levels")?;
            push(&levels.len().to_string());
            for level in levels {
                push(&words(level, "level")?);
            }
        }
        for stage in ["starting", "progressing", "established", "leading"] {
            let mut steps = Vec::new();
            for step in list(&area["next_steps"][stage], stage)? {
                // An empty step would read back as no step at all.
                steps.push(non_empty(step, "next step")?);
            }
            let steps = steps.join(&ITEM.to_string());
            push(if with_texts { &steps } else { "" });
        }
    }
    Ok(out.join(&SEP.to_string()))
}

/// ui.<lang>.json to its flat table: key, text, key, text, ...
pub fn encode_strings(json: &str) -> Result<String, String> {
    encode_strings_fields(json, true)
}

/// The same table with every text left empty: the keys every language must have.
fn encode_strings_fields(json: &str, with_texts: bool) -> Result<String, String> {
    let root: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let table = root
        .as_object()
        .ok_or("the strings file is not an object")?;
    let mut out = Vec::new();
    for (key, value) in table {
        out.push(non_empty(&Value::from(key.as_str()), "key")?.to_owned());
        let text = text(value, key)?;
        out.push(if with_texts { text } else { "" }.to_owned());
    }
    Ok(out.join(&SEP.to_string()))
}

/// Separates the parts of a language bundle: content, strings, example canvas (JSON).
pub const GROUP: char = '\u{1d}';

/// One language's bundle, loaded on demand: `greenfit-lang/<lang>.txt` next to greenfit.js.
/// Only its words: the fields that are empty in `shape` (English's, see [`encode_shape`]),
/// in order, then the example canvas. Refused when the language's ids, counts or keys are
/// not exactly the shape's, since its words would then land in the wrong places.
pub fn encode_bundle(
    shape: &str,
    selfcheck: &str,
    ui: &str,
    example_canvas: &str,
) -> Result<String, String> {
    if example_canvas.contains(GROUP) {
        return Err("the example canvas contains the separator character U+001D".into());
    }
    let mut shapes = shape.split(GROUP);
    let mut words = |table: String, own_shape: String, what: &str| {
        if shapes.next() != Some(own_shape.as_str()) {
            return Err(format!(
                "its {what} do not match English's (ids, counts and keys must be the same)"
            ));
        }
        let words = table
            .split(SEP)
            .zip(own_shape.split(SEP))
            .filter(|(_, shape)| shape.is_empty())
            .map(|(word, _)| word);
        Ok(words.collect::<Vec<_>>().join(&SEP.to_string()))
    };
    let content = words(
        encode_content(selfcheck)?,
        encode_content_fields(selfcheck, false)?,
        "questions",
    )?;
    let strings = words(
        encode_strings(ui)?,
        encode_strings_fields(ui, false)?,
        "UI texts",
    )?;
    Ok(format!(
        "{content}{GROUP}{strings}{GROUP}{}",
        example_canvas.trim()
    ))
}

/// What every language bundle must fit, built into the wasm: the English bundle without its
/// words (the ids of areas, questions and resources in their order, five levels per question,
/// the keys of the UI strings) and without an example canvas: 5.7 KB instead of English's
/// 47 KB, which the widget loads as `greenfit-lang/en.txt` like the other languages.
pub fn encode_shape(selfcheck: &str, ui: &str) -> Result<String, String> {
    Ok(format!(
        "{}{GROUP}{}{GROUP}",
        encode_content_fields(selfcheck, false)?,
        encode_strings_fields(ui, false)?,
    ))
}

/// dates.json to a Rust table for src/model/dates.rs: `&[(lang, [month; 12], date, date_time)]`.
pub fn encode_dates(json: &str) -> Result<String, String> {
    let root: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let languages = root.as_object().ok_or("dates.json is not an object")?;
    let mut out = String::from("&[\n");
    for (lang, entry) in languages.iter().filter(|(lang, _)| !lang.starts_with('_')) {
        let months = list(&entry["months"], "months")?;
        if months.len() != 12 {
            return Err(format!("{lang}: {} months instead of 12", months.len()));
        }
        let months = months
            .iter()
            .map(|m| text(m, "month").map(|m| format!("{m:?}")))
            .collect::<Result<Vec<_>, _>>()?;
        let date = text(&entry["date"], "date")?;
        let date_time = text(&entry["date_time"], "date_time")?;
        for (pattern, needs) in [
            (date, &["{day}", "{month}", "{year}"][..]),
            (date_time, &["{date}", "{time}"][..]),
        ] {
            if let Some(missing) = needs.iter().find(|n| !pattern.contains(*n)) {
                return Err(format!("{lang}: {pattern:?} lacks {missing}"));
            }
        }
        out.push_str(&format!(
            "    ({lang:?}, [{}], {date:?}, {date_time:?}),\n",
            months.join(", ")
        ));
    }
    out.push(']');
    Ok(out)
}
