//! The document format: round trips, migrations, and refusal of bad imports.

use greenfit::model::answers::Answer;
use greenfit::model::canvas::{Block, Canvas};
use greenfit::model::content::Content;
use greenfit::model::document::{self, DocError, Document, Migration, CURRENT_VERSION};

fn sample() -> Document {
    let mut doc = Document::default();
    doc.answers.insert("ee-use".into(), Answer::Level(3));
    doc.answers.insert("wc-use".into(), Answer::DontKnow);
    doc.answers.insert("cf-own".into(), Answer::NotRelevant);
    doc.profile.sector = "Food <b>processing</b>".into();
    doc.profile.size = "small".into();
    let mut canvas = Canvas::new("canvas-1".into(), "Energy check-up service");
    let pain = canvas.add(Block::Pains, "High energy bills").unwrap();
    let reliever = canvas
        .add(Block::Relievers, "On-site energy audit")
        .unwrap();
    canvas
        .set_link(Block::Relievers, &reliever, &pain, true)
        .unwrap();
    doc.canvases_mut().push(canvas);
    doc
}

#[test]
fn a_document_round_trips_through_json() {
    let doc = sample();
    assert_eq!(Document::parse(&doc.to_json()).unwrap(), doc);
}

#[test]
fn answers_are_numbers_or_two_words() {
    let json = sample().to_json();
    assert!(json.contains(r#""ee-use":3"#), "{json}");
    assert!(json.contains(r#""wc-use":"dont_know""#), "{json}");
    assert!(json.contains(r#""cf-own":"not_relevant""#), "{json}");
}

#[test]
fn the_export_carries_answers_and_computed_results_and_imports_back() {
    let doc = sample();
    let text = doc.export_json(&Content::english(), "2026-11-25T10:00:00.000Z");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["format"], "greenfit");
    assert_eq!(value["version"], CURRENT_VERSION);
    assert_eq!(value["exported_at"], "2026-11-25T10:00:00.000Z");
    assert_eq!(value["answers"]["ee-use"], 3);
    // energy: 3 of 4 = 75; water: don't know = 0; overall (75 + 0) / 2 = 37.5 -> 38
    let energy = value["results"]["areas"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["area"] == "energy-efficiency")
        .unwrap();
    assert_eq!(energy["score"], 75);
    assert_eq!(energy["stage"], "leading");
    assert_eq!(value["results"]["overall"], 38);
    assert_eq!(value["canvases"][0]["relievers"][0]["links"][0], "p1");
    // The export is also a valid import; the results in it are ignored.
    assert_eq!(Document::parse(&text).unwrap(), doc);
}

#[test]
fn bad_imports_are_refused_with_the_reason() {
    let parse = |text: &str| Document::parse(text).unwrap_err();
    assert!(matches!(parse("{not json"), DocError::NotJson(_)));
    assert!(matches!(parse(""), DocError::NotJson(_)));
    assert_eq!(parse("[1, 2, 3]"), DocError::NotGreenfit);
    assert_eq!(
        parse(r#"{"format": "other", "version": 1}"#),
        DocError::NotGreenfit
    );
    assert_eq!(parse(r#"{"answers": {}}"#), DocError::NotGreenfit);
    assert_eq!(
        parse(r#"{"format": "greenfit", "version": 99}"#),
        DocError::Newer { found: 99 }
    );
    assert!(matches!(
        parse(r#"{"format": "greenfit"}"#),
        DocError::Damaged(_)
    ));
    assert!(matches!(
        parse(r#"{"format": "greenfit", "version": 0}"#),
        DocError::Damaged(_)
    ));
    let out_of_range = r#"{"format": "greenfit", "version": 1, "answers": {"ee-use": 7}}"#;
    match parse(out_of_range) {
        DocError::Damaged(why) => assert!(why.contains("out of range"), "{why}"),
        other => panic!("{other:?}"),
    }
    let wrong_word = r#"{"format": "greenfit", "version": 1, "answers": {"ee-use": "maybe"}}"#;
    assert!(matches!(parse(wrong_word), DocError::Damaged(_)));
    let wrong_size = r#"{"format": "greenfit", "version": 1, "profile": {"size": "huge"}}"#;
    assert!(matches!(parse(wrong_size), DocError::Damaged(_)));
}

#[test]
fn oversized_imports_are_refused_before_parsing() {
    let padding = " ".repeat(document::MAX_IMPORT_BYTES);
    let text = format!(r#"{{"format": "greenfit", "version": 1}}{padding}"#);
    assert!(matches!(
        Document::parse(&text),
        Err(DocError::TooLarge { .. })
    ));
}

#[test]
fn hostile_canvases_are_refused() {
    let too_long = "x".repeat(201);
    let text = format!(
        r#"{{"format":"greenfit","version":1,"canvases":[{{"id":"c","name":"n","pains":[{{"id":"p1","text":"{too_long}","importance":2}}]}}]}}"#
    );
    assert!(matches!(Document::parse(&text), Err(DocError::Damaged(_))));
    let bad_importance = r#"{"format":"greenfit","version":1,"canvases":[{"id":"c","name":"n","pains":[{"id":"p1","text":"a","importance":9}]}]}"#;
    assert!(matches!(
        Document::parse(bad_importance),
        Err(DocError::Damaged(_))
    ));
    let duplicate_ids = r#"{"format":"greenfit","version":1,"canvases":[{"id":"c","name":"n","jobs":[{"id":"j1","text":"a"},{"id":"j1","text":"b"}]}]}"#;
    assert!(matches!(
        Document::parse(duplicate_ids),
        Err(DocError::Damaged(_))
    ));
}

#[test]
fn links_to_missing_items_disappear_on_import() {
    let text = r#"{"format":"greenfit","version":1,"canvases":[{"id":"c","name":"n",
        "pains":[{"id":"p1","text":"a","importance":2}],
        "relievers":[{"id":"r1","text":"b","links":["p1","p9","p1"]}]}]}"#;
    let doc = Document::parse(text).unwrap();
    assert_eq!(doc.canvases[0].relievers[0].links, vec!["p1".to_string()]);
}

#[test]
fn repeated_links_keep_their_first_place_on_import() {
    let text = r#"{"format":"greenfit","version":2,"canvases":[{"id":"c","name":"n",
        "gains":[{"id":"g2","text":"a","importance":2},{"id":"g1","text":"b","importance":1},
                 {"id":"g3","text":"c","importance":3}],
        "creators":[{"id":"c1","text":"d","links":["g3","g9","g1","g3","g2","g1"]},
                    {"id":"c2","text":"e","links":["g2","g2"]}]}]}"#;
    let doc = Document::parse(text).unwrap();
    let links = |i: usize| doc.canvases[0].creators[i].links.clone();
    assert_eq!(links(0), ["g3", "g1", "g2"]);
    assert_eq!(links(1), ["g2"]);
}

#[test]
fn unknown_question_ids_are_kept_not_lost() {
    let text = r#"{"format":"greenfit","version":1,"answers":{"cluster-extra-1":2}}"#;
    let doc = Document::parse(text).unwrap();
    assert_eq!(doc.answers.get("cluster-extra-1"), Some(&Answer::Level(2)));
}

// A stand-in for a future version 2 that renamed "answers" to "responses", to prove the
// migration runner: the day the format changes, the real step goes into MIGRATIONS.
fn v1_to_v2(text: &str) -> Result<String, String> {
    let mut value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let object = value.as_object_mut().ok_or("not an object")?;
    if let Some(answers) = object.remove("answers") {
        object.insert("responses".into(), answers);
    }
    object.insert("version".into(), 2.into());
    Ok(value.to_string())
}

fn v2_to_v3(text: &str) -> Result<String, String> {
    let mut value: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let object = value.as_object_mut().ok_or("not an object")?;
    let responses = object
        .remove("responses")
        .ok_or("version 2 without responses")?;
    object.insert("answers".into(), responses);
    object.insert("version".into(), 3.into());
    Ok(value.to_string())
}

#[test]
fn migrations_run_in_order_from_the_stored_version() {
    let steps: &[Migration] = &[v1_to_v2, v2_to_v3];
    let v1 = r#"{"format":"greenfit","version":1,"answers":{"ee-use":2}}"#;
    let migrated = document::migrate(v1, 1, steps).unwrap();
    let value: serde_json::Value = serde_json::from_str(&migrated).unwrap();
    assert_eq!(value["version"], 3);
    assert_eq!(value["answers"]["ee-use"], 2);
    // A version 2 document only runs the second step.
    let v2 = r#"{"format":"greenfit","version":2,"responses":{"ee-use":4}}"#;
    let doc = Document::parse_with(v2, steps).unwrap();
    assert_eq!(doc.answers.get("ee-use"), Some(&Answer::Level(4)));
    assert_eq!(doc.version, CURRENT_VERSION);
    // A broken old document is reported as damaged, naming the step.
    let broken = r#"{"format":"greenfit","version":2}"#;
    match Document::parse_with(broken, steps) {
        Err(DocError::Damaged(why)) => assert!(why.contains("from version 2"), "{why}"),
        other => panic!("{other:?}"),
    }
    // Newer than the newest step is refused.
    assert_eq!(
        document::migrate(v1, 4, steps).unwrap_err(),
        DocError::Newer { found: 4 }
    );
}

#[test]
fn error_messages_are_plain_words() {
    let newer = DocError::Newer { found: 7 }.to_string();
    assert!(newer.contains("newer version of greenfit"), "{newer}");
    let large = DocError::TooLarge { bytes: 2_000_000 }.to_string();
    assert!(large.contains("1954 KB"), "{large}");
}

#[test]
fn the_published_schema_describes_what_the_export_contains() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../docs/export-format.schema.json")).unwrap();
    let mut doc = sample();
    doc.saved_at = Some("2026-11-25T09:00:00Z".into());
    doc.position = Some("results".into());
    let answers = doc.answers.clone();
    doc.snapshots_mut().push(document::Snapshot {
        taken_at: "2026-11-25T09:30:00Z".into(),
        answers,
        earlier_answers: [("ee-renewable".to_owned(), Answer::Level(2))].into(),
    });
    doc.earlier_answers
        .insert("efp-claims".to_owned(), Answer::Level(3));
    let export: serde_json::Value =
        serde_json::from_str(&doc.export_json(&Content::english(), "2026-11-25T10:00:00Z"))
            .unwrap();
    let described = |schema: &serde_json::Value, value: &serde_json::Value, at: &str| {
        let properties = schema["properties"].as_object().unwrap();
        for key in value.as_object().unwrap().keys() {
            assert!(
                properties.contains_key(key),
                "{at}.{key} is not in the schema"
            );
        }
        for key in schema["required"].as_array().into_iter().flatten() {
            assert!(
                value.get(key.as_str().unwrap()).is_some(),
                "{at} lacks required {key}"
            );
        }
    };
    described(&schema, &export, "export");
    described(
        &schema["properties"]["results"],
        &export["results"],
        "results",
    );
    let area_schema = &schema["properties"]["results"]["properties"]["areas"]["items"];
    described(
        area_schema,
        &export["results"]["areas"][0],
        "results.areas[0]",
    );
    described(
        &schema["$defs"]["canvas"],
        &export["canvases"][0],
        "canvases[0]",
    );
    described(
        &schema["$defs"]["item"],
        &export["canvases"][0]["pains"][0],
        "pains[0]",
    );
    assert_eq!(schema["properties"]["version"]["const"], CURRENT_VERSION);
}

#[test]
fn an_export_names_the_greenfit_that_wrote_it_and_imports_without_it_mattering() {
    let content = greenfit::model::content::Content::english();
    let text = Document::default().export_json(&content, "2026-11-25T00:00:00Z");
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(
        value["generator"],
        format!("greenfit {}", greenfit::VERSION).as_str()
    );
    assert_eq!(Document::parse(&text).unwrap(), Document::default());
}

/// A version 1 document as greenfit 0.1 stored it, answering every question replaced in v2.
const V1_WITH_REPLACED: &str = r#"{"format":"greenfit","version":1,"saved_at":"2026-11-20T10:00:00Z",
  "answers":{"ee-use":3,"ee-audit":3,"ee-renewable":2,"efp-claims":1,"wc-discharge":"not_relevant",
    "wm-hazardous":0,"gbp-ems":3},
  "snapshots":[{"taken_at":"2026-10-01T09:00:00Z","answers":{"ee-audit":2,"gbp-ems":4,"wm-hazardous":"dont_know"}}]}"#;

#[test]
fn answers_to_replaced_questions_carry_over_or_are_kept_and_asked_again() {
    let doc = Document::parse(V1_WITH_REPLACED).unwrap();
    assert_eq!(doc.version, 2);
    let answers: Vec<(&str, Answer)> = doc.answers.iter().map(|(k, v)| (k.as_str(), *v)).collect();
    assert_eq!(
        answers,
        [
            ("ee-energy-audit", Answer::Level(3)),
            ("ee-use", Answer::Level(3)),
            ("efp-green-claims", Answer::Level(0)),
            ("wc-wastewater", Answer::NotRelevant),
        ]
    );
    // Answers that do not tell the new level are kept, never dropped.
    let earlier: Vec<(&str, Answer)> = doc
        .earlier_answers
        .iter()
        .map(|(k, v)| (k.as_str(), *v))
        .collect();
    assert_eq!(
        earlier,
        [
            ("ee-renewable", Answer::Level(2)),
            ("gbp-ems", Answer::Level(3)),
            ("wm-hazardous", Answer::Level(0)),
        ]
    );
    // Kept results move the same way.
    let snapshot = &doc.snapshots[0];
    assert_eq!(
        snapshot.answers.get("gbp-management-system"),
        Some(&Answer::Level(4))
    );
    assert_eq!(
        snapshot.answers.get("wm-hazardous-waste"),
        Some(&Answer::DontKnow)
    );
    assert_eq!(
        snapshot.earlier_answers.get("ee-audit"),
        Some(&Answer::Level(2))
    );
    assert!(!snapshot.answers.contains_key("ee-audit"));
    // The visitor is asked those again, in questionnaire order.
    let content = Content::english();
    assert_eq!(
        doc.to_answer_again(&content),
        [
            "gbp-management-system",
            "ee-renewable-share",
            "wm-hazardous-waste"
        ]
    );
    // The migrated document is stored as version 2 and reads back the same: migrating is done
    // once, and a second read changes nothing.
    let stored = doc.to_json();
    assert!(stored.contains(r#""version":2"#), "{stored}");
    assert_eq!(Document::parse(&stored).unwrap(), doc);
    // Once answered, a question is no longer asked again; the earlier answer stays.
    let mut answered = doc.clone();
    answered
        .answers
        .insert("gbp-management-system".into(), Answer::Level(2));
    assert_eq!(
        answered.to_answer_again(&content),
        ["ee-renewable-share", "wm-hazardous-waste"]
    );
    assert!(answered.earlier_answers.contains_key("gbp-ems"));
}

#[test]
fn a_carried_answer_never_overwrites_an_answer_to_the_new_question() {
    let v1 = r#"{"format":"greenfit","version":1,"answers":{"ee-audit":4,"ee-energy-audit":1}}"#;
    let doc = Document::parse(v1).unwrap();
    assert_eq!(doc.answers.get("ee-energy-audit"), Some(&Answer::Level(1)));
    assert_eq!(doc.earlier_answers.get("ee-audit"), Some(&Answer::Level(4)));
}

#[test]
fn earlier_answers_only_hold_replaced_questions() {
    let hostile = r#"{"format":"greenfit","version":2,"earlier_answers":{"ee-use":2}}"#;
    match Document::parse(hostile) {
        Err(DocError::Damaged(why)) => assert!(why.contains("ee-use"), "{why}"),
        other => panic!("{other:?}"),
    }
    let in_snapshot = r#"{"format":"greenfit","version":2,"snapshots":[{"taken_at":"2026-11-01","answers":{},"earlier_answers":{"x":1}}]}"#;
    assert!(matches!(
        Document::parse(in_snapshot),
        Err(DocError::Damaged(_))
    ));
    // A damaged version 1 document is reported as damaged, as before the migration existed.
    let damaged = r#"{"format":"greenfit","version":1,"answers":{"ee-audit":9}}"#;
    match Document::parse(damaged) {
        Err(DocError::Damaged(why)) => assert!(why.contains("out of range"), "{why}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_schema_names_exactly_the_replaced_questions() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../docs/export-format.schema.json")).unwrap();
    let olds: Vec<&str> = greenfit::model::revisions::REPLACED_IN_V2
        .iter()
        .map(|r| r.old)
        .collect();
    let listed = |at: &serde_json::Value| -> Vec<String> {
        at["propertyNames"]["enum"]
            .as_array()
            .expect("an enum of question ids")
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(listed(&schema["properties"]["earlier_answers"]), olds);
    assert_eq!(
        listed(&schema["properties"]["snapshots"]["items"]["properties"]["earlier_answers"]),
        olds
    );
}

#[test]
fn the_stored_record_lists_answers_by_area_and_those_not_asked() {
    let content = Content::english();
    let mut doc = Document::default();
    doc.answers.insert("wc-use".into(), Answer::Level(2));
    doc.answers.insert("ee-use".into(), Answer::DontKnow);
    doc.answers.insert("ee-monitor".into(), Answer::NotRelevant);
    doc.answers
        .insert("other-cluster-q".into(), Answer::Level(1));
    let by_area: Vec<(&str, Vec<&str>)> = doc
        .answers_by_area(&content)
        .iter()
        .map(|(area, answered)| {
            (
                area.id.as_str(),
                answered.iter().map(|(q, _)| q.id.as_str()).collect(),
            )
        })
        .collect();
    // In questionnaire order, areas without an answer left out.
    assert_eq!(
        by_area,
        [
            ("energy-efficiency", vec!["ee-use", "ee-monitor"]),
            ("water-consumption", vec!["wc-use"]),
        ]
    );
    assert_eq!(
        doc.answers_not_asked(&content),
        [("other-cluster-q", Answer::Level(1))]
    );
    assert_eq!(content.area_index_of("wc-use"), Some(9));
    assert_eq!(content.area_index_of("other-cluster-q"), None);
}
