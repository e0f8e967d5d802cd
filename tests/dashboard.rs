//! The cluster's dashboard, checked against sets computed by hand: quartiles, the group-size
//! rule, duplicates, mixed versions, CSV for Excel and the benchmark.

use greenfit::model::answers::Answer;
use greenfit::model::content::Content;
use greenfit::model::dashboard::{
    self, benchmark, csv_areas, csv_members, latest, read_file, spread, summarise, Benchmark,
    CsvStyle, Filter, Loaded, Refusal, Spread, MIN_GROUP,
};
use greenfit::model::document::{Document, Profile};
use greenfit::model::share::{Scope, Share, SharedArea};

const EE: &str = "energy-efficiency";
const WM: &str = "waste-management";

/// A share with the given energy and waste scores (None = no score), other areas unscored.
fn share(member: &str, at: &str, ee: Option<u8>, wm: Option<u8>, size: &str) -> Share {
    let content = Content::english();
    let mut share = Share::new(
        &Document::default(),
        &content,
        at,
        member,
        Scope::ScoresOnly,
    );
    for area in &mut share.areas {
        area.score = match area.area.as_str() {
            EE => ee,
            WM => wm,
            _ => None,
        };
        area.stage = area.score.map(greenfit::model::scoring::Stage::from_score);
    }
    share.overall = ee;
    share.priorities = if wm.is_some_and(|s| s < 75) {
        vec![WM.to_owned()]
    } else {
        vec![]
    };
    share.profile.size = size.to_owned();
    share
}

fn set(shares: Vec<Share>) -> Vec<Share> {
    let mut loaded = Loaded::new();
    for s in shares {
        loaded.add(s).unwrap();
    }
    loaded.shares().to_vec()
}

#[test]
fn quartiles_are_excels_quartile_inc_for_odd_and_even_sets() {
    // Odd: 10 20 30 40 50 -> q1 20, median 30, q3 40.
    assert_eq!(
        spread(&[50, 10, 40, 20, 30]),
        Some(Spread {
            n: 5,
            min: 10.0,
            q1: 20.0,
            median: 30.0,
            q3: 40.0,
            max: 50.0
        })
    );
    // Even: 10 20 30 40 -> positions 0.75, 1.5, 2.25: q1 17.5, median 25, q3 32.5.
    assert_eq!(
        spread(&[40, 30, 20, 10]),
        Some(Spread {
            n: 4,
            min: 10.0,
            q1: 17.5,
            median: 25.0,
            q3: 32.5,
            max: 40.0
        })
    );
    // Six: 0 0 25 50 75 100 -> positions 1.25, 2.5, 3.75: q1 6.25, median 37.5, q3 68.75.
    assert_eq!(
        spread(&[100, 75, 50, 25, 0, 0]),
        Some(Spread {
            n: 6,
            min: 0.0,
            q1: 6.25,
            median: 37.5,
            q3: 68.75,
            max: 100.0
        })
    );
    assert_eq!(spread(&[42]).unwrap().median, 42.0);
    assert_eq!(spread(&[]), None);
}

#[test]
fn the_summary_counts_latest_shares_stages_priorities_and_not_relevant() {
    let content = Content::english();
    let mut shares = set(vec![
        share("A", "2026-01-10", Some(10), Some(80), "small"),
        share("B", "2026-01-11", Some(30), Some(20), "small"),
        share("C", "2026-01-12", Some(50), Some(60), "micro"),
        share("D", "2026-01-13", Some(70), None, "small"),
        share("E", "2026-01-14", None, Some(40), "medium"),
        // A again, later: only this one counts in the aggregate.
        share("a", "2026-06-01", Some(90), Some(100), "small"),
    ]);
    // E said "not relevant" to energy.
    shares[4]
        .areas
        .iter_mut()
        .find(|a| a.area == EE)
        .unwrap()
        .not_relevant = true;

    let summary = summarise(&shares, &Filter::default(), &content).unwrap();
    assert_eq!(summary.members, 5);
    assert_eq!(summary.first, "2026-01-11");
    assert_eq!(summary.last, "2026-06-01");
    let ee = summary.areas.iter().find(|a| a.area == EE).unwrap();
    // Energy: 30 50 70 90 -> median 60, q1 45, q3 75.
    assert_eq!(ee.spread.unwrap().median, 60.0);
    assert_eq!(ee.spread.unwrap().q1, 45.0);
    assert_eq!(ee.spread.unwrap().q3, 75.0);
    assert_eq!(ee.not_relevant, 1);
    // Stages of 30 50 70 90: progressing, established, established, leading.
    assert_eq!(ee.stages, [0, 1, 2, 1]);
    let wm = summary.areas.iter().find(|a| a.area == WM).unwrap();
    // Waste: 20 60 40 100 -> sorted 20 40 60 100, median 50.
    assert_eq!(wm.spread.unwrap().median, 50.0);
    assert_eq!(wm.priority, 3);
    assert_eq!(summary.priorities, vec![(WM.to_owned(), 3)]);
    // A shared twice: overall 10 then 90.
    assert_eq!(summary.changes, vec![(Some(10), Some(90))]);
    assert_eq!(dashboard::needs(&summary)[0], WM);
}

