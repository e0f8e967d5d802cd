//! Hostile input: the corpus in tests/hostile/ and generated extremes go to every reader of
//! outside input (import, configuration, share file and code, dashboard file, benchmark), and
//! property tests run arbitrary, mutated and valid inputs through them. Nothing panics; what is
//! refused says so; what is read keeps every limit and reads back the same.
#![cfg(not(target_arch = "wasm32"))]

use greenfit::model::answers::{Answer, Answers, MAX_LEVEL};
use greenfit::model::canvas::{Canvas, Checklist, Item};
use greenfit::model::config::ClusterConfig;
use greenfit::model::content::Content;
use greenfit::model::dashboard::{self, Benchmark};
use greenfit::model::document::{
    DocError, Document, Profile, Snapshot, MAX_DOC_BYTES, MAX_IMPORT_BYTES, SIZE_BANDS,
};
use greenfit::model::share::Share;
use proptest::prelude::*;

/// Every file of the corpus, decoded as a browser's `file.text()` does (UTF-8, bad bytes
/// replaced), by name.
fn corpus() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir("tests/hostile")
        .expect("tests/hostile")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect();
    files.sort();
    files
}

/// Runs `text` through every reader; whatever a reader accepts must keep its rules.
fn every_reader(text: &str, content: &Content) -> Result<Document, DocError> {
    let doc = Document::parse(text);
    if let Ok(doc) = &doc {
        doc.check_limits()
            .expect("an accepted document keeps every limit");
        let again = Document::parse(&doc.to_json()).expect("what is stored reads back");
        assert_eq!(&again, doc, "stored form reads back the same");
    }
    let _ = ClusterConfig::parse(text, content);
    if let Ok(share) = Share::parse(text) {
        share.check().expect("an accepted share keeps its rules");
    }
    let _ = Share::from_code(text);
    for share in dashboard::read_file(text, content).into_iter().flatten() {
        share
            .check()
            .expect("a share the dashboard takes keeps its rules");
    }
    let _ = Benchmark::parse(text);
    let _ = dashboard::Loaded::parse(text);
    doc
}

#[test]
fn every_file_of_the_corpus_is_refused_or_read_within_its_limits() {
    let content = Content::english();
    let files = corpus();
    assert!(
        files.len() >= 25,
        "the corpus is there ({} files)",
        files.len()
    );
    for (name, text) in &files {
        let doc = every_reader(text, &content);
        let expected_ok = [
            "doc-proto-keys.json",
            "doc-canvas-link-loop.json",
            "doc-v1-replaced-and-new.json",
            "doc-html.json",
            "doc-invalid-utf8.json",
        ];
        if name.starts_with("doc-") {
            assert_eq!(
                doc.is_ok(),
                expected_ok.contains(&name.as_str()),
                "{name}: {doc:?}"
            );
        }
    }
}

#[test]
fn what_the_corpus_must_come_to() {
    let content = Content::english();
    let file = |name: &str| {
        corpus()
            .into_iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("{name} in tests/hostile"))
            .1
    };
    // Keys that mean something to JavaScript are ids like any other here.
    let doc = Document::parse(&file("doc-proto-keys.json")).unwrap();
    assert_eq!(doc.answers.get("__proto__"), Some(&Answer::Level(3)));
    // Links to nothing, or to the wrong block, are dropped.
    let doc = Document::parse(&file("doc-canvas-link-loop.json")).unwrap();
    assert!(doc.canvases[0].relievers[0].links.is_empty());
    // A file answering both an old and its new question keeps the new answer, and the old aside.
    let doc = Document::parse(&file("doc-v1-replaced-and-new.json")).unwrap();
    assert_eq!(doc.answers.get("ee-energy-audit"), Some(&Answer::Level(4)));
    assert_eq!(doc.earlier_answers.get("ee-audit"), Some(&Answer::Level(2)));
    assert_eq!(doc.earlier_answers.get("gbp-ems"), Some(&Answer::Level(3)));
    // HTML is text: kept as typed (Yew shows it as text, never as markup).
    let doc = Document::parse(&file("doc-html.json")).unwrap();
    assert_eq!(doc.canvases[0].name, "<script>alert(1)</script>");
    // Every wrong value of a configuration is dropped alone, with a problem naming it.
    let (config, problems) = ClusterConfig::parse(&file("config-colour-tricks.json"), &content);
    assert_eq!(problems.len(), 5, "{problems:?}");
    assert!(config.colors.properties().is_empty());
    let (config, problems) = ClusterConfig::parse(&file("config-extra-collisions.json"), &content);
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(config.extra_questions.is_empty());
    let (config, problems) = ClusterConfig::parse(&file("config-huge-numbers.json"), &content);
    assert!(config.benchmark_data.is_none() && !problems.is_empty());
    let (config, problems) = ClusterConfig::parse(&file("config-logo-tricks.json"), &content);
    assert!(config.logo.is_empty(), "{problems:?}");
    assert!(problems.len() >= 2, "{problems:?}");
    // Share files out of range are refused.
    assert!(Share::parse(&file("share-score-out-of-range.json")).is_err());
    assert!(Share::parse(&file("share-duplicate-areas.json")).is_err());
}

