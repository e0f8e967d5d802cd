//! Share files and share codes: what a member sends, and that a dashboard reads exactly that.

#![cfg(not(target_arch = "wasm32"))]

use greenfit::model::answers::Answer;
use greenfit::model::content::Content;
use greenfit::model::document::{Document, Profile};
use greenfit::model::share::{
    self, base64url, question_set, unbase64url, Scope, Share, ShareError,
};
use proptest::prelude::*;

fn member_doc() -> Document {
    let content = Content::english();
    let mut doc = Document {
        profile: Profile {
            sector: "Food, drink | packaging".into(),
            size: "small".into(),
            country: "DE".into(),
        },
        ..Document::default()
    };
    for (i, q) in content
        .areas
        .iter()
        .flat_map(|a| a.questions.iter())
        .enumerate()
    {
        let answer = match i % 7 {
            5 => Answer::DontKnow,
            6 => Answer::NotRelevant,
            n => Answer::Level((n % 5) as u8),
        };
        doc.answers.insert(q.id.clone(), answer);
    }
    doc
}

#[test]
fn scores_only_share_carries_scores_and_no_answers() {
    let content = Content::english();
    let doc = member_doc();
    let share = Share::new(
        &doc,
        &content,
        "2026-11-25T10:00:00.000Z",
        "",
        Scope::ScoresOnly,
    );
    let results = doc.results(&content);
    assert_eq!(share.format, "greenfit-share");
    assert_eq!(share.version, 1);
    assert!(share.generator.starts_with("greenfit "));
    assert_eq!(share.overall, results.overall);
    assert_eq!(share.priorities, results.priorities);
    assert_eq!(share.areas.len(), 10);
    for (shared, result) in share.areas.iter().zip(&results.areas) {
        assert_eq!(shared.score, result.score);
        assert_eq!(shared.stage, result.stage);
        assert_eq!(shared.dont_know, result.dont_know.len());
    }
    assert_eq!(share.answers, None);
    assert_eq!(share.member, "");
    assert!(!share.to_json().contains("answers"));
}

#[test]
fn answers_are_shared_only_when_chosen_and_only_for_questions_shown() {
    let content = Content::english();
    let mut doc = member_doc();
    doc.answers.insert("hidden-extra".into(), Answer::Level(4));
    let share = Share::new(
        &doc,
        &content,
        "2026-11-25",
        "ACME",
        Scope::ScoresAndAnswers,
    );
    let answers = share.answers.expect("answers chosen");
    assert_eq!(answers.len(), doc.answers.len() - 1);
    assert!(!answers.contains_key("hidden-extra"));
}

#[test]
fn the_code_carries_exactly_the_file_content() {
    let content = Content::english();
    let doc = member_doc();
    for scope in [Scope::ScoresOnly, Scope::ScoresAndAnswers] {
        let mut share = Share::new(
            &doc,
            &content,
            "2026-11-25T10:00:00.000Z",
            "Müller & Söhne | Bäckerei, 100% bio / öko = gut",
            scope,
        );
        let code = share.to_code();
        assert!(code.starts_with("GF1.") && code.ends_with('.'));
        assert!(code.lines().all(|l| l.chars().count() <= 64), "{code}");
        let read = Share::from_code(&code).expect("own code reads");
        share.generator.clear();
        assert_eq!(read, share);
        // The file round trip too.
        let file = Share::parse(&share.to_json()).expect("own file reads");
        assert_eq!(file, share);
    }
}

#[test]
fn a_scores_only_code_is_a_few_hundred_characters() {
    let content = Content::english();
    let share = Share::new(
        &member_doc(),
        &content,
        "2026-11-25T10:00:00.000Z",
        "Bäckerei Beispiel GmbH",
        Scope::ScoresOnly,
    );
    let length = share.to_code().len();
    assert!(length < 300, "code is {length} characters");
}

#[test]
fn codes_are_found_in_an_email_even_quoted_and_rewrapped() {
    let content = Content::english();
    let a = Share::new(
        &member_doc(),
        &content,
        "2026-11-24",
        "A",
        Scope::ScoresOnly,
    );
    let b = Share::new(
        &Document::default(),
        &content,
        "2026-11-25",
        "B",
        Scope::ScoresOnly,
    );
    let quoted: String = b.to_code().lines().map(|l| format!("> {l}\n")).collect();
    let mail = format!(
        "Hello,\n\nhere is our result: {}\nBest regards.\n\nOn Monday B wrote:\n{quoted}",
        a.to_code()
    );
    let found = Share::codes_in(&mail);
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].as_ref().unwrap().member, "A");
    assert_eq!(found[1].as_ref().unwrap().member, "B");
}