#[test]
fn groups_smaller_than_five_are_hidden_and_five_are_shown() {
    let content = Content::english();
    let mut shares: Vec<Share> = (0..4)
        .map(|i| {
            share(
                &format!("S{i}"),
                &format!("2026-02-0{}", i + 1),
                Some(50),
                None,
                "small",
            )
        })
        .collect();
    shares.push(share("M", "2026-02-09", Some(50), None, "micro"));
    let small = Filter {
        size: Some("small".into()),
        ..Filter::default()
    };
    assert_eq!(summarise(&shares, &small, &content).unwrap_err().members, 4);
    shares.push(share("S9", "2026-02-10", Some(50), None, "Small"));
    assert_eq!(
        summarise(&shares, &small, &content).unwrap().members,
        MIN_GROUP
    );
    // The whole set is the manager's own and is always shown, but makes no benchmark.
    let three = &shares[..3];
    let summary = summarise(three, &Filter::default(), &content).unwrap();
    assert_eq!(summary.members, 3);
    assert_eq!(benchmark(&summary, "2026-11-25", ""), None);
}

#[test]
fn duplicates_are_refused_and_say_so() {
    let mut loaded = Loaded::new();
    loaded
        .add(share("ACME", "2026-03-01T09:00:00Z", Some(1), None, ""))
        .unwrap();
    assert_eq!(
        loaded.add(share("acme ", "2026-03-01T17:00:00Z", Some(2), None, "")),
        Err(Refusal::Duplicate)
    );
    loaded
        .add(share("ACME", "2026-03-02", Some(2), None, ""))
        .unwrap();
    // Anonymous: the very same result is a duplicate, a different one is not.
    loaded
        .add(share("", "2026-03-01", Some(1), None, ""))
        .unwrap();
    assert_eq!(
        loaded.add(share("", "2026-03-01", Some(1), None, "")),
        Err(Refusal::Duplicate)
    );
    loaded
        .add(share("", "2026-03-01", Some(3), None, ""))
        .unwrap();
    assert_eq!(loaded.shares().len(), 4);
    // The stored set reads back the same.
    assert_eq!(Loaded::parse(&loaded.to_json()), Some(loaded));
}

