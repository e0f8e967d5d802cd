//! Storage never loses an answer: fallbacks, backups, namespaces.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use greenfit::model::answers::Answer;
use greenfit::model::document::Document;
use greenfit::model::session::Modules;
use greenfit::store::{Backend, Failure, Loaded, Mode, Store};

/// A fake browser storage shared with the test, which can be made to fail.
#[derive(Clone, Default)]
struct Fake {
    values: Rc<RefCell<BTreeMap<String, String>>>,
    fail_writes: Rc<RefCell<Option<Failure>>>,
}

impl Backend for Fake {
    fn get(&self, key: &str) -> Result<Option<String>, Failure> {
        Ok(self.values.borrow().get(key).cloned())
    }
    fn set(&self, key: &str, value: &str) -> Result<(), Failure> {
        if let Some(failure) = self.fail_writes.borrow().clone() {
            return Err(failure);
        }
        self.values.borrow_mut().insert(key.into(), value.into());
        Ok(())
    }
    fn remove(&self, key: &str) -> Result<(), Failure> {
        self.values.borrow_mut().remove(key);
        Ok(())
    }
}

fn doc_with(question: &str, level: u8) -> Document {
    let mut doc = Document::default();
    doc.answers.insert(question.into(), Answer::Level(level));
    doc
}

#[test]
fn saves_and_loads_under_its_own_namespaced_key() {
    let fake = Fake::default();
    fake.values
        .borrow_mut()
        .insert("host-app-setting".into(), "keep me".into());
    let store = Store::new(Some(Box::new(fake.clone())), "w1");
    assert_eq!(store.load(), Loaded::Fresh);
    assert_eq!(store.save(&doc_with("ee-use", 2)), Mode::Device);
    assert!(fake.values.borrow().contains_key("greenfit:w1:doc"));
    assert_eq!(store.load(), Loaded::Document(doc_with("ee-use", 2)));
    // Clearing removes this widget's keys and nothing else.
    store.clear();
    assert_eq!(store.load(), Loaded::Fresh);
    assert_eq!(
        fake.values.borrow().get("host-app-setting").unwrap(),
        "keep me"
    );
}

#[test]
fn two_namespaces_do_not_share_answers() {
    let fake = Fake::default();
    let a = Store::new(Some(Box::new(fake.clone())), "a");
    let b = Store::new(Some(Box::new(fake.clone())), "b");
    a.save(&doc_with("ee-use", 1));
    assert_eq!(b.load(), Loaded::Fresh);
    b.save(&doc_with("ee-use", 4));
    assert_eq!(a.load(), Loaded::Document(doc_with("ee-use", 1)));
    b.clear();
    assert_eq!(a.load(), Loaded::Document(doc_with("ee-use", 1)));
}

#[test]
fn blocked_storage_keeps_working_in_memory() {
    let store = Store::new(None, "w");
    assert_eq!(store.mode(), Mode::MemoryOnly(Failure::Blocked));
    assert_eq!(
        store.save(&doc_with("ee-use", 3)),
        Mode::MemoryOnly(Failure::Blocked)
    );
    assert_eq!(store.load(), Loaded::Document(doc_with("ee-use", 3)));
}

#[test]
fn a_full_storage_keeps_the_newest_answers_in_memory_and_recovers() {
    let fake = Fake::default();
    let store = Store::new(Some(Box::new(fake.clone())), "w");
    store.save(&doc_with("ee-use", 1));
    *fake.fail_writes.borrow_mut() = Some(Failure::Full);
    assert_eq!(
        store.save(&doc_with("ee-use", 2)),
        Mode::MemoryOnly(Failure::Full)
    );
    // The newer answer wins over the older stored one.
    assert_eq!(store.load(), Loaded::Document(doc_with("ee-use", 2)));
    *fake.fail_writes.borrow_mut() = None;
    assert_eq!(store.save(&doc_with("ee-use", 3)), Mode::Device);
    assert_eq!(
        Document::parse(fake.values.borrow().get("greenfit:w:doc").unwrap()).unwrap(),
        doc_with("ee-use", 3)
    );
}

