//! Encodes the content data files (JSON, easy to write and review) into flat text tables that
//! the widget decodes without a JSON parser: fields separated by U+001E, in a fixed order.
//! Used by build.rs (the built-in English) and xtask (the other languages, loaded on demand).
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
    let root: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: &str| out.push(s.to_owned());
    push(text(&root["lang"], "lang")?);
    let resources = list(&root["resources"], "resources")?;
    push(&resources.len().to_string());
    for r in resources {
        for key in ["id", "name", "description", "url"] {
            push(text(&r[key], key)?);
        }
    }
    let areas = list(&root["areas"], "areas")?;
    push(&areas.len().to_string());
    for area in areas {
        for key in ["id", "title", "short", "summary"] {
            push(text(&area[key], key)?);
        }
        push(
            area.get("vsme")
                .map(|v| text(v, "vsme"))
                .transpose()?
                .unwrap_or(""),
        );
        let ids = list(&area["resources"], "area resources")?;
        push(&ids.len().to_string());
        for id in ids {
            push(text(id, "resource id")?);
        }
        let questions = list(&area["questions"], "questions")?;
        push(&questions.len().to_string());
        for q in questions {
            for key in ["id", "text", "why"] {
                push(text(&q[key], key)?);
            }
            let levels = list(&q["levels"], "levels")?;
            push(&levels.len().to_string());
            for level in levels {
                push(text(level, "level")?);
            }
        }
        for stage in ["starting", "progressing", "established", "leading"] {
            let steps = list(&area["next_steps"][stage], stage)?;
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
    let root: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let table = root
        .as_object()
        .ok_or("the strings file is not an object")?;
    let mut out = Vec::new();
    for (key, value) in table {
        out.push(text(&Value::from(key.as_str()), "key")?.to_owned());
        out.push(text(value, key)?.to_owned());
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