#[test]
fn files_of_every_kind_are_read_or_refused_with_the_reason() {
    let content = Content::english();
    let mut doc = Document {
        profile: Profile {
            size: "micro".into(),
            ..Profile::default()
        },
        ..Document::default()
    };
    doc.answers.insert("ee-use".into(), Answer::Level(4));
    doc.answers
        .insert("ee-energy-audit".into(), Answer::DontKnow);
    // A full export counts as a share with answers.
    let export = doc.export_json(&content, "2026-04-01T10:00:00.000Z");
    let read = read_file(&export, &content);
    let share = read[0].as_ref().unwrap();
    assert_eq!(share.shared_at, "2026-04-01T10:00:00.000Z");
    assert_eq!(
        share.areas.iter().find(|a| a.area == EE).unwrap().score,
        Some(50)
    );
    assert_eq!(share.answers.as_ref().unwrap().len(), 2);
    // A share file and a text of codes.
    let file = share.to_json();
    assert_eq!(read_file(&file, &content)[0].as_ref().unwrap(), share);
    let codes = format!("first {}\nsecond {}", share.to_code(), share.to_code());
    assert_eq!(read_file(&codes, &content).len(), 2);
    // Refusals.
    assert_eq!(
        read_file("<html>", &content),
        vec![Err(Refusal::NotGreenfit)]
    );
    assert_eq!(
        read_file("{\"a\":1}", &content),
        vec![Err(Refusal::NotGreenfit)]
    );
    assert_eq!(
        read_file(r#"{"format":"greenfit","version":9}"#, &content),
        vec![Err(Refusal::Newer { found: 9 })]
    );
    assert_eq!(
        read_file(r#"{"format":"greenfit-share","version":2}"#, &content),
        vec![Err(Refusal::Newer { found: 2 })]
    );
    assert!(matches!(
        read_file(
            r#"{"format":"greenfit","version":1,"answers":{"x":9}}"#,
            &content
        )[0],
        Err(Refusal::Damaged(_))
    ));
}

#[test]
fn questions_members_do_not_know_and_the_weakest_come_from_shared_answers() {
    let content = Content::english();
    let mut shares = Vec::new();
    for (i, (use_, audit)) in [
        (Answer::Level(4), Answer::DontKnow),
        (Answer::Level(2), Answer::DontKnow),
        (Answer::Level(3), Answer::Level(1)),
        (Answer::NotRelevant, Answer::Level(0)),
    ]
    .into_iter()
    .enumerate()
    {
        let mut doc = Document::default();
        doc.answers.insert("ee-use".into(), use_);
        doc.answers.insert("ee-energy-audit".into(), audit);
        shares.push(Share::new(
            &doc,
            &content,
            &format!("2026-05-0{}", i + 1),
            &format!("M{i}"),
            Scope::ScoresAndAnswers,
        ));
    }
    // One member shared scores only: counted in the areas, not in the questions.
    shares.push(share("M9", "2026-05-09", Some(0), None, ""));
    let summary = summarise(&shares, &Filter::default(), &content).unwrap();
    assert_eq!(summary.with_answers, 4);
    assert_eq!(summary.dont_know[0].question, "ee-energy-audit");
    assert_eq!(summary.dont_know[0].dont_know, 2);
    // ee-energy-audit: 0+0+1+0 of 16 -> 6; ee-use: 4+2+3 of 12 -> 75.
    assert_eq!(summary.weakest[0].question, "ee-energy-audit");
    assert_eq!(summary.weakest[0].score, 6);
    assert_eq!(summary.weakest[1].question, "ee-use");
    assert_eq!(summary.weakest[1].score, 75);
    assert_eq!(summary.weakest[1].answered, 3);
}

#[test]
fn mixed_question_sets_and_extra_areas_are_counted_not_dropped() {
    let content = Content::english();
    let mut other = share("X", "2026-07-01", Some(40), None, "");
    other.question_set = "0000beef".into();
    other.areas.push(SharedArea {
        area: "cluster-own-area".into(),
        score: Some(10),
        stage: None,
        not_relevant: false,
        questions: 1,
        dont_know: 0,
    });
    let shares = vec![share("Y", "2026-07-02", Some(60), None, ""), other];
    let summary = summarise(&shares, &Filter::default(), &content).unwrap();
    assert_eq!(summary.question_sets, 2);
    assert!(summary.areas.iter().any(|a| a.area == "cluster-own-area"));
    assert_eq!(
        summary
            .areas
            .iter()
            .find(|a| a.area == EE)
            .unwrap()
            .spread
            .unwrap()
            .median,
        50.0
    );
}

#[test]
fn csv_opens_in_excel_and_never_runs_a_formula() {
    let content = Content::english();
    let shares = set(vec![
        share(
            "=HYPERLINK(\"http://evil\")",
            "2026-01-01",
            Some(10),
            Some(25),
            "small",
        ),
        share(
            "Müller; Söhne \"Bio\"",
            "2026-01-02",
            Some(15),
            None,
            "small",
        ),
    ]);
    let ids: Vec<String> = content.areas.iter().map(|a| a.id.clone()).collect();
    let header: Vec<String> = ["member", "date", "sector", "size", "country", "overall"]
        .iter()
        .map(|s| s.to_string())
        .chain(ids.iter().cloned())
        .collect();
    let csv = csv_members(&shares, &ids, &header, CsvStyle::for_language("de"));
    assert!(csv.starts_with('\u{feff}'));
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert!(lines[1].starts_with("\"'=HYPERLINK(\"\"http://evil\"\")\";2026-01-01;;small;;10;"));
    assert!(lines[2].starts_with("\"Müller; Söhne \"\"Bio\"\"\";2026-01-02;"));

    let summary = summarise(&shares, &Filter::default(), &content).unwrap();
    let title = |id: &str| id.to_owned();
    let header: Vec<String> = (0..13).map(|i| format!("h{i}")).collect();
    let de = csv_areas(&summary, &title, &header, CsvStyle::for_language("de"));
    // Energy 10 and 15: q1 11.25, median 12.5, q3 13.75.
    assert!(
        de.contains("\r\nenergy-efficiency;2;10;11,25;12,5;13,75;15;2;0;0;0;0;0\r\n"),
        "{de}"
    );
    let en = csv_areas(&summary, &title, &header, CsvStyle::for_language("en"));
    assert!(
        en.contains("\r\nenergy-efficiency,2,10,11.25,12.5,13.75,15,2,0,0,0,0,0\r\n"),
        "{en}"
    );
}

#[test]
fn the_benchmark_keeps_only_areas_of_five_and_reads_back() {
    let content = Content::english();
    let shares: Vec<Share> = [
        (10, Some(5)),
        (20, Some(5)),
        (30, None),
        (40, Some(5)),
        (50, Some(5)),
        (60, Some(5)),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, (ee, wm))| share(&format!("M{i}"), "2026-08-01", Some(ee), wm, ""))
    .collect();
    let summary = summarise(&shares, &Filter::default(), &content).unwrap();
    let bench = benchmark(&summary, "2026-11-25T12:00:00Z", "All members").unwrap();
    assert_eq!(bench.members, 6);
    assert_eq!(bench.created_at, "2026-11-25");
    let ee = bench.areas[EE];
    // 10..60: positions 1.25, 2.5, 3.75 -> 22.5, 35, 47.5.
    assert_eq!((ee.n, ee.q1, ee.median, ee.q3), (6, 22.5, 35.0, 47.5));
    assert_eq!(bench.areas[WM].n, 5);
    assert_eq!(bench.areas.len(), 2, "areas nobody scored are left out");
    let read = Benchmark::parse(&bench.to_json()).unwrap();
    assert_eq!(read, bench);
    assert_eq!(read.check(), Ok(()));
    let mut small = bench.clone();
    small.areas.get_mut(EE).unwrap().n = 4;
    assert!(small.check().is_err());
    let mut disorder = bench;
    disorder.areas.get_mut(EE).unwrap().q1 = 90.0;
    assert!(disorder.check().is_err());
}

#[test]
fn the_service_canvas_is_a_document_the_widget_imports() {
    let doc = dashboard::service_canvas("New service", &["Waste: members lack know-how".into()]);
    let text = doc.export_json(&Content::english(), "2026-11-25T00:00:00Z");
    let read = Document::parse(&text).unwrap();
    assert_eq!(read.canvases.len(), 1);
    assert!(read.canvases[0].service);
    assert_eq!(read.canvases[0].pains.len(), 1);
}

#[test]
fn latest_keeps_one_share_per_named_member() {
    let shares = set(vec![
        share("A", "2026-01-01", Some(1), None, ""),
        share("A", "2026-02-01", Some(2), None, ""),
        share("", "2026-01-01", Some(3), None, ""),
        share("", "2026-01-01", Some(4), None, ""),
    ]);
    let l = latest(&shares, &Filter::default());
    assert_eq!(l.len(), 3);
    assert!(l.iter().any(|s| s.overall == Some(2)));
    assert!(!l.iter().any(|s| s.overall == Some(1)));
}

#[test]
fn answers_shared_before_a_question_was_replaced_count_under_the_new_one_when_they_carry() {
    let content = Content::english();
    let mut shares = Vec::new();
    for (i, old) in [Answer::Level(3), Answer::Level(2), Answer::DontKnow]
        .into_iter()
        .enumerate()
    {
        let mut doc = Document::default();
        doc.answers.insert("ee-use".into(), Answer::Level(2));
        let mut share = Share::new(
            &doc,
            &content,
            &format!("2026-05-0{}", i + 1),
            &format!("M{i}"),
            Scope::ScoresAndAnswers,
        );
        // As greenfit 0.1 shared them: the old ids.
        let answers = share.answers.as_mut().unwrap();
        answers.insert("ee-audit".into(), old);
        answers.insert("ee-renewable".into(), Answer::Level(4));
        shares.push(share);
    }
    let summary = summarise(&shares, &Filter::default(), &content).unwrap();
    let ids: Vec<&str> = summary
        .weakest
        .iter()
        .map(|q| q.question.as_str())
        .collect();
    assert!(
        !ids.iter()
            .any(|id| *id == "ee-audit" || id.starts_with("ee-renewable")),
        "{ids:?}"
    );
    // ee-audit 3 carries to ee-energy-audit 3; 2 ("a simple check") does not tell; "don't know"
    // carries as it is.
    let audit = summary
        .weakest
        .iter()
        .find(|q| q.question == "ee-energy-audit")
        .expect("the new question is summarised");
    assert_eq!(audit.answered, 2);
    assert_eq!(summary.dont_know[0].question, "ee-energy-audit");
}

#[test]
fn files_read_as_one_are_cut_back_into_their_texts() {
    use greenfit::model::dashboard::split_files;
    let first = "{\"a\": \"é\"}".as_bytes();
    let second = b"\xef\xbb\xbf{\"b\": 1}";
    let broken = b"ab\xffc";
    let bytes = [first, &second[..], &broken[..], b""].concat();
    let sizes = [first.len(), second.len(), broken.len(), 0];
    assert_eq!(
        split_files(&bytes, &sizes).unwrap(),
        ["{\"a\": \"é\"}", "{\"b\": 1}", "ab\u{fffd}c", ""]
    );
    // A file that changed on disk after it was chosen: the sizes no longer fit.
    assert_eq!(split_files(&bytes, &[1, 2, 3]), None);
    assert_eq!(split_files(&bytes[1..], &sizes), None);
}