#[test]
fn extremes_too_large_for_the_corpus_are_refused() {
    let content = Content::english();
    // Nesting 100,000 deep: JSON readers stop at their depth limit, nothing overflows the stack.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(every_reader(&deep, &content).is_err());
    let deep_object = format!(
        r#"{{"format":"greenfit","version":2,"profile":{}1{}}}"#,
        r#"{"a":"#.repeat(50_000),
        "}".repeat(50_000)
    );
    // Deep inside a field greenfit skips: skipped without recursion, the rest read as usual.
    let _ = every_reader(&deep_object, &content);
    // One byte over the import limit: refused before it is read.
    let head = r#"{"format":"greenfit","version":2,"profile":{"sector":""#;
    let tail = r#""}}"#;
    let padding = "x".repeat(MAX_IMPORT_BYTES + 1 - head.len() - tail.len());
    let over = format!("{head}{padding}{tail}");
    assert_eq!(over.len(), MAX_IMPORT_BYTES + 1);
    assert!(matches!(
        Document::parse(&over),
        Err(DocError::TooLarge { .. })
    ));
    // A document over the stored limit (1 MB) but under the file limit: refused too.
    let canvases: Vec<String> = (0..30)
        .map(|c| {
            let block = |prefix: char| {
                (0..40)
                    .map(|i| format!(r#"{{"id":"{prefix}{i}","text":"{}"}}"#, "y".repeat(200)))
                    .collect::<Vec<_>>()
                    .join(",")
            };
            format!(
                r#"{{"id":"c{c}","name":"n","jobs":[{}],"products":[{}],"relievers":[{}],"creators":[{}]}}"#,
                block('j'),
                block('s'),
                block('r'),
                block('c')
            )
        })
        .collect();
    let big = format!(
        r#"{{"format":"greenfit","version":2,"canvases":[{}]}}"#,
        canvases.join(",")
    );
    assert!(big.len() > MAX_DOC_BYTES && big.len() < MAX_IMPORT_BYTES);
    assert!(matches!(
        Document::parse(&big),
        Err(DocError::TooLarge { .. })
    ));
}

#[test]
fn a_file_saved_with_a_byte_order_mark_is_a_normal_file() {
    let text = "\u{feff}{\"format\":\"greenfit\",\"version\":2,\"answers\":{\"ee-use\":3}}";
    let doc = Document::parse(text).unwrap();
    assert_eq!(doc.answers.get("ee-use"), Some(&Answer::Level(3)));
}

// ---- property tests ---------------------------------------------------------------------

fn question_ids() -> Vec<String> {
    Content::english()
        .areas
        .iter()
        .flat_map(|a| a.questions.iter().map(|q| q.id.clone()))
        .collect()
}

fn answer() -> impl Strategy<Value = Answer> {
    prop_oneof![
        (0..=MAX_LEVEL).prop_map(Answer::Level),
        Just(Answer::NotRelevant),
        Just(Answer::DontKnow),
    ]
}

fn answers() -> impl Strategy<Value = Answers> {
    let ids = question_ids();
    proptest::collection::vec((0..ids.len(), answer()), 0..20).prop_map(move |pairs| {
        pairs
            .into_iter()
            .map(|(i, a)| (ids[i].clone(), a))
            .collect()
    })
}

/// Text as people type it, including what is hard to handle: quotes, backslashes, emoji,
/// right-to-left marks, markup.
fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!(
        r#"[a-zA-Z0-9 äöüßéèçñłżœ"\\<>&'{{}}\[\]😀\u{{202e}}\u{{00a0}}]{{0,{max}}}"#
    ))
    .unwrap()
}

fn items(prefix: char, weighted: bool) -> impl Strategy<Value = Vec<Item>> {
    proptest::collection::vec((text(60), 1u8..=3), 0..5).prop_map(move |texts| {
        texts
            .into_iter()
            .enumerate()
            .map(|(i, (text, importance))| Item {
                id: format!("{prefix}{i}"),
                text,
                importance: if weighted { importance } else { 0 },
                links: Vec::new(),
            })
            .collect()
    })
}

