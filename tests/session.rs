//! The session reducer: what each visitor action does to the state and what must be saved.

use std::rc::Rc;

use greenfit::model::answers::Answer;
use greenfit::model::canvas::Block;
use greenfit::model::document::Document;
use greenfit::model::session::{Action, CanvasAction, Modules, State, View};

fn areas() -> Vec<String> {
    ["a", "b", "c"].map(String::from).to_vec()
}

/// The app's states share one document: a change makes a new one and leaves the one the state
/// before it (still on screen, or in the store's waiting save) holds as it was.
#[test]
fn a_change_makes_a_new_document_and_leaves_the_shared_one_alone() {
    let answer = |level| Action::Answer {
        question: "q".into(),
        answer: Some(Answer::Level(level)),
    };
    let mut state = State::new(Document::default(), areas());
    let before = state.clone();
    assert!(
        Rc::ptr_eq(&state.doc, &before.doc),
        "a copy of the state shares it"
    );
    assert!(state.apply(answer(2)));
    assert!(!Rc::ptr_eq(&state.doc, &before.doc));
    assert!(
        before.doc.answers.is_empty(),
        "the earlier state's document is untouched"
    );
    assert_eq!(state.doc.answers["q"], Answer::Level(2));
    // Nothing changed, nothing copied: the screens compare the document by pointer.
    let same = state.clone();
    assert!(!state.apply(answer(2)));
    assert!(Rc::ptr_eq(&state.doc, &same.doc));
    // An answer copies the answers, not the kept results and canvases; a change to a canvas
    // copies the canvases and leaves the earlier document's alone.
    state.apply(Action::KeepSnapshot {
        at: "2026-12-02T06:00:00.000Z".into(),
    });
    let id = canvas_named(&mut state, "A");
    let kept = state.clone();
    assert!(state.apply(answer(3)));
    assert!(Rc::ptr_eq(&state.doc.snapshots, &kept.doc.snapshots));
    assert!(Rc::ptr_eq(&state.doc.canvases, &kept.doc.canvases));
    state.apply(Action::Canvas(CanvasAction::Rename("B".into())));
    assert!(!Rc::ptr_eq(&state.doc.canvases, &kept.doc.canvases));
    assert_eq!(kept.doc.canvases[0].name, "A");
    assert_eq!(
        (
            state.doc.canvases[0].id.as_str(),
            state.doc.canvases[0].name.as_str()
        ),
        (id.as_str(), "B")
    );
    assert_eq!(kept.doc.snapshots.len(), 1);
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
    state.apply(Action::Answer {
        question: "q".into(),
        answer: Some(Answer::Level(2)),
    });
    state.apply(Action::Go(View::Step(2)));
    assert_eq!(state.doc.position.as_deref(), Some("b"));
    let resumed = State::new((*state.doc).clone(), areas());
    assert_eq!(resumed.view, View::Step(2));
    state.apply(Action::Go(View::Results));
    assert_eq!(
        State::new((*state.doc).clone(), areas()).view,
        View::Results
    );
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
fn an_import_replaces_everything_and_asks_for_no_second_save() {
    // The caller (the data panel, `importData()`) stores the document before it shows it, so
    // the reducer must not ask for another save. tests/integrity.rs checks what is stored.
    let mut state = State::new(Document::default(), areas());
    state.apply(Action::Answer {
        question: "q".into(),
        answer: Some(Answer::Level(1)),
    });
    for level in [4, 2, 3] {
        let mut imported = Document::default();
        imported.answers.insert("x".into(), Answer::Level(level));
        let revision = state.revision;
        assert!(state.apply(Action::Import(imported.clone())));
        assert_eq!(*state.doc, imported, "every import in a row is shown");
        assert_eq!(state.revision, revision);
        assert_eq!(state.notice.as_ref().unwrap().key, "data.imported");
    }
}

#[test]
fn an_import_respects_the_modules_the_widget_shows() {
    let at = |position: &str| Document {
        position: Some(position.into()),
        ..Document::default()
    };
    let only = |selfcheck, canvas| Modules { selfcheck, canvas };
    let mut state = State::with_modules(Document::default(), areas(), only(true, false));
    state.apply(Action::Import(at("canvas")));
    assert_eq!(state.view, View::Step(0));
    assert!(!state.apply(Action::Go(View::Canvas)));

    let at_results = at("results");
    let canvas_only = only(false, true);
    let mut state = State::with_modules(Document::default(), areas(), canvas_only);
    state.apply(Action::Import(at_results.clone()));
    assert_eq!(state.view, View::Canvas);
    assert_eq!(
        State::with_modules(at_results, areas(), canvas_only).view,
        View::Canvas
    );
}

#[test]
fn moving_around_an_empty_self_check_stores_nothing() {
    let mut state = State::new(Document::default(), areas());
    state.apply(Action::Go(View::Step(1)));
    state.apply(Action::Go(View::Results));
    assert_eq!(state.revision, 0, "nothing entered, nothing to save");
    state.apply(Action::Answer {
        question: "q".into(),
        answer: Some(Answer::Level(1)),
    });
    assert_eq!(state.doc.position.as_deref(), Some("results"));
    let revision = state.revision;
    state.apply(Action::Go(View::Step(2)));
    assert_eq!(
        state.revision,
        revision + 1,
        "now the position is worth keeping"
    );
}

#[test]
fn a_reload_from_another_tab_is_shown_but_not_saved_again() {
    let mut state = State::new(Document::default(), areas());
    state.apply(Action::Go(View::Step(3)));
    let revision = state.revision;
    let mut other = Document::default();
    other.answers.insert("x".into(), Answer::Level(1));
    state.apply(Action::Reloaded(other.clone()));
    assert_eq!(*state.doc, other);
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

fn canvas_named(state: &mut State, name: &str) -> String {
    state.apply(Action::Canvas(CanvasAction::Create { name: name.into() }));
    state.canvas.clone().unwrap()
}

fn ids(state: &State) -> Vec<String> {
    state.doc.canvases.iter().map(|c| c.id.clone()).collect()
}

#[test]
fn undo_after_creating_another_canvas_never_shares_an_id() {
    // The review's steps: Alpha and Beta, delete Beta, create Gamma, Undo.
    let mut state = State::new(Document::default(), areas());
    canvas_named(&mut state, "Alpha");
    let beta = canvas_named(&mut state, "Beta");
    state.apply(Action::Canvas(CanvasAction::Delete));
    let gamma = canvas_named(&mut state, "Gamma");
    assert_ne!(
        gamma, beta,
        "a new canvas never takes the id Undo may bring back"
    );
    state.apply(Action::Canvas(CanvasAction::Undelete));
    assert_eq!(ids(&state).len(), 3);
    assert!(state.doc.check_limits().is_ok(), "{:?}", ids(&state));
    let names: Vec<&str> = state.doc.canvases.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Alpha", "Beta", "Gamma"]);
    // A document from outside (another tab) that has the deleted canvas's id drops the Undo,
    // so a restore can never make two canvases share an id.
    let mut state = State::new(Document::default(), areas());
    canvas_named(&mut state, "Alpha");
    let beta = canvas_named(&mut state, "Beta");
    state.apply(Action::Canvas(CanvasAction::Delete));
    let mut other = (*state.doc).clone();
    other
        .canvases_mut()
        .push(greenfit::model::canvas::Canvas::new(beta, "Other"));
    state.apply(Action::Reloaded(other));
    assert!(state.deleted.is_none());
    assert!(!state.apply(Action::Canvas(CanvasAction::Undelete)));
    assert_eq!(ids(&state).len(), 2);
}

#[test]
fn undo_at_the_canvas_limit_is_refused_and_stays_offered() {
    let mut state = State::new(Document::default(), areas());
    for n in 0..greenfit::model::canvas::MAX_CANVASES {
        canvas_named(&mut state, &format!("C{n}"));
    }
    state.apply(Action::Canvas(CanvasAction::Delete));
    canvas_named(&mut state, "One too many?");
    assert_eq!(
        state.doc.canvases.len(),
        greenfit::model::canvas::MAX_CANVASES
    );
    let revision = state.revision;
    state.apply(Action::Canvas(CanvasAction::Undelete));
    assert_eq!(
        state.doc.canvases.len(),
        greenfit::model::canvas::MAX_CANVASES
    );
    assert_eq!(state.revision, revision, "nothing to save");
    assert_eq!(state.notice.as_ref().unwrap().key, "canvas.error_too_many");
    assert!(
        state.deleted.is_some(),
        "delete another canvas, then Undo still works"
    );
    state.apply(Action::Canvas(CanvasAction::Delete));
    state.apply(Action::Canvas(CanvasAction::Undelete));
    assert!(state.doc.check_limits().is_ok());
}

#[test]
fn a_change_that_would_outgrow_the_stored_size_is_refused() {
    use greenfit::model::document::MAX_DOC_BYTES;
    let mut state = State::new(Document::default(), areas());
    let id = canvas_named(&mut state, "Full");
    let long = "ü".repeat(greenfit::model::canvas::MAX_ITEM_CHARS);
    for block in Block::ALL {
        for _ in 0..greenfit::model::canvas::MAX_ITEMS {
            state.apply(Action::Canvas(CanvasAction::Add {
                block,
                text: long.clone(),
            }));
        }
    }
    let mut refused = false;
    for n in 0..30 {
        state.apply(Action::Canvas(CanvasAction::Select(id.clone())));
        let before = state.doc.clone();
        state.apply(Action::Canvas(CanvasAction::Duplicate {
            name: format!("Copy {n}"),
        }));
        if state.doc == before {
            assert_eq!(state.notice.as_ref().unwrap().key, "data.full");
            assert!(
                Rc::ptr_eq(&state.doc, &before),
                "the document shared before stays"
            );
            refused = true;
            break;
        }
        assert!(state.doc.to_json().len() <= MAX_DOC_BYTES);
    }
    assert!(refused, "copies of a full canvas reach the size limit");
    assert!(state.doc.check_limits().is_ok());
}

#[test]
fn another_tabs_save_keeps_the_canvas_on_screen_and_undo() {
    let mut state = State::new(Document::default(), areas());
    canvas_named(&mut state, "A");
    canvas_named(&mut state, "B");
    let c = canvas_named(&mut state, "C");
    state.apply(Action::Canvas(CanvasAction::Select(
        state.doc.canvases[1].id.clone(),
    )));
    state.apply(Action::Canvas(CanvasAction::Delete));
    state.apply(Action::Canvas(CanvasAction::Select(c.clone())));
    let mut other_tab = (*state.doc).clone();
    other_tab.answers.insert("q".into(), Answer::Level(3));
    state.apply(Action::Reloaded(other_tab));
    assert_eq!(state.canvas.as_deref(), Some(c.as_str()));
    assert!(state.deleted.is_some());
    state.apply(Action::Canvas(CanvasAction::Undelete));
    assert_eq!(state.doc.canvases.len(), 3);
}

#[test]
fn delete_everything_leaves_no_undo_behind() {
    let mut state = State::new(Document::default(), areas());
    canvas_named(&mut state, "Secret plans");
    state.apply(Action::Canvas(CanvasAction::Delete));
    state.apply(Action::Cleared);
    assert!(state.deleted.is_none());
    assert!(!state.apply(Action::Canvas(CanvasAction::Undelete)));
}

#[test]
fn the_largest_document_the_limits_allow_stores_exports_and_imports() {
    use greenfit::model::canvas::{Canvas, Item, MAX_ITEMS, MAX_ITEM_CHARS};
    use greenfit::model::content::Content;
    use greenfit::model::document::{Snapshot, MAX_DOC_BYTES, MAX_IMPORT_BYTES, MAX_SNAPSHOTS};
    let content = Content::english();
    let mut doc = Document::default();
    for (i, question) in content.areas.iter().flat_map(|a| &a.questions).enumerate() {
        doc.answers
            .insert(question.id.clone(), Answer::Level((i % 5) as u8));
    }
    doc.snapshots = (0..MAX_SNAPSHOTS)
        .map(|n| Snapshot {
            taken_at: format!("2026-11-{:02}T10:00:00.000Z", n % 28 + 1),
            answers: doc.answers.clone(),
            earlier_answers: Default::default(),
        })
        .collect::<Vec<_>>()
        .into();
    // Canvases of the longest items (two-byte letters) up to the limit: estimated first, then
    // measured item by item for the last stretch.
    let long = "ü".repeat(MAX_ITEM_CHARS);
    let item = |block: Block, i: usize| Item {
        id: format!("{}{i}", block.id()),
        text: long.clone(),
        importance: if block.is_rated() { 2 } else { 0 },
        links: Vec::new(),
    };
    let mut estimate = doc.to_json().len();
    let mut stopped_at = None;
    'fill: for c in 0.. {
        doc.canvases_mut()
            .push(Canvas::new(format!("canvas-{c}"), &format!("Canvas {c}")));
        for block in Block::ALL {
            for i in 0..MAX_ITEMS {
                let next = item(block, i);
                estimate += greenfit::model::json::to_string(&next).len() + 16;
                doc.canvases_mut()[c].items_mut(block).push(next);
                if estimate > MAX_DOC_BYTES - 20_000 && doc.to_json().len() > MAX_DOC_BYTES {
                    doc.canvases_mut()[c].items_mut(block).pop();
                    stopped_at = Some((doc.canvases_mut()[c].id.clone(), block));
                    break 'fill;
                }
            }
        }
    }
    assert!(doc.check_limits().is_ok());
    let stored = doc.to_json();
    assert!(
        stored.len() > MAX_DOC_BYTES - 1000,
        "{} bytes: at the limit",
        stored.len()
    );
    // It reads back, exports within the file limit, and the export imports as the same document.
    assert_eq!(Document::parse(&stored).unwrap(), doc);
    let exported = doc.export_json(&content, "2026-12-01T10:00:00.000Z");
    assert!(
        exported.len() <= MAX_IMPORT_BYTES,
        "{} bytes",
        exported.len()
    );
    assert_eq!(Document::parse(&exported).unwrap(), doc);
    // One more item is refused, with the message, and nothing changes.
    let (canvas, block) = stopped_at.expect("the limit was reached");
    let mut state = State::new(doc.clone(), areas());
    state.apply(Action::Canvas(CanvasAction::Select(canvas)));
    state.apply(Action::Canvas(CanvasAction::Add { block, text: long }));
    assert_eq!(*state.doc, doc);
    assert_eq!(
        state.notice.as_ref().map(|n| n.key.as_str()),
        Some("data.full")
    );
}

/// The save waits for the paint, so `saved_at` comes later: a canvas made and deleted at once
/// has left a stored (empty) document, and moving on must update its position, or a reload
/// would open elsewhere than the screen shows.
#[test]
fn moving_on_after_a_save_still_waiting_is_saved_too() {
    let mut state = State::new(Document::default(), areas());
    state.apply(Action::Canvas(CanvasAction::Create { name: "A".into() }));
    state.apply(Action::Canvas(CanvasAction::Delete));
    assert!(state.doc.is_empty() && state.doc.saved_at.is_none());
    let revision = state.revision;
    state.apply(Action::Go(View::Step(1)));
    assert!(state.revision > revision, "the new position is saved");
    // Once saved, and after "delete everything", moving around stores nothing again.
    state.apply(Action::Cleared);
    let revision = state.revision;
    state.apply(Action::Go(View::Step(2)));
    assert_eq!(state.revision, revision);
}

/// An answer is checked against the size limit without writing out the whole document while
/// the bound it keeps is far from the limit; near it, the document is counted. Either way an
/// answer is refused exactly when the document with it would be too large to store.
#[test]
fn answers_near_the_size_limit_are_refused_exactly_when_too_large() {
    use greenfit::model::document::MAX_DOC_BYTES;
    // Filler answers, `"filler-000123":3,` (18 bytes each), until the stored document is a
    // few hundred bytes short of the limit.
    let mut doc = Document::default();
    doc.answers.insert("filler-000000".into(), Answer::Level(0));
    let count = (MAX_DOC_BYTES - 700 - doc.to_json().len()) / 18;
    for n in 1..=count {
        doc.answers
            .insert(format!("filler-{n:06}"), Answer::Level((n % 5) as u8));
    }
    let size = doc.to_json().len();
    assert!(
        (MAX_DOC_BYTES - 720..=MAX_DOC_BYTES - 700).contains(&size),
        "{size}"
    );
    let mut state = State::new(doc, areas());
    let (mut accepted, mut refused) = (0, 0);
    for i in 0..40 {
        let question = format!("question-{i:02}");
        let answer = if i % 3 == 0 {
            Answer::NotRelevant
        } else {
            Answer::Level(4)
        };
        let mut with_it = (*state.doc).clone();
        with_it.answers.insert(question.clone(), answer);
        let fits = with_it.to_json().len() <= MAX_DOC_BYTES;
        state.notice = None;
        state.apply(Action::Answer {
            question: question.clone(),
            answer: Some(answer),
        });
        assert_eq!(
            state.doc.answers.get(&question).is_some(),
            fits,
            "answer {i}"
        );
        if fits {
            accepted += 1;
        } else {
            refused += 1;
            assert_eq!(state.notice.as_ref().unwrap().key, "data.full");
        }
        assert!(state.doc.to_json().len() <= MAX_DOC_BYTES);
        // Every third answer is saved (a visitor answering quickly gives several before the
        // paint): the time it stamps is a few bytes the bound counts too.
        if i % 3 == 2 {
            state.apply(Action::Saved {
                at: format!("2026-12-02T05:{i:02}:00.000Z"),
            });
        }
    }
    assert!(
        accepted > 5 && refused > 5,
        "{accepted} accepted, {refused} refused"
    );
}
