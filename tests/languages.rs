//! Every shipped language is complete and consistent with English: same question ids, every UI
//! string, every placeholder, the same example canvas; and its bundle decodes to the same.

#[path = "../src/content/flat.rs"]
#[allow(dead_code)]
mod flat;

use greenfit::model::canvas::{self, Canvas};
use greenfit::model::content::Content;
use greenfit::model::json;
use greenfit::model::language::{Language, SHIPPED};
use greenfit::model::strings::Strings;

fn file(name: &str) -> String {
    std::fs::read_to_string(format!("src/content/{name}")).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn placeholders(text: &str) -> Vec<String> {
    let mut found: Vec<String> = text
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_owned()))
        .collect();
    found.sort();
    found
}

#[test]
fn every_language_with_files_is_shipped_and_every_shipped_one_has_files() {
    let mut with_files: Vec<String> = std::fs::read_dir("src/content")
        .unwrap()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            Some(
                name.strip_prefix("selfcheck.")?
                    .strip_suffix(".json")?
                    .to_owned(),
            )
        })
        .collect();
    with_files.sort();
    let mut shipped: Vec<String> = SHIPPED.iter().map(|s| s.to_string()).collect();
    shipped.sort();
    assert_eq!(with_files, shipped);
}

#[test]
fn every_language_matches_english() {
    let english = Content::english();
    let english_strings = Strings::from_json(&file("ui.en.json")).unwrap();
    let english_example: Canvas = json::from_str(&file("example-canvas.en.json")).unwrap();
    // The built-in example is read when a visitor asks for it: it must read.
    assert_eq!(
        Language::english().example.canvas().as_ref(),
        Some(&english_example)
    );
    for lang in SHIPPED.iter().filter(|l| **l != "en") {
        let content = Content::from_json(&file(&format!("selfcheck.{lang}.json")))
            .unwrap_or_else(|e| panic!("{lang}: {e}"));
        assert_eq!(content.lang, *lang);
        assert_eq!(content.problems(), Vec::<String>::new(), "{lang}");
        assert_eq!(
            content.ids(),
            english.ids(),
            "{lang}: ids differ from English"
        );
        for (ours, theirs) in content.areas.iter().zip(&english.areas) {
            assert_eq!(
                ours.vsme.is_some(),
                theirs.vsme.is_some(),
                "{lang}: {} VSME hint",
                ours.id
            );
            for stage in greenfit::model::scoring::Stage::ALL {
                assert_eq!(
                    ours.next_steps.for_stage(stage).len(),
                    theirs.next_steps.for_stage(stage).len(),
                    "{lang}: {} next steps",
                    ours.id
                );
            }
        }
        for (ours, theirs) in content.resources.iter().zip(&english.resources) {
            assert_eq!(
                ours.url, theirs.url,
                "{lang}: resource links are the same everywhere"
            );
        }

        let strings = Strings::from_json(&file(&format!("ui.{lang}.json"))).unwrap();
        let keys: Vec<_> = strings.keys().collect();
        let english_keys: Vec<_> = english_strings.keys().collect();
        assert_eq!(
            keys, english_keys,
            "{lang}: UI string keys differ from English"
        );
        for key in english_strings.keys() {
            assert_eq!(
                placeholders(&strings.get(key)),
                placeholders(&english_strings.get(key)),
                "{lang}: {key} must keep its placeholders"
            );
            assert!(
                !strings.get(key).trim().is_empty(),
                "{lang}: {key} is empty"
            );
        }

        let example: Canvas =
            json::from_str(&file(&format!("example-canvas.{lang}.json"))).unwrap();
        canvas::check_all(std::slice::from_ref(&example)).unwrap();
        assert_eq!(
            canvas::fit(&example).score,
            canvas::fit(&english_example).score,
            "{lang}: example fit"
        );
        assert_eq!(example.relievers.len(), english_example.relievers.len());

        let bundle = flat::encode_bundle(
            &file(&format!("selfcheck.{lang}.json")),
            &file(&format!("ui.{lang}.json")),
            &file(&format!("example-canvas.{lang}.json")),
        )
        .unwrap();
        let decoded = Language::from_bundle(&bundle).unwrap();
        assert_eq!(decoded.content, content, "{lang}: bundle content");
        assert_eq!(decoded.strings, strings, "{lang}: bundle strings");
        assert_eq!(
            decoded.example.canvas(),
            Some(example),
            "{lang}: bundle example"
        );
    }
}