fn canvas(index: usize) -> impl Strategy<Value = Canvas> {
    (
        text(40),
        any::<bool>(),
        items('j', false),
        items('p', true),
        items('g', true),
        items('s', false),
        items('r', false),
        items('c', false),
        proptest::collection::vec(any::<proptest::sample::Index>(), 0..4),
        text(100),
    )
        .prop_map(
            move |(
                name,
                service,
                jobs,
                pains,
                gains,
                products,
                relievers,
                creators,
                picks,
                note,
            )| {
                let mut canvas = Canvas {
                    id: format!("canvas-{index}"),
                    name,
                    service,
                    jobs,
                    pains,
                    gains,
                    products,
                    relievers,
                    creators,
                    checklist: Checklist {
                        demand: note,
                        ..Checklist::default()
                    },
                };
                // Links from relievers to pains and from creators to gains.
                for pick in picks {
                    if !canvas.pains.is_empty() && !canvas.relievers.is_empty() {
                        let target = canvas.pains[pick.index(canvas.pains.len())].id.clone();
                        let from = pick.index(canvas.relievers.len());
                        if !canvas.relievers[from].links.contains(&target) {
                            canvas.relievers[from].links.push(target);
                        }
                    }
                }
                canvas
            },
        )
}

fn document() -> impl Strategy<Value = Document> {
    (
        (text(80), 0..=SIZE_BANDS.len(), text(80)),
        answers(),
        proptest::collection::vec(answers(), 0..3),
        proptest::collection::vec(0usize..3, 0..3),
    )
        .prop_flat_map(|(profile, answers, snapshots, canvas_count)| {
            let canvases: Vec<_> = (0..canvas_count.len()).map(canvas).collect();
            (Just((profile, answers, snapshots)), canvases)
        })
        .prop_map(
            |(((sector, size, country), answers, snapshots), canvases)| Document {
                profile: Profile {
                    sector,
                    size: SIZE_BANDS
                        .get(size)
                        .map(|s| s.to_string())
                        .unwrap_or_default(),
                    country,
                },
                answers,
                snapshots: snapshots
                    .into_iter()
                    .enumerate()
                    .map(|(i, answers)| Snapshot {
                        taken_at: format!("2026-0{}-01T10:00:00.000Z", i + 1),
                        answers,
                        earlier_answers: Answers::new(),
                    })
                    .collect::<Vec<_>>()
                    .into(),
                canvases: canvases.into(),
                saved_at: Some("2026-12-01T09:00:00.000Z".to_owned()),
                position: Some("results".to_owned()),
                ..Document::default()
            },
        )
}

/// A valid text changed the ways files get damaged: cut, bytes dropped, bytes added, swapped.
fn mutated(valid: String) -> impl Strategy<Value = String> {
    let len = valid.len().max(1);
    proptest::collection::vec((0..len, 0u8..4, any::<char>()), 1..6).prop_map(move |edits| {
        let mut chars: Vec<char> = valid.chars().collect();
        for (at, kind, c) in edits {
            if chars.is_empty() {
                break;
            }
            let at = at % chars.len();
            match kind {
                0 => chars.truncate(at),
                1 => {
                    chars.remove(at);
                }
                2 => chars.insert(at, c),
                _ => chars[at] = c,
            }
        }
        chars.into_iter().collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_gives_back_the_same_document(doc in document()) {
        let content = Content::english();
        prop_assume!(doc.check_limits().is_ok());
        let exported = doc.export_json(&content, "2026-12-01T10:00:00.000Z");
        let back = Document::parse(&exported).expect("an export imports");
        prop_assert_eq!(back, doc);
    }

    #[test]
    fn arbitrary_text_never_panics_any_reader(text in ".{0,300}") {
        let _ = every_reader(&text, &Content::english());
    }

    #[test]
    fn damaged_exports_never_panic_and_what_is_read_keeps_its_limits(
        text in document().prop_flat_map(|doc| mutated(doc.export_json(&Content::english(), "2026-12-01T10:00:00.000Z")))
    ) {
        let _ = every_reader(&text, &Content::english());
    }

    #[test]
    fn damaged_configurations_never_panic(
        text in mutated(std::fs::read_to_string("www/greenfit.json").unwrap())
    ) {
        let content = Content::english();
        let (config, _) = ClusterConfig::parse(&text, &content);
        // Whatever survives is usable: applying it to the questions never fails.
        let mut shown = content.clone();
        config.apply_to(&mut shown);
    }

    #[test]
    fn old_documents_never_lose_an_answer_in_the_migration(answers in proptest::collection::btree_map(
        prop_oneof![
            Just("efp-claims"), Just("wc-discharge"), Just("wm-hazardous"), Just("gbp-ems"),
            Just("ee-renewable"), Just("ee-audit"), Just("ee-energy-audit"), Just("ee-use"),
        ].prop_map(str::to_owned),
        answer(),
        0..8,
    )) {
        let v1 = format!(
            r#"{{"format": "greenfit", "version": 1, "answers": {}}}"#,
            greenfit::model::json::to_string(&answers.iter().map(|(k, v)| (k.clone(), *v)).collect::<Answers>())
        );
        let doc = Document::parse(&v1).expect("a version 1 document reads");
        // Every old answer is somewhere: carried to its new question, or kept aside.
        prop_assert_eq!(doc.answers.len() + doc.earlier_answers.len(), answers.len());
        prop_assert!(doc.answers.keys().all(|id| greenfit::model::revisions::replaced(id).is_none()));
    }
}