#[test]
fn unreadable_data_is_backed_up_before_anything_is_written() {
    let fake = Fake::default();
    fake.values
        .borrow_mut()
        .insert("greenfit:w:doc".into(), "{broken".into());
    let store = Store::new(Some(Box::new(fake.clone())), "w");
    match store.load() {
        Loaded::Unreadable { backup_key, .. } => {
            assert_eq!(backup_key.as_deref(), Some("greenfit:w:backup"))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        fake.values.borrow().get("greenfit:w:backup").unwrap(),
        "{broken"
    );
    assert_eq!(
        store.backup(),
        Some(("greenfit:w:backup".into(), "{broken".into()))
    );
    // Loading again does not make a second copy of the same text.
    store.load();
    assert!(!fake.values.borrow().contains_key("greenfit:w:backup-2"));
    // Saving now is safe: the backup stays.
    store.save(&doc_with("ee-use", 1));
    assert_eq!(
        fake.values.borrow().get("greenfit:w:backup").unwrap(),
        "{broken"
    );
}

#[test]
fn a_second_kind_of_damage_gets_its_own_backup() {
    let fake = Fake::default();
    fake.values
        .borrow_mut()
        .insert("greenfit:w:backup".into(), "old damage".into());
    fake.values.borrow_mut().insert(
        "greenfit:w:doc".into(),
        r#"{"format":"greenfit","version":9}"#.into(),
    );
    let store = Store::new(Some(Box::new(fake.clone())), "w");
    assert!(matches!(store.load(), Loaded::Unreadable { .. }));
    assert_eq!(
        fake.values.borrow().get("greenfit:w:backup").unwrap(),
        "old damage"
    );
    assert!(fake
        .values
        .borrow()
        .get("greenfit:w:backup-2")
        .unwrap()
        .contains("\"version\":9"));
}

#[test]
fn when_the_backup_fails_nothing_is_written_over_the_unreadable_data() {
    let fake = Fake::default();
    fake.values
        .borrow_mut()
        .insert("greenfit:w:doc".into(), "{broken".into());
    *fake.fail_writes.borrow_mut() = Some(Failure::Full);
    let store = Store::new(Some(Box::new(fake.clone())), "w");
    assert!(matches!(
        store.load(),
        Loaded::Unreadable {
            backup_key: None,
            ..
        }
    ));
    assert_eq!(store.mode(), Mode::Protecting);
    *fake.fail_writes.borrow_mut() = None;
    assert_eq!(store.save(&doc_with("ee-use", 4)), Mode::Protecting);
    assert_eq!(
        fake.values.borrow().get("greenfit:w:doc").unwrap(),
        "{broken"
    );
    // The new answers live on in memory for this page.
    assert_eq!(store.load(), Loaded::Document(doc_with("ee-use", 4)));
}

#[test]
fn the_language_choice_is_remembered_per_widget_and_deleted_with_the_data() {
    let fake = Fake::default();
    let store = Store::new(Some(Box::new(fake.clone())), "w");
    assert_eq!(store.language(), None);
    store.set_language("de");
    assert_eq!(store.language().as_deref(), Some("de"));
    assert_eq!(fake.values.borrow().get("greenfit:w:lang").unwrap(), "de");
    store.clear();
    assert_eq!(store.language(), None);
    let blocked = Store::new(None, "b");
    blocked.set_language("fr");
    assert_eq!(blocked.language().as_deref(), Some("fr"));
}

/// `Store::defer`: nothing is written until `flush` (after the paint), but every read writes
/// it first, a newer save of the same widget replaces it, another widget's save writes it
/// first, and a delete drops it.
#[test]
fn a_deferred_save_is_written_before_anything_reads_and_in_order() {
    let fake = Fake::default();
    let store = Store::new(Some(Box::new(fake.clone())), "w");
    let key = "greenfit:w:doc";
    let told = Rc::new(RefCell::new(Vec::<String>::new()));
    // Puts off a document answering "ee-use" with `level`, stamped `at`, for the widget `origin`
    // (`who` in what the widgets are told).
    let defer = |level: u8, at: &str, origin: usize, who: &'static str| {
        let told = told.clone();
        let done = move |at: &str| told.borrow_mut().push(format!("{who} {at}"));
        store.defer(
            Rc::new(doc_with("ee-use", level)),
            at,
            origin,
            Box::new(done),
        )
    };
    let sibling = Rc::new(RefCell::new(0));
    let me = store.listen(|| {});
    let other = store.listen({
        let sibling = sibling.clone();
        move || *sibling.borrow_mut() += 1
    });

    // Deferred: not written, but counted as data; a newer change replaces it.
    let shown = defer(1, "t1", me, "me");
    assert_eq!(shown.saved_at.as_deref(), Some("t1"));
    assert!(fake.values.borrow().get(key).is_none());
    assert!(store.has_data());
    defer(2, "t2", me, "me");
    assert!(fake.values.borrow().get(key).is_none());

    // A read writes it first: once, the newest, the widget told its stamp, the sibling told.
    let Loaded::Document(loaded) = store.load() else {
        panic!("nothing loaded");
    };
    assert_eq!(loaded.answers["ee-use"], Answer::Level(2));
    assert_eq!(*told.borrow(), ["me t2"]);
    assert_eq!(*sibling.borrow(), 1);
    store.flush();
    assert_eq!(*told.borrow(), ["me t2"], "nothing left to write");

    // Another widget's save writes the waiting one first.
    defer(3, "t3", me, "me");
    defer(4, "t4", other, "other");
    assert_eq!(*told.borrow(), ["me t2", "me t3"]);
    assert!(fake.values.borrow()[key].contains("\"t3\""));
    store.flush();
    assert!(fake.values.borrow()[key].contains("\"t4\""));

    // An import (`keep`) writes a waiting save before its own; a delete drops one.
    defer(0, "t5", me, "me");
    store.keep(doc_with("ee-use", 1), "t6", me);
    assert_eq!(told.borrow().last().map(String::as_str), Some("me t5"));
    assert!(fake.values.borrow()[key].contains("\"t6\""));
    defer(2, "t7", me, "me");
    assert!(store.clear_by(me));
    store.flush();
    assert!(
        fake.values.borrow().get(key).is_none(),
        "a deleted save stays deleted"
    );
    assert_eq!(told.borrow().last().map(String::as_str), Some("me t5"));
}

