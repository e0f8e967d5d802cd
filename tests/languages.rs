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

/// What every bundle is encoded against: English's table without its words.
fn shape() -> String {
    flat::encode_shape(&file("selfcheck.en.json"), &file("ui.en.json")).unwrap()
}

/// The bundle `cargo xtask dist` writes for `lang`.
fn bundle(lang: &str) -> String {
    flat::encode_bundle(
        &shape(),
        &file(&format!("selfcheck.{lang}.json")),
        &file(&format!("ui.{lang}.json")),
        &file(&format!("example-canvas.{lang}.json")),
    )
    .unwrap_or_else(|why| panic!("{lang}: {why}"))
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

        let decoded = Language::from_bundle(&bundle(lang)).unwrap();
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

/// A language whose questions, levels or texts are not English's is refused when its bundle
/// is made: its words would land in the wrong places. A bundle of another version that reaches
/// the widget anyway (the browser checks its integrity hash first) is refused whole when its
/// number of words differs, so the widget shows English and tells the admin, never a panic.
#[test]
fn a_bundle_that_does_not_fit_is_refused_with_the_reason() {
    let german = bundle("de");
    assert!(Language::from_bundle(&german).is_ok());

    let encode = |selfcheck: &serde_json::Value, ui: &serde_json::Value| {
        flat::encode_bundle(&shape(), &selfcheck.to_string(), &ui.to_string(), "")
    };
    let json = |name: &str| -> serde_json::Value { serde_json::from_str(&file(name)).unwrap() };
    let (content, ui) = (json("selfcheck.de.json"), json("ui.de.json"));
    let questions = "its questions do not match English's (ids, counts and keys must be the same)";

    let mut four_levels = content.clone();
    four_levels["areas"][0]["questions"][0]["levels"]
        .as_array_mut()
        .unwrap()
        .pop();
    assert_eq!(encode(&four_levels, &ui).err().unwrap(), questions);

    let mut fewer = content.clone();
    fewer["areas"][1]["questions"]
        .as_array_mut()
        .unwrap()
        .remove(0);
    assert_eq!(encode(&fewer, &ui).err().unwrap(), questions);

    let mut renamed = content.clone();
    renamed["areas"][2]["questions"][1]["id"] = "another-question".into();
    assert_eq!(encode(&renamed, &ui).err().unwrap(), questions);

    let mut missing = ui.clone();
    missing.as_object_mut().unwrap().remove("nav.results");
    assert_eq!(
        encode(&content, &missing).err().unwrap(),
        "its UI texts do not match English's (ids, counts and keys must be the same)"
    );
    let mut empty_step = content.clone();
    empty_step["areas"][0]["next_steps"]["starting"][0] = "".into();
    assert_eq!(
        encode(&empty_step, &ui).err().unwrap(),
        "next step is empty"
    );

    // In the widget: one word more or less in either part, or no bundle at all.
    let refused = "it does not fit this greenfit (another version?)";
    let (words, rest) = german.split_once('\u{1d}').unwrap();
    let one_less = words.rsplit_once('\u{1e}').unwrap().0;
    for changed in [
        format!("{one_less}\u{1d}{rest}"),
        format!("{words}\u{1e}Noch ein Wort\u{1d}{rest}"),
        german.replacen("\u{1d}", "\u{1d}Noch ein Wort\u{1e}", 1),
        words.to_owned(),
        "not a bundle".to_owned(),
        String::new(),
    ] {
        assert_eq!(Language::from_bundle(&changed).err().unwrap(), refused);
    }
}

/// A bundle carries only words: none of the ids, counts or keys that the wasm builds in.
#[test]
fn a_bundle_carries_only_the_words() {
    let shape = shape();
    let built_in: Vec<&str> = shape
        .split(['\u{1d}', '\u{1e}'])
        .filter(|field| !field.is_empty())
        .collect();
    assert!(built_in.contains(&"nav.results") && built_in.contains(&"een"));
    for lang in SHIPPED {
        let bundle = bundle(lang);
        let (tables, _example) = bundle.rsplit_once('\u{1d}').unwrap();
        let carried: Vec<&str> = tables
            .split(['\u{1d}', '\u{1e}'])
            .filter(|field| built_in.contains(field))
            .collect();
        assert_eq!(carried, Vec::<&str>::new(), "{lang}");
        // One field for each empty field of the shape, in both tables.
        for (words, table) in tables.split('\u{1d}').zip(shape.split('\u{1d}')) {
            let empty = table.split('\u{1e}').filter(|f| f.is_empty()).count();
            assert_eq!(words.split('\u{1e}').count(), empty, "{lang}");
        }
    }
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
        let decoded =
            Language::from_bundle(&bundle(lang)).unwrap_or_else(|why| panic!("{lang}: {why}"));
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
    // The English built in (for the dashboard, tests and tools) is the data files' too.
    assert_eq!(
        english.content,
        Content::from_json(&file("selfcheck.en.json")).unwrap()
    );
    assert_eq!(
        english.strings,
        Strings::from_json(&file("ui.en.json")).unwrap()
    );
    let example: Canvas = json::from_str(&file("example-canvas.en.json")).unwrap();
    assert_eq!(english.example.canvas(), Some(example));
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
