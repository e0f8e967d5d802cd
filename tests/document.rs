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
    doc.canvases.push(canvas);
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
    doc.snapshots.push(document::Snapshot {
        taken_at: "2026-11-25T09:30:00Z".into(),
        answers: doc.answers.clone(),
    });
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