#[test]
fn a_missing_string_falls_back_to_english_not_to_a_gap() {
    let partial = Strings::from_json(r#"{"nav.data": "Ihre Daten"}"#).unwrap();
    let strings = partial.over(&Strings::english());
    assert_eq!(strings.get("nav.data"), "Ihre Daten");
    assert_eq!(strings.get("nav.results"), "Results");
}

/// French typography: a narrow no-break space (U+202F) before `? : ; ! »` and after `«`, never
/// an ordinary or no-break space. (Colons inside URLs and times have no space before them.)
#[test]
fn french_punctuation_has_narrow_no_break_spaces() {
    for name in [
        "selfcheck.fr.json",
        "ui.fr.json",
        "example-canvas.fr.json",
        "../../dashboard/content/dashboard.fr.json",
    ] {
        let text = file(name);
        for (n, line) in text.lines().enumerate() {
            let chars: Vec<char> = line.chars().collect();
            for pair in chars.windows(2) {
                let wrong_before = matches!(pair[0], ' ' | '\u{a0}')
                    && matches!(pair[1], '?' | ':' | ';' | '!' | '»');
                let wrong_after = pair[0] == '«' && matches!(pair[1], ' ' | '\u{a0}');
                assert!(
                    !(wrong_before || wrong_after),
                    "{name} line {}: use U+202F around French punctuation: {line}",
                    n + 1
                );
            }
        }
    }
}

/// The dashboard's own strings (dashboard/content/): every language has every English key,
/// with the same placeholders, and none is left in English by mistake.
#[test]
fn the_dashboard_speaks_every_language() {
    let read = |lang: &str| {
        let text = std::fs::read_to_string(format!("dashboard/content/dashboard.{lang}.json"))
            .unwrap_or_else(|e| panic!("dashboard.{lang}.json: {e}"));
        let map: std::collections::BTreeMap<String, String> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("dashboard.{lang}.json: {e}"));
        map
    };
    let english = read("en");
    for lang in SHIPPED.iter().filter(|l| **l != "en") {
        let strings = read(lang);
        assert_eq!(
            strings.keys().collect::<Vec<_>>(),
            english.keys().collect::<Vec<_>>(),
            "{lang}: keys differ from English"
        );
        let mut same = Vec::new();
        for (key, text) in &strings {
            assert_eq!(
                placeholders(text),
                placeholders(&english[key]),
                "{lang} {key}"
            );
            assert!(!text.trim().is_empty(), "{lang} {key} is empty");
            // Short texts ("Code {n}", "Median") may well be the same in two languages.
            let letters = text
                .split('{')
                .map(|part| part.split_once('}').map_or(part, |(_, rest)| rest))
                .flat_map(str::chars)
                .filter(|c| c.is_alphabetic())
                .count();
            if text == &english[key] && letters > 10 {
                same.push(key.clone());
            }
        }
        assert!(same.is_empty(), "{lang}: still in English: {same:?}");
    }
}

/// A bundle from another version, or changed, is refused whole with the reason, so the widget
/// shows English and tells the admin; it never panics on four levels or misses a question.
#[test]
fn a_bundle_that_does_not_fit_is_refused_with_the_reason() {
    let bundle = flat::encode_bundle(
        &file("selfcheck.de.json"),
        &file("ui.de.json"),
        &file("example-canvas.de.json"),
    )
    .unwrap();
    assert!(Language::from_bundle_checked(&bundle).is_ok());

    let mut content: serde_json::Value = serde_json::from_str(&file("selfcheck.de.json")).unwrap();
    content["areas"][0]["questions"][0]["levels"]
        .as_array_mut()
        .unwrap()
        .pop();
    let four_levels = flat::encode_bundle(&content.to_string(), &file("ui.de.json"), "").unwrap();
    let why = Language::from_bundle_checked(&four_levels).err().unwrap();
    assert!(why.contains("4 level texts, not 5"), "{why}");

    let mut content: serde_json::Value = serde_json::from_str(&file("selfcheck.de.json")).unwrap();
    content["areas"][1]["questions"]
        .as_array_mut()
        .unwrap()
        .remove(0);
    let fewer = flat::encode_bundle(&content.to_string(), &file("ui.de.json"), "").unwrap();
    assert_eq!(
        Language::from_bundle_checked(&fewer).err().unwrap(),
        "it has other questions than this greenfit (another version?)"
    );

    let mut ui: serde_json::Value = serde_json::from_str(&file("ui.de.json")).unwrap();
    ui.as_object_mut().unwrap().remove("nav.results");
    let missing = flat::encode_bundle(&file("selfcheck.de.json"), &ui.to_string(), "").unwrap();
    assert_eq!(
        Language::from_bundle_checked(&missing).err().unwrap(),
        "it lacks the text \"nav.results\" (another version?)"
    );
    assert!(Language::from_bundle("not a bundle").is_none());
}

