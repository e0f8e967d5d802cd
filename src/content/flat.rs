//! Encodes the content data files (JSON, easy to write and review) into flat text tables that
//! the widget decodes without a JSON parser: fields separated by U+001E, in a fixed order.
//! Used by build.rs (the shape every language must fit, built in) and xtask (the language
//! bundles, loaded on demand).
//! `model::content::Content::from_flat` and `model::strings::Strings::from_flat` decode it;
//! tests/content.rs checks that both paths give the same content.

use serde_json::Value;

/// Separates fields. Never appears in content text (the encoder refuses it).
pub const SEP: char = '\u{1e}';

fn text<'a>(value: &'a Value, what: &str) -> Result<&'a str, String> {
    let text = value
        .as_str()
        .ok_or_else(|| format!("{what} is not a text"))?;
    if text.contains(SEP) {
        return Err(format!("{what} contains the separator character U+001E"));
    }
    Ok(text)
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
/// area names: what every language's content must match (see [`encode_shape`]).
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
        push(text(&r["id"], "id")?);
        for key in ["name", "description", "url"] {
            push(&words(&r[key], key)?);
        }
    }
    let areas = list(&root["areas"], "areas")?;
    push(&areas.len().to_string());
    for area in areas {
        push(text(&area["id"], "id")?);
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
        for id in ids {
            push(text(id, "resource id")?);
        }
        let questions = list(&area["questions"], "questions")?;
        push(&questions.len().to_string());
        for q in questions {
            push(text(&q["id"], "id")?);
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
            let steps = list(&area["next_steps"][stage], stage)?;
            let steps = if with_texts { &steps[..] } else { &[] };
            push(&steps.len().to_string());
            for step in steps {
                push(text(step, "next step")?);
            }
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
        out.push(text(&Value::from(key.as_str()), "key")?.to_owned());
        let text = text(value, key)?;
        out.push(if with_texts { text } else { "" }.to_owned());
    }
    Ok(out.join(&SEP.to_string()))
}

/// Separates the parts of a language bundle: content, strings, example canvas (JSON).
pub const GROUP: char = '\u{1d}';

/// One language's bundle, loaded on demand: `greenfit-lang/<lang>.txt` next to greenfit.js.
pub fn encode_bundle(selfcheck: &str, ui: &str, example_canvas: &str) -> Result<String, String> {
    if example_canvas.contains(GROUP) {
        return Err("the example canvas contains the separator character U+001D".into());
    }
    Ok(format!(
        "{}{GROUP}{}{GROUP}{}",
        encode_content(selfcheck)?,
        encode_strings(ui)?,
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
