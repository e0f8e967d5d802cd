//! Stored equals shown: random sequences of visitor actions run through the real reducer
//! (`State::apply`) and the real `Store` on in-memory backends, with the same wiring the app
//! calls (`Store::start`, `defer` after every change that moved the revision and `flush` after
//! the paint, `keep` for imports, `clear_by`, `reloaded` when a sibling on the same key or
//! another tab saved). Only the browser's part is played here: paints, which may come after
//! several more steps (host scripts, other tabs), the `storage` event, and Yew's queue of
//! actions. After every paint, for every widget: what a reload would read equals what is on
//! screen, it is within the read limits, and a refused import leaves the stored bytes as they
//! were.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use proptest::prelude::*;

use greenfit::model::answers::Answer;
use greenfit::model::canvas::Block;
use greenfit::model::content::Content;
use greenfit::model::document::{Document, MAX_DOC_BYTES, MAX_IMPORT_BYTES};
use greenfit::model::session::{Action, CanvasAction, Modules, State, View};
use greenfit::store::{Backend, Failure, Loaded, Memory, Mode, Store};

/// A browser's storage for one origin, shared by tabs, with an optional quota in bytes.
#[derive(Default)]
struct Disk {
    memory: Memory,
    used: Cell<usize>,
    quota: Cell<Option<usize>>,
    /// A `storage` event waiting for each tab (0: the page, 1: the other tab).
    events: [Cell<bool>; 2],
}

impl Disk {
    fn size(&self, key: &str) -> usize {
        self.memory
            .get(key)
            .unwrap()
            .map_or(0, |value| key.len() + value.len())
    }
}

/// One tab's use of the disk: a change it makes is an event for the other tab.
struct TabDisk {
    disk: Rc<Disk>,
    tab: usize,
}

impl TabDisk {
    fn tell_the_other_tab_if(
        &self,
        key: &str,
        change: impl FnOnce() -> Result<(), Failure>,
    ) -> Result<(), Failure> {
        let before = self.disk.get(key)?;
        change()?;
        if self.disk.get(key)? != before {
            self.disk.events[1 - self.tab].set(true);
        }
        Ok(())
    }
}

impl Backend for TabDisk {
    fn get(&self, key: &str) -> Result<Option<String>, Failure> {
        self.disk.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), Failure> {
        self.tell_the_other_tab_if(key, || self.disk.set(key, value))
    }
    fn remove(&self, key: &str) -> Result<(), Failure> {
        self.tell_the_other_tab_if(key, || self.disk.remove(key))
    }
}

impl Backend for Disk {
    fn get(&self, key: &str) -> Result<Option<String>, Failure> {
        self.memory.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), Failure> {
        let used = self.used.get() - self.size(key) + key.len() + value.len();
        if self.quota.get().is_some_and(|quota| used > quota) {
            return Err(Failure::Full);
        }
        self.used.set(used);
        self.memory.set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), Failure> {
        self.used.set(self.used.get() - self.size(key));
        self.memory.remove(key)
    }
}

const KEY: &str = "greenfit:shared:doc";

fn areas() -> Vec<String> {
    Content::english()
        .areas
        .iter()
        .map(|a| a.id.clone())
        .collect()
}

fn questions() -> Vec<String> {
    let content = Content::english();
    content
        .areas
        .iter()
        .flat_map(|a| a.questions.iter().map(|q| q.id.clone()))
        .take(8)
        .collect()
}

/// One widget: its state, its store, whether a sibling told it to reload, and the `Saved`
/// actions its deferred saves queued (Yew runs them before the next action).
struct Widget {
    state: State,
    store: Rc<Store>,
    me: usize,
    told: Rc<Cell<bool>>,
    queued: Rc<RefCell<Vec<String>>>,
}

impl Widget {
    /// Runs what is queued, then `action`, as Yew's queue does.
    fn apply(&mut self, action: Action) {
        self.run_queued();
        self.state.apply(action);
    }

    fn run_queued(&mut self) -> bool {
        let queued = std::mem::take(&mut *self.queued.borrow_mut());
        let any = !queued.is_empty();
        for at in queued {
            self.state.apply(Action::Saved { at });
        }
        any
    }
}

/// The world: a page with two widgets on one storage key, and a second tab with one.
struct World {
    disk: Rc<Disk>,
    page: Vec<Widget>,
    tab: Widget,
    clock: u64,
    /// The widget whose change the browser has not painted yet.
    unpainted: Option<Who>,
}