/// The widget builds in only the shape of the content (ids, five levels per question, the
/// keys of the UI strings) and loads English as a bundle like the other languages: the shape
/// must be English's exactly, without its words, and every shipped bundle must fit it and
/// decode to its data files.
#[test]
fn the_built_in_shape_is_englishs_without_its_words_and_every_bundle_fits_it() {
    let shape = Language::shape();
    let english = Language::english();
    assert_eq!(shape.content.ids(), english.content.ids());
    assert_eq!(
        shape.strings.keys().collect::<Vec<_>>(),
        english.strings.keys().collect::<Vec<_>>()
    );
    let words = shape
        .content
        .areas
        .iter()
        .flat_map(|a| {
            let q = a.questions.iter();
            [&a.title, &a.short, &a.summary]
                .into_iter()
                .chain(q.clone().flat_map(|q| [&q.text, &q.why]))
                .chain(q.flat_map(|q| &q.levels))
        })
        .chain(shape.content.resources.iter().map(|r| &r.name))
        .filter(|text| !text.is_empty())
        .count();
    assert_eq!(words, 0, "the shape's content carries no words");
    assert!(
        shape
            .strings
            .keys()
            .all(|key| shape.strings.get(key).is_empty()),
        "the shape's strings carry no words"
    );
    assert!(shape
        .content
        .areas
        .iter()
        .flat_map(|a| &a.questions)
        .all(|q| q.levels.len() == 5));

    for lang in SHIPPED {
        let bundle = flat::encode_bundle(
            &file(&format!("selfcheck.{lang}.json")),
            &file(&format!("ui.{lang}.json")),
            &file(&format!("example-canvas.{lang}.json")),
        )
        .unwrap();
        let decoded = Language::from_bundle_against(&bundle, &shape)
            .unwrap_or_else(|why| panic!("{lang}: {why}"));
        assert_eq!(
            decoded.content,
            Content::from_json(&file(&format!("selfcheck.{lang}.json"))).unwrap(),
            "{lang}"
        );
        assert_eq!(
            decoded.strings,
            Strings::from_json(&file(&format!("ui.{lang}.json"))).unwrap(),
            "{lang}"
        );
        assert!(decoded.example.canvas().is_some(), "{lang}");
    }
    let english_bundle = flat::encode_bundle(
        &file("selfcheck.en.json"),
        &file("ui.en.json"),
        &file("example-canvas.en.json"),
    )
    .unwrap();
    let from_bundle = Language::from_bundle(&english_bundle).unwrap();
    assert_eq!(from_bundle.content, english.content);
    assert_eq!(from_bundle.strings, english.strings);
    assert_eq!(from_bundle.example.canvas(), english.example.canvas());
}

/// Level 0 is a state of the company ("we have never looked"), not a missing answer: "don't
/// know" has its own choice, and only that one is listed under "worth finding out".
#[test]
fn no_level_zero_says_we_do_not_know() {
    let phrases: &[(&str, &[&str])] = &[
        ("en", &["do not know", "don't know", "not sure"]),
        ("de", &["wissen wir nicht", "weiß nicht", "nicht sicher"]),
        ("fr", &["ne le savons pas", "ne savons pas", "pas sûrs"]),
        ("es", &["no lo sabemos", "no sabemos", "no estamos seguros"]),
        (
            "it",
            &["non lo sappiamo", "non sappiamo", "non ne siamo sicuri"],
        ),
        ("pl", &["nie wiemy", "nie jesteśmy pewni"]),
    ];
    assert_eq!(phrases.len(), SHIPPED.len());
    for (lang, phrases) in phrases {
        let content = Content::from_json(&file(&format!("selfcheck.{lang}.json"))).unwrap();
        for question in content.areas.iter().flat_map(|a| &a.questions) {
            let level0 = question.levels[0].to_lowercase();
            for phrase in *phrases {
                assert!(
                    !level0.contains(phrase),
                    "{lang} {}: level 0 \"{}\" reads as \"don't know\"",
                    question.id,
                    question.levels[0]
                );
            }
        }
    }
}

/// A replaced question is gone from every language and its successor is in every language;
/// the level map only names levels that exist.
#[test]
fn replaced_questions_are_replaced_in_every_language() {
    use greenfit::model::answers::MAX_LEVEL;
    use greenfit::model::revisions::REPLACED_IN_V2;
    for lang in SHIPPED {
        let content = Content::from_json(&file(&format!("selfcheck.{lang}.json"))).unwrap();
        for step in REPLACED_IN_V2 {
            assert!(
                content.question(step.old).is_none(),
                "{lang}: {} is still asked",
                step.old
            );
            assert!(
                content.question(step.new).is_some(),
                "{lang}: {} is missing",
                step.new
            );
            assert!(step
                .levels
                .iter()
                .flatten()
                .all(|level| *level <= MAX_LEVEL));
        }
    }
    let news: Vec<&str> = REPLACED_IN_V2.iter().map(|s| s.new).collect();
    let olds: Vec<&str> = REPLACED_IN_V2.iter().map(|s| s.old).collect();
    assert!(
        news.iter().all(|new| !olds.contains(new)),
        "a new id reuses an old one"
    );
}
