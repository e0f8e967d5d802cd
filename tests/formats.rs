//! What greenfit writes (stored document, export, share files, benchmark) is byte for byte what
//! it wrote with serde_json before src/model/json.rs: tests/golden/formats.txt was written by
//! this same code on the build before that change (67b98ee). Readers of these files (a cluster's
//! scripts, diffs of exports) see no difference.

use greenfit::model::answers::Answer;
use greenfit::model::canvas::{Block, Canvas};
use greenfit::model::content::Content;
use greenfit::model::dashboard::{Benchmark, BenchmarkArea};
use greenfit::model::document::{Document, Profile, Snapshot};
use greenfit::model::share::{Scope, Share};

#[test]
fn stored_exported_and_shared_files_are_written_as_before() {
    let content = Content::english();
    let mut doc = Document {
        saved_at: Some("2026-11-25T10:00:00Z".into()),
        profile: Profile {
            sector: "Food \"quoted\"\n\t\u{1}é".into(),
            size: "small".into(),
            country: String::new(),
        },
        position: Some("results".into()),
        ..Document::default()
    };
    doc.answers.insert("ee-use".into(), Answer::Level(3));
    doc.answers.insert("cf-plan".into(), Answer::DontKnow);
    doc.answers.insert("wm-sorting".into(), Answer::NotRelevant);
    doc.earlier_answers
        .insert("ee-audit".into(), Answer::Level(1));
    let answers = doc.answers.clone();
    doc.snapshots_mut().push(Snapshot {
        taken_at: "2026-11-20T10:00:00Z".into(),
        answers,
        earlier_answers: Default::default(),
    });
    let mut canvas = Canvas::with_pains("Service", &["slow".to_string(), "costly".to_string()]);
    canvas.id = "c1".into();
    canvas.service = true;
    canvas.checklist.set("demand", "yes");
    let _ = canvas.add(Block::Relievers, "faster");
    doc.canvases_mut().push(canvas);
    doc.canvases_mut().push(Canvas {
        id: "c2".into(),
        name: "Empty".into(),
        ..Canvas::default()
    });
    let mut out = String::new();
    out += &doc.to_json();
    out += "\n";
    out += &doc.export_json(&content, "2026-11-25T11:00:00Z");
    out += "\n";
    for scope in [Scope::ScoresOnly, Scope::ScoresAndAnswers] {
        out += &Share::new(&doc, &content, "2026-11-25", "Acme", scope).to_json();
        out += "\n";
    }
    let area = BenchmarkArea {
        n: 6,
        q1: 22.5,
        median: 35.0,
        q3: 0.1 + 0.2,
    };
    let bench = Benchmark {
        format: "greenfit-benchmark".into(),
        version: 1,
        generator: "g".into(),
        created_at: "2026-11-25".into(),
        members: 6,
        group: "G".into(),
        areas: [("a".to_string(), area)].into_iter().collect(),
        overall: Some(area),
    };
    out += &bench.to_json();
    assert_eq!(out, include_str!("golden/formats.txt"));
}