/// `Store::missed`: a widget reads its document before it listens for changes; what another
/// tab or widget stored in between reached no listener, and the widget must find it before its
/// next save writes the older document over it.
#[test]
fn a_change_made_while_a_widget_started_is_found_when_it_listens() {
    let areas = || vec!["energy-efficiency".to_owned()];
    let fake = Fake::default();
    let store = Store::new(Some(Box::new(fake.clone())), "w");
    let tab = Store::new(Some(Box::new(fake.clone())), "w");

    // Nothing stored, nothing changed: a fresh visitor has missed nothing.
    let (state, started) = store.start(areas(), Modules::default());
    assert!(state.doc.is_empty());
    assert!(!store.missed(started));

    // Another tab saves between the start and the listening.
    tab.save(&doc_with("ee-use", 1));
    let (state, started) = store.start(areas(), Modules::default());
    assert_eq!(state.doc.answers["ee-use"], Answer::Level(1));
    assert!(!store.missed(started), "what it read is what is stored");
    let (_, started) = store.start(areas(), Modules::default());
    tab.save(&doc_with("ee-use", 3));
    assert!(store.missed(started));
    assert_eq!(store.load(), Loaded::Document(doc_with("ee-use", 3)));

    // A delete in between is a change too.
    let (_, started) = store.start(areas(), Modules::default());
    tab.clear();
    assert!(store.missed(started));

    // Once saving failed, this page's copy in memory is what it reads and compares.
    *fake.fail_writes.borrow_mut() = Some(Failure::Full);
    store.save(&doc_with("ee-use", 2));
    let (state, started) = store.start(areas(), Modules::default());
    assert_eq!(state.doc.answers["ee-use"], Answer::Level(2));
    assert!(!store.missed(started));
}