#[test]
fn a_changed_or_cut_code_is_refused_not_misread() {
    let content = Content::english();
    let code = Share::new(&member_doc(), &content, "2026-11-25", "", Scope::ScoresOnly).to_code();
    // One character changed.
    let mut changed: Vec<char> = code.chars().collect();
    let i = changed.len() / 2;
    changed[i] = if changed[i] == 'A' { 'B' } else { 'A' };
    let changed: String = changed.into_iter().collect();
    assert!(matches!(
        Share::from_code(&changed),
        Err(ShareError::Damaged(_))
    ));
    // Cut short.
    let cut = format!("{}.", &code[..code.len() / 2]);
    assert!(matches!(
        Share::from_code(&cut),
        Err(ShareError::Damaged(_))
    ));
    assert!(matches!(
        Share::from_code(&code[..code.len() - 1]),
        Err(ShareError::Damaged(_))
    ));
    assert_eq!(Share::from_code("hello"), Err(ShareError::NotGreenfit));
}

#[test]
fn share_files_from_elsewhere_are_refused_with_the_reason() {
    assert_eq!(Share::parse("[]"), Err(ShareError::NotGreenfit));
    assert_eq!(
        Share::parse(r#"{"format":"greenfit","version":1}"#),
        Err(ShareError::NotGreenfit)
    );
    assert_eq!(
        Share::parse(r#"{"format":"greenfit-share","version":7}"#),
        Err(ShareError::Newer { found: 7 })
    );
    let content = Content::english();
    let good = Share::new(&member_doc(), &content, "2026-11-25", "", Scope::ScoresOnly).to_json();
    for (from, to) in [
        ("\"score\": 5", "\"score\": 15"),
        (
            "\"shared_at\": \"2026-11-25\"",
            "\"shared_at\": \"yesterday\"",
        ),
        ("\"size\": \"small\"", "\"size\": \"huge\""),
        (
            "greening-business-processes\"",
            "resilient-business-models\"",
        ),
    ] {
        assert!(good.contains(from), "{from} not in {good}");
        let bad = good.replacen(from, to, 1);
        assert!(
            matches!(Share::parse(&bad), Err(ShareError::Damaged(_))),
            "{to} accepted"
        );
    }
    // Stages follow from the scores, whatever the file says.
    let lying = good.replacen("\"stage\": \"starting\"", "\"stage\": \"leading\"", 1);
    let read = Share::parse(&lying).unwrap();
    assert!(read
        .areas
        .iter()
        .all(|a| a.stage == a.score.map(greenfit::model::scoring::Stage::from_score)));
}

#[test]
fn the_question_set_changes_with_the_questions_not_the_language() {
    let en = Content::english();
    let mut fewer = en.clone();
    fewer.areas[0].questions.pop();
    assert_ne!(question_set(&en), question_set(&fewer));
    let mut renamed = en.clone();
    renamed.areas[0].title = "Anders".into();
    assert_eq!(question_set(&en), question_set(&renamed));
    assert_eq!(question_set(&en).len(), 8);
}

#[test]
fn base64url_matches_rfc_4648_vectors() {
    for (plain, encoded) in [
        ("", ""),
        ("f", "Zg"),
        ("fo", "Zm8"),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg"),
        ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64url(plain.as_bytes()), encoded);
        assert_eq!(unbase64url(encoded).unwrap(), plain.as_bytes());
    }
    assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    assert_eq!(unbase64url("Z"), None);
    assert_eq!(unbase64url("Zm+v"), None);
}

#[test]
fn mailto_links_fill_subject_and_body_and_encode_everything() {
    let content = Content::english();
    let share = Share::new(
        &Document::default(),
        &content,
        "2026-11-25",
        "",
        Scope::ScoresOnly,
    );
    let link = share.mailto("green@cluster.example", "Our self-check & more", "Hello");
    assert!(link.starts_with(
        "mailto:green@cluster.example?subject=Our%20self-check%20%26%20more&body=Hello%0A%0AGF1."
    ));
    let body = link.split("&body=").nth(1).unwrap();
    assert!(!body.contains([' ', '\n', '&', '?', '#']));
    assert_eq!(link.matches('&').count(), 1);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_text_as_a_code_never_panics(text in ".{0,300}") {
        let _ = Share::from_code(&text);
        let _ = Share::codes_in(&text);
        let _ = Share::parse(&text);
    }

    #[test]
    fn any_code_body_never_panics(body in "[A-Za-z0-9_-]{0,400}") {
        let _ = Share::from_code(&format!("GF1.{body}."));
    }

    #[test]
    fn every_share_round_trips_through_its_code(
        member in ".{0,80}",
        sector in "[^\u{0}-\u{1f}]{0,80}",
        answers in proptest::collection::btree_map("[a-z|,=/%]{1,12}", 0u8..7, 0..30),
    ) {
        let content = Content::english();
        let mut doc = member_doc();
        doc.profile.sector = sector;
        let mut share = Share::new(&doc, &content, "2026-11-25", &member, Scope::ScoresAndAnswers);
        share.answers = Some(answers.into_iter().map(|(id, n)| (id, match n {
            5 => Answer::NotRelevant,
            6 => Answer::DontKnow,
            n => Answer::Level(n),
        })).collect());
        share.generator.clear();
        prop_assert_eq!(Share::from_code(&share.to_code()), Ok(share.clone()));
        prop_assert_eq!(share::clean_member(&share.member), share.member.clone());
    }
}