fn widget(store: &Rc<Store>, modules: Modules) -> Widget {
    let told = Rc::new(Cell::new(false));
    let me = store.listen({
        let told = told.clone();
        move || told.set(true)
    });
    Widget {
        state: store.start(areas(), modules).0,
        store: store.clone(),
        me,
        told,
        queued: Rc::default(),
    }
}

/// What the app does when the stored document changed under it (ui/app.rs `reload`).
fn reload(w: &mut Widget, quiet: bool) {
    if let Some(action) = w.store.reloaded(quiet) {
        assert!(
            !matches!(action, Action::Notify(_)),
            "stored data became unreadable"
        );
        w.apply(action);
    } else {
        w.run_queued();
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    First,
    Second,
    OtherTab,
}

#[derive(Debug, Clone)]
enum Step {
    Answer(usize, Option<u8>),
    Go(u8),
    Profile(u8, String),
    Snapshot,
    Create(String),
    Select(usize),
    Rename(String),
    Duplicate,
    Delete,
    Undelete,
    Add(u8, String),
    Edit(u8, usize, String),
    Remove(u8, usize),
    Importance(u8, usize, u8),
    Link(usize, usize, bool),
    ExportImport,
    ImportOther(u8),
    ImportBroken(String),
    Clear,
    SwitchLanguage,
    StorageFills,
    StorageFrees,
}

fn block(n: u8) -> Block {
    Block::ALL[usize::from(n) % Block::ALL.len()]
}

fn answer(n: u8) -> Answer {
    match n {
        0..=4 => Answer::Level(n),
        5 => Answer::NotRelevant,
        _ => Answer::DontKnow,
    }
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z ]{0,12}",
        Just("<b>bold</b> & \"quotes\"".to_owned()),
        Just("   ".to_owned()),
        Just("é".repeat(250)),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0..8usize, proptest::option::of(0..7u8)).prop_map(|(q, a)| Step::Answer(q, a)),
        2 => (0..13u8).prop_map(Step::Go),
        1 => (0..4u8, text()).prop_map(|(f, t)| Step::Profile(f, t)),
        1 => Just(Step::Snapshot),
        2 => text().prop_map(Step::Create),
        1 => (0..4usize).prop_map(Step::Select),
        1 => text().prop_map(Step::Rename),
        1 => Just(Step::Duplicate),
        2 => Just(Step::Delete),
        2 => Just(Step::Undelete),
        3 => (0..6u8, text()).prop_map(|(b, t)| Step::Add(b, t)),
        1 => (0..6u8, 0..3usize, text()).prop_map(|(b, i, t)| Step::Edit(b, i, t)),
        1 => (0..6u8, 0..3usize).prop_map(|(b, i)| Step::Remove(b, i)),
        1 => (0..6u8, 0..3usize, 0..5u8).prop_map(|(b, i, l)| Step::Importance(b, i, l)),
        1 => (0..3usize, 0..3usize, any::<bool>()).prop_map(|(i, t, on)| Step::Link(i, t, on)),
        1 => Just(Step::ExportImport),
        2 => (0..4u8).prop_map(Step::ImportOther),
        1 => prop_oneof![
            Just("{oops".to_owned()),
            Just("[]".to_owned()),
            Just(r#"{"format":"greenfit","version":99}"#.to_owned()),
            Just(r#"{"format":"greenfit","version":1,"canvases":[{"id":"a","name":"x"},{"id":"a","name":"y"}]}"#.to_owned()),
            Just(r#"{"format":"greenfit","version":1,"profile":{"size":"huge"}}"#.to_owned()),
            Just(" ".repeat(MAX_IMPORT_BYTES + 1)),
        ]
        .prop_map(Step::ImportBroken),
        1 => Just(Step::Clear),
        1 => Just(Step::SwitchLanguage),
        1 => Just(Step::StorageFills),
        1 => Just(Step::StorageFrees),
    ]
}

fn who() -> impl Strategy<Value = Who> {
    prop_oneof![3 => Just(Who::First), 1 => Just(Who::Second), 1 => Just(Who::OtherTab)]
}

/// A valid document from elsewhere (another device's export).
fn other_document(seed: u8) -> Document {
    let mut state = State::new(Document::default(), areas());
    for (n, q) in questions().iter().enumerate().take(usize::from(seed) + 1) {
        state.apply(Action::Answer {
            question: q.clone(),
            answer: Some(answer((n as u8 + seed) % 7)),
        });
    }
    if seed % 2 == 1 {
        state.apply(Action::Canvas(CanvasAction::Create {
            name: format!("Imported {seed}"),
        }));
        state.apply(Action::Canvas(CanvasAction::Add {
            block: Block::Pains,
            text: "Energy bills".into(),
        }));
    }
    let mut doc = std::rc::Rc::unwrap_or_clone(state.doc);
    doc.position = Some(if seed == 2 { "canvas" } else { "results" }.to_owned());
    doc
}

impl World {
    fn new() -> World {
        let disk = Rc::new(Disk::default());
        let store = |disk: &Rc<Disk>, tab: usize| {
            let disk = TabDisk {
                disk: disk.clone(),
                tab,
            };
            Rc::new(Store::new(
                Some(Box::new(disk) as Box<dyn Backend>),
                "shared",
            ))
        };
        let page_store = store(&disk, 0);
        let page = vec![
            widget(&page_store, Modules::default()),
            widget(
                &page_store,
                Modules {
                    selfcheck: false,
                    canvas: true,
                },
            ),
        ];
        let tab = widget(&store(&disk, 1), Modules::default());
        World {
            disk,
            page,
            tab,
            clock: 0,
            unpainted: None,
        }
    }

    fn now(&mut self) -> String {
        self.clock += 1;
        format!(
            "2026-11-25T10:{:02}:{:02}.000Z",
            self.clock / 60 % 60,
            self.clock % 60
        )
    }

    fn widget(&mut self, who: Who) -> &mut Widget {
        match who {
            Who::First => &mut self.page[0],
            Who::Second => &mut self.page[1],
            Who::OtherTab => &mut self.tab,
        }
    }

    /// Delivers what the app's listeners would, until nothing is left: queued `Saved` actions,
    /// sibling notices, then `storage` events in the other tab.
    fn deliver(&mut self) {
        loop {
            let mut busy = false;
            for w in self.page.iter_mut().chain([&mut self.tab]) {
                busy |= w.run_queued();
                if w.told.replace(false) {
                    reload(w, true);
                    busy = true;
                }
            }
            if self.disk.events[0].replace(false) {
                self.page.iter_mut().for_each(|w| reload(w, false));
                busy = true;
            }
            if self.disk.events[1].replace(false) {
                reload(&mut self.tab, false);
                busy = true;
            }
            if !busy {
                return;
            }
        }
    }

    /// The browser painted: every deferred save is written (`after_paint` in ui/app.rs).
    fn paint(&mut self) {
        self.unpainted = None;
        self.page[0].store.flush();
        self.tab.store.flush();
        self.deliver();
    }

    /// One visitor action in one widget, as the app runs it: the save is deferred to the paint.
    fn dispatch(&mut self, who: Who, action: Action) {
        let at = self.now();
        let w = self.widget(who);
        w.run_queued();
        let revision = w.state.revision;
        w.state.apply(action);
        if w.state.revision != revision {
            let queued = w.queued.clone();
            w.store.defer(
                w.state.doc.clone(),
                &at,
                w.me,
                Box::new(move |at| queued.borrow_mut().push(at.to_owned())),
            );
            self.unpainted = Some(who);
        }
        self.deliver();
    }

    /// `Env::import`: store first, then show.
    fn import(&mut self, who: Who, text: &str) {
        let before = self.disk.get(KEY).unwrap();
        let at = self.now();
        let w = self.widget(who);
        match Document::parse(text) {
            Ok(doc) => {
                let doc = w.store.keep(doc, &at, w.me);
                w.apply(Action::Import(doc));
                self.deliver();
            }
            Err(_) => assert_eq!(
                self.disk.get(KEY).unwrap(),
                before,
                "a refused import changes nothing stored"
            ),
        }
    }

    fn run(&mut self, who: Who, step: Step) {
        // A visitor acts in one widget at a time, so the browser paints before they act in
        // another. A host page's script may import or delete at any moment.
        let by_script = matches!(
            step,
            Step::ExportImport | Step::ImportOther(_) | Step::ImportBroken(_) | Step::Clear
        );
        if !by_script && self.unpainted.is_some_and(|w| w != who) {
            self.paint();
        }
        let current = |w: &Widget| w.state.current_canvas().cloned();
        let item = |w: &Widget, b: u8, i: usize| {
            current(w).and_then(|c| c.items(block(b)).get(i).map(|item| item.id.clone()))
        };
        match step {
            Step::Answer(q, a) => self.dispatch(
                who,
                Action::Answer {
                    question: questions()[q].clone(),
                    answer: a.map(answer),
                },
            ),
            Step::Go(n) => {
                let view = match n {
                    10 => View::Results,
                    11 => View::Canvas,
                    12 => View::Data,
                    n => View::Step(usize::from(n)),
                };
                self.dispatch(who, Action::Go(view));
            }
            Step::Profile(f, value) => {
                let field = ["sector", "size", "country", "size"][usize::from(f)];
                let value = if f == 3 { "medium".to_owned() } else { value };
                self.dispatch(
                    who,
                    Action::Profile {
                        field: field.into(),
                        value,
                    },
                );
            }
            Step::Snapshot => {
                let at = self.now();
                self.dispatch(who, Action::KeepSnapshot { at });
            }
            Step::Create(name) => self.dispatch(who, Action::Canvas(CanvasAction::Create { name })),
            Step::Select(n) => {
                let id = self
                    .widget(who)
                    .state
                    .doc
                    .canvases
                    .get(n)
                    .map(|c| c.id.clone());
                if let Some(id) = id {
                    self.dispatch(who, Action::Canvas(CanvasAction::Select(id)));
                }
            }
            Step::Rename(name) => self.dispatch(who, Action::Canvas(CanvasAction::Rename(name))),
            Step::Duplicate => self.dispatch(
                who,
                Action::Canvas(CanvasAction::Duplicate {
                    name: "Copy".into(),
                }),
            ),
            Step::Delete => self.dispatch(who, Action::Canvas(CanvasAction::Delete)),
            Step::Undelete => self.dispatch(who, Action::Canvas(CanvasAction::Undelete)),
            Step::Add(b, text) => self.dispatch(
                who,
                Action::Canvas(CanvasAction::Add {
                    block: block(b),
                    text,
                }),
            ),
            Step::Edit(b, i, text) => {
                if let Some(id) = item(self.widget(who), b, i) {
                    self.dispatch(
                        who,
                        Action::Canvas(CanvasAction::Edit {
                            block: block(b),
                            id,
                            text,
                        }),
                    );
                }
            }
            Step::Remove(b, i) => {
                if let Some(id) = item(self.widget(who), b, i) {
                    let block = block(b);
                    self.dispatch(who, Action::Canvas(CanvasAction::Remove { block, id }));
                }
            }
            Step::Importance(b, i, importance) => {
                if let Some(id) = item(self.widget(who), b, i) {
                    let block = block(b);
                    let action = CanvasAction::Importance {
                        block,
                        id,
                        importance,
                    };
                    self.dispatch(who, Action::Canvas(action));
                }
            }
            Step::Link(i, t, on) => {
                let w = self.widget(who);
                if let (Some(id), Some(target)) = (item(w, 4, i), item(w, 1, t)) {
                    let action = CanvasAction::Link {
                        block: Block::Relievers,
                        id,
                        target,
                        on,
                    };
                    self.dispatch(who, Action::Canvas(action));
                }
            }
            Step::ExportImport => {
                let shown = self.widget(who).state.doc.clone();
                let text = shown.export_json(&Content::english(), "2026-11-25T12:00:00.000Z");
                let back = Document::parse(&text).expect("an export always imports");
                assert_eq!(back, *shown, "export then import is the identity");
                self.import(who, &text);
            }
            Step::ImportOther(seed) => {
                let text = other_document(seed).export_json(&Content::english(), "x");
                self.import(who, &text);
            }
            Step::ImportBroken(text) => self.import(who, &text),
            Step::Clear => {
                let w = self.widget(who);
                w.store.clear_by(w.me);
                w.apply(Action::Cleared);
                self.deliver();
            }
            Step::SwitchLanguage => {
                // The app re-mounts with the same store, at the same screen.
                // The old app's last deferred save is written as it stops.
                let w = self.widget(who);
                w.store.flush();
                w.run_queued();
                let shown = w.state.doc.clone();
                let (mut state, _) = w.store.start(areas(), w.state.modules);
                state.resume_at(w.state.view.clone());
                assert!(
                    state.doc == shown || (state.doc.is_empty() && shown.is_empty()),
                    "a language switch shows what was on screen"
                );
                w.state = state;
            }
            Step::StorageFills => self.disk.quota.set(Some(600)),
            Step::StorageFrees => self.disk.quota.set(None),
        }
    }

    /// After the paint: stored equals shown, for every widget; stored text within the read
    /// limits.
    fn check(&mut self, after: &str) {
        self.paint();
        if let Some(text) = self.disk.get(KEY).unwrap() {
            assert!(
                text.len() <= MAX_DOC_BYTES,
                "{after}: stored text too large"
            );
            Document::parse(&text)
                .unwrap_or_else(|e| panic!("{after}: stored text unreadable: {e}"));
        }
        for (name, w) in [
            ("first", &self.page[0]),
            ("second", &self.page[1]),
            ("tab", &self.tab),
        ] {
            let shown = &w.state.doc;
            assert!(
                shown.check_limits().is_ok(),
                "{after}: {name} shows a broken document"
            );
            match w.store.load() {
                Loaded::Fresh => assert!(
                    shown.is_empty(),
                    "{after}: {name} shows data that a reload would not bring back"
                ),
                Loaded::Document(stored) => {
                    assert_eq!(
                        stored, **shown,
                        "{after}: {name}: stored differs from shown"
                    );
                    let reloaded = State::with_modules(stored, areas(), w.state.modules);
                    assert_eq!(&reloaded.doc, shown, "{after}: {name}: a reload differs");
                }
                Loaded::Unreadable { error, .. } => panic!("{after}: {name}: unreadable: {error}"),
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn stored_always_equals_shown(
        steps in proptest::collection::vec((who(), step(), any::<bool>()), 1..60),
    ) {
        let mut world = World::new();
        for (n, (who, step, painted)) in steps.into_iter().enumerate() {
            let label = format!("step {n}: {who:?} {step:?}");
            world.run(who, step);
            // Without a paint, the next step finds this one's save still deferred.
            if painted {
                world.check(&label);
            }
        }
        world.check("the end");
    }
}

/// The review's first bug, exactly: two imports in a row, then a reload.
#[test]
fn every_import_in_a_row_is_stored() {
    let mut world = World::new();
    for seed in [0, 1, 3] {
        let text = other_document(seed).export_json(&Content::english(), "x");
        world.import(Who::First, &text);
        world.check(&format!("import {seed}"));
    }
    let Loaded::Document(stored) = world.page[0].store.load() else {
        panic!("nothing stored");
    };
    assert_eq!(stored.answers, other_document(3).answers);
    // And an import right after exactly one change.
    let mut world = World::new();
    world.run(Who::First, Step::Answer(0, Some(2)));
    world.import(
        Who::First,
        &other_document(0).export_json(&Content::english(), "x"),
    );
    world.check("import after one change");
}

/// Two widgets on one key: an answer in the first survives the second's next save.
#[test]
fn two_widgets_on_one_key_keep_each_others_saves() {
    let mut world = World::new();
    world.run(Who::First, Step::Answer(0, Some(3)));
    world.run(Who::Second, Step::Create("Service".into()));
    world.check("after both saved");
    let Loaded::Document(stored) = world.page[0].store.load() else {
        panic!("nothing stored");
    };
    assert_eq!(stored.answers.len(), 1);
    assert_eq!(stored.canvases.len(), 1);
}

/// When the storage quota fills up mid-session, the widget keeps working in memory, says so,
/// and what was saved before stays stored.
#[test]
fn a_full_storage_keeps_everything_in_memory_and_loses_nothing_saved() {
    let mut world = World::new();
    world.run(Who::First, Step::Answer(0, Some(3)));
    world.paint();
    let saved = world.disk.get(KEY).unwrap().unwrap();
    world.disk.quota.set(Some(saved.len() + 40));
    world.run(Who::First, Step::Add(0, "é".repeat(150)));
    world.run(Who::First, Step::Create("Big".into()));
    world.run(Who::First, Step::Add(0, "é".repeat(150)));
    world.paint();
    assert_eq!(world.page[0].store.mode(), Mode::MemoryOnly(Failure::Full));
    assert_eq!(
        world.disk.get(KEY).unwrap().unwrap(),
        saved,
        "the last good save is kept"
    );
    world.check("storage full");
    // Space again: the next change is stored on the device.
    world.disk.quota.set(None);
    world.run(Who::First, Step::Answer(1, Some(1)));
    world.paint();
    assert_eq!(world.page[0].store.mode(), Mode::Device);
    world.check("storage free again");
}
