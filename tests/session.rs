//! The session reducer: what each visitor action does to the state and what must be saved.

use greenfit::model::answers::Answer;
use greenfit::model::canvas::Block;
use greenfit::model::document::Document;
use greenfit::model::session::{Action, CanvasAction, State, View};

fn areas() -> Vec<String> {
    ["a", "b", "c"].map(String::from).to_vec()
}

#[test]
fn answering_changes_the_document_and_asks_for_a_save() {
    let mut state = State::new(Document::default(), areas());
    assert!(state.apply(Action::Answer {
        question: "q".into(),
        answer: Some(Answer::Level(2))
    }));
    assert_eq!(state.revision, 1);
    // The same answer again changes nothing and saves nothing.
    assert!(!state.apply(Action::Answer {
        question: "q".into(),
        answer: Some(Answer::Level(2))
    }));
    assert_eq!(state.revision, 1);
    assert!(state.apply(Action::Answer {
        question: "q".into(),
        answer: None
    }));
    assert!(state.doc.answers.is_empty());
}

#[test]
fn the_position_is_saved_so_a_visitor_resumes_where_they_left_off() {
    let mut state = State::new(Document::default(), areas());
    state.apply(Action::Go(View::Step(2)));
    assert_eq!(state.doc.position.as_deref(), Some("b"));
    let resumed = State::new(state.doc.clone(), areas());
    assert_eq!(resumed.view, View::Step(2));
    state.apply(Action::Go(View::Results));
    assert_eq!(State::new(state.doc.clone(), areas()).view, View::Results);
    // The data panel is not a place to resume at.
    let before = state.revision;
    state.apply(Action::Go(View::Data));
    assert_eq!(state.revision, before);
}

#[test]
fn clearing_keeps_the_visitor_where_they_are() {
    let mut state = State::new(Document::default(), areas());
    state.apply(Action::Answer {
        question: "q".into(),
        answer: Some(Answer::DontKnow),
    });
    state.apply(Action::Go(View::Data));
    state.apply(Action::Cleared);
    assert_eq!(state.view, View::Data);
    assert!(state.doc.is_empty());
    assert_eq!(state.notice.as_ref().unwrap().key, "data.deleted");
}

#[test]
fn an_import_replaces_everything_and_is_saved() {
    let mut state = State::new(Document::default(), areas());
    let mut imported = Document::default();
    imported.answers.insert("x".into(), Answer::Level(4));
    let before = state.revision;
    state.apply(Action::Import(imported.clone()));
    assert_eq!(state.doc, imported);
    assert!(state.revision > before);
    assert_eq!(state.notice.as_ref().unwrap().key, "data.imported");
}

#[test]
fn a_reload_from_another_tab_is_shown_but_not_saved_again() {
    let mut state = State::new(Document::default(), areas());
    state.apply(Action::Go(View::Step(3)));
    let revision = state.revision;
    let mut other = Document::default();
    other.answers.insert("x".into(), Answer::Level(1));
    state.apply(Action::Reloaded(other.clone()));
    assert_eq!(state.doc, other);
    assert_eq!(state.revision, revision);
    assert_eq!(state.view, View::Step(3));
}

#[test]
fn profile_fields_are_limited_and_sizes_checked() {
    let mut state = State::new(Document::default(), areas());
    state.apply(Action::Profile {
        field: "sector".into(),
        value: format!("  {}  ", "x".repeat(100)),
    });
    assert_eq!(state.doc.profile.sector.chars().count(), 80);
    assert!(!state.apply(Action::Profile {
        field: "size".into(),
        value: "enormous".into()
    }));
    assert!(state.apply(Action::Profile {
        field: "size".into(),
        value: "micro".into()
    }));
    assert!(!state.apply(Action::Profile {
        field: "password".into(),
        value: "x".into()
    }));
}

#[test]
fn snapshots_keep_the_answers_of_the_day() {
    let mut state = State::new(Document::default(), areas());
    state.apply(Action::Answer {
        question: "q".into(),
        answer: Some(Answer::Level(1)),
    });
    state.apply(Action::KeepSnapshot {
        at: "2026-11-25T10:00:00Z".into(),
    });
    state.apply(Action::Answer {
        question: "q".into(),
        answer: Some(Answer::Level(3)),
    });
    assert_eq!(state.doc.snapshots.len(), 1);
    assert_eq!(
        state.doc.snapshots[0].answers.get("q"),
        Some(&Answer::Level(1))
    );
}

#[test]
fn canvases_are_created_edited_deleted_and_restored() {
    let mut state = State::new(Document::default(), areas());
    state.apply(Action::Canvas(CanvasAction::Create {
        name: "Energy audit service".into(),
    }));
    let id = state.canvas.clone().unwrap();
    state.apply(Action::Canvas(CanvasAction::Add {
        block: Block::Pains,
        text: "High bills".into(),
    }));
    // An empty item is refused with a message, and nothing is saved.
    let revision = state.revision;
    state.apply(Action::Canvas(CanvasAction::Add {
        block: Block::Jobs,
        text: "   ".into(),
    }));
    assert_eq!(state.revision, revision);
    assert_eq!(state.notice.as_ref().unwrap().key, "canvas.error_empty");
    state.apply(Action::Canvas(CanvasAction::Duplicate {
        name: "Copy".into(),
    }));
    assert_eq!(state.doc.canvases.len(), 2);
    assert_eq!(state.doc.canvases[1].pains, state.doc.canvases[0].pains);
    state.apply(Action::Canvas(CanvasAction::Select(id.clone())));
    state.apply(Action::Canvas(CanvasAction::Delete));
    assert_eq!(state.doc.canvases.len(), 1);
    state.apply(Action::Canvas(CanvasAction::Undelete));
    assert_eq!(state.doc.canvases[0].id, id, "restored in its old place");
    assert_eq!(state.canvas.as_deref(), Some(id.as_str()));
}
