//! Where a widget keeps its document: a storage port with an in-memory fallback.
//!
//! [`Store`] never loses an answer: when the browser's storage is blocked or full it keeps the
//! document in memory and says so; a stored document it cannot read is copied to a backup key
//! before anything else is written; and it only ever touches its own `greenfit:` keys.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::model::document::{DocError, Document};
use crate::model::session::{Action, Modules, Notice, State};

pub mod shares;
#[cfg(target_arch = "wasm32")]
pub mod web;

/// Why the browser's storage did not take a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Storage is switched off: a sandboxed frame, privacy settings, blocked cookies.
    Blocked,
    /// The storage quota is used up.
    Full,
}

/// A key-value storage such as `localStorage`.
pub trait Backend {
    fn get(&self, key: &str) -> Result<Option<String>, Failure>;
    fn set(&self, key: &str, value: &str) -> Result<(), Failure>;
    fn remove(&self, key: &str) -> Result<(), Failure>;
}

/// A shared backend: two stores on one `Rc<Memory>` behave like two tabs on one browser.
impl<B: Backend + ?Sized> Backend for Rc<B> {
    fn get(&self, key: &str) -> Result<Option<String>, Failure> {
        (**self).get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), Failure> {
        (**self).set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), Failure> {
        (**self).remove(key)
    }
}

/// A backend that lives as long as the page: the fallback, and a fake for tests.
#[derive(Debug, Default)]
pub struct Memory {
    /// Key and value pairs: a store holds a handful of keys, and a map would bring its own
    /// insert and remove code into the wasm.
    values: RefCell<Vec<(String, String)>>,
}

impl Backend for Memory {
    fn get(&self, key: &str) -> Result<Option<String>, Failure> {
        let values = self.values.borrow();
        Ok(values
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone()))
    }
    fn set(&self, key: &str, value: &str) -> Result<(), Failure> {
        let mut values = self.values.borrow_mut();
        match values.iter_mut().find(|(k, _)| k == key) {
            Some((_, stored)) => value.clone_into(stored),
            None => values.push((key.to_owned(), value.to_owned())),
        }
        Ok(())
    }
    fn remove(&self, key: &str) -> Result<(), Failure> {
        self.values.borrow_mut().retain(|(k, _)| k != key);
        Ok(())
    }
}

/// Whether saves reach the browser's storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Saved on this device, and kept after a reload.
    Device,
    /// Kept in this page only, for the reason given; export still works.
    MemoryOnly(Failure),
    /// The stored data could not be read and could not be backed up either: nothing is written
    /// over it in this session.
    Protecting,
}

/// What loading found.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    Fresh,
    Document(Document),
    /// The stored text could not be read. It was kept under `backup_key` (when that worked),
    /// and the widget starts fresh.
    Unreadable {
        error: DocError,
        backup_key: Option<String>,
    },
}

/// How many backups of unreadable data a widget keeps, before it stops writing.
const MAX_BACKUPS: usize = 5;

/// The stored text a widget started with (see [`Store::missed`]).
pub struct Started(Option<String>);

/// Something to run when another user of the same store changed the document.
type Listener = Rc<dyn Fn()>;

/// A save put off until the browser has painted the change (see [`Store::defer`]).
struct Deferred {
    doc: Rc<Document>,
    origin: usize,
    /// Told the `saved_at` stamp once the document is written, wherever the write happens.
    done: Box<dyn FnOnce(&str)>,
}

/// One widget's storage. Widgets on one page with the same storage key share one `Store`
/// (the page keeps a registry), and tell each other through [`Store::changed_by`]: the
/// browser's `storage` event only reaches other tabs.
pub struct Store {
    backend: Option<Box<dyn Backend>>,
    memory: Memory,
    namespace: String,
    mode: RefCell<Mode>,
    listeners: RefCell<Vec<(usize, Listener)>>,
    next_listener: Cell<usize>,
    deferred: RefCell<Option<Deferred>>,
}

impl Store {
    /// `backend` is `None` when the browser's storage cannot be used at all.
    pub fn new(backend: Option<Box<dyn Backend>>, namespace: &str) -> Store {
        let mode = match backend {
            Some(_) => Mode::Device,
            None => Mode::MemoryOnly(Failure::Blocked),
        };
        Store {
            backend,
            memory: Memory::default(),
            namespace: namespace.to_owned(),
            mode: RefCell::new(mode),
            listeners: RefCell::default(),
            next_listener: Cell::new(1),
            deferred: RefCell::default(),
        }
    }

    /// Runs `listener` whenever another user of this store changed the document. Returns the
    /// id that [`Store::changed_by`] and [`Store::unlisten`] take.
    pub fn listen(&self, listener: impl Fn() + 'static) -> usize {
        let id = self.next_listener.get();
        self.next_listener.set(id + 1);
        self.listeners.borrow_mut().push((id, Rc::new(listener)));
        id
    }

    pub fn unlisten(&self, id: usize) {
        self.listeners.borrow_mut().retain(|(n, _)| *n != id);
    }

    /// Tells every listener but `origin` that the stored document changed.
    pub fn changed_by(&self, origin: usize) {
        let others: Vec<Listener> = self
            .listeners
            .borrow()
            .iter()
            .filter(|(n, _)| *n != origin)
            .map(|(_, listener)| listener.clone())
            .collect();
        for listener in others {
            listener();
        }
    }

    /// True when this widget has anything stored: its document or a backup (or a save that is
    /// about to be written).
    pub fn has_data(&self) -> bool {
        if self.deferred.borrow().is_some() {
            return true;
        }
        let key = self.doc_key();
        if matches!(self.memory.get(&key), Ok(Some(_))) {
            return true;
        }
        let Some(backend) = &self.backend else {
            return false;
        };
        matches!(backend.get(&key), Ok(Some(_))) || self.backup().is_some()
    }

    pub fn mode(&self) -> Mode {
        self.mode.borrow().clone()
    }

    /// The widget's storage namespace (its `storage-key`, its `id`, or `default`, `default-2`...).
    pub fn namespace(&self) -> &str {
        &self.namespace
    }

    /// The key of this widget's document: `greenfit:<namespace>:doc`.
    pub fn doc_key(&self) -> String {
        format!("greenfit:{}:doc", self.namespace)
    }

    fn language_key(&self) -> String {
        format!("greenfit:{}:lang", self.namespace)
    }

    /// The language the visitor chose in this widget, if any.
    pub fn language(&self) -> Option<String> {
        let key = self.language_key();
        match self.memory.get(&key) {
            Ok(Some(lang)) => Some(lang),
            _ => self.backend.as_ref()?.get(&key).ok().flatten(),
        }
    }

    /// Remembers the visitor's language; in memory when the browser refuses.
    pub fn set_language(&self, lang: &str) {
        let key = self.language_key();
        let stored = self
            .backend
            .as_ref()
            .is_some_and(|b| b.set(&key, lang).is_ok());
        if !stored {
            let _ = self.memory.set(&key, lang);
        }
    }

    fn backup_key(&self, n: usize) -> String {
        match n {
            1 => format!("greenfit:{}:backup", self.namespace),
            n => format!("greenfit:{}:backup-{n}", self.namespace),
        }
    }

    /// Reads the document, after writing a deferred save. Memory holds the newest copy once
    /// saving to the device failed.
    pub fn load(&self) -> Loaded {
        self.read().0
    }

    /// [`Store::load`], with the text it read.
    fn read(&self) -> (Loaded, Option<String>) {
        self.flush();
        let text = self.text();
        (self.parse(text.as_deref()), text)
    }

    /// The stored text of the document, as [`Store::load`] reads it (memory first).
    fn text(&self) -> Option<String> {
        let key = self.doc_key();
        match self.memory.get(&key) {
            Ok(Some(text)) => Some(text),
            _ => match &self.backend {
                Some(backend) => match backend.get(&key) {
                    Ok(text) => text,
                    Err(failure) => {
                        *self.mode.borrow_mut() = Mode::MemoryOnly(failure);
                        None
                    }
                },
                None => None,
            },
        }
    }

    /// The document in `text`; unreadable text is copied to a backup first.
    fn parse(&self, text: Option<&str>) -> Loaded {
        let Some(text) = text else {
            return Loaded::Fresh;
        };
        match Document::parse(text) {
            Ok(document) => Loaded::Document(document),
            Err(error) => {
                let backup_key = self.keep_backup(text);
                if backup_key.is_none() {
                    *self.mode.borrow_mut() = Mode::Protecting;
                }
                Loaded::Unreadable { error, backup_key }
            }
        }
    }

    /// Copies unreadable text to the first free backup key, or finds it already there.
    fn keep_backup(&self, text: &str) -> Option<String> {
        let backend = self.backend.as_ref()?;
        for n in 1..=MAX_BACKUPS {
            let key = self.backup_key(n);
            match backend.get(&key) {
                Ok(Some(existing)) if existing == text => return Some(key),
                Ok(Some(_)) => continue,
                Ok(None) => return backend.set(&key, text).ok().map(|()| key),
                Err(_) => return None,
            }
        }
        None
    }

    /// The newest backup of unreadable data, with its key.
    pub fn backup(&self) -> Option<(String, String)> {
        let backend = self.backend.as_ref()?;
        (1..=MAX_BACKUPS).rev().find_map(|n| {
            let key = self.backup_key(n);
            backend.get(&key).ok().flatten().map(|text| (key, text))
        })
    }

    /// Saves the document; on failure it is kept in memory. Returns the mode afterwards.
    pub fn save(&self, document: &Document) -> Mode {
        let key = self.doc_key();
        let text = document.to_json();
        if *self.mode.borrow() == Mode::Protecting {
            let _ = self.memory.set(&key, &text);
            return Mode::Protecting;
        }
        let mode = match &self.backend {
            Some(backend) => match backend.set(&key, &text) {
                Ok(()) => {
                    let _ = self.memory.remove(&key);
                    Mode::Device
                }
                Err(failure) => {
                    let _ = self.memory.set(&key, &text);
                    Mode::MemoryOnly(failure)
                }
            },
            None => {
                let _ = self.memory.set(&key, &text);
                Mode::MemoryOnly(Failure::Blocked)
            }
        };
        *self.mode.borrow_mut() = mode.clone();
        mode
    }

    /// Deletes this widget's document, backups and language choice, and nothing else (a
    /// deferred save too: it would only be deleted after being written).
    pub fn clear(&self) {
        self.deferred.take();
        let _ = self.memory.remove(&self.doc_key());
        let _ = self.memory.remove(&self.language_key());
        if let Some(backend) = &self.backend {
            let _ = backend.remove(&self.doc_key());
            let _ = backend.remove(&self.language_key());
            for n in 1..=MAX_BACKUPS {
                let _ = backend.remove(&self.backup_key(n));
            }
            *self.mode.borrow_mut() = Mode::Device;
        }
    }
}

/// How a widget's state and its store work together. The app (`ui::app`, `ui::Env`) calls
/// these and nothing else around its reducer, and `tests/integrity.rs` calls the same ones, so
/// the "stored equals shown" test runs the real wiring, not a copy of it.
impl Store {
    /// The state a widget starts with: what it stored before, and what the visitor should
    /// know about it.
    pub fn start(&self, area_ids: Vec<String>, modules: Modules) -> (State, Started) {
        let (loaded, text) = self.read();
        let (doc, notice) = match loaded {
            Loaded::Fresh => (Document::default(), None),
            Loaded::Document(doc) => (doc, None),
            Loaded::Unreadable { error, backup_key } => (
                Document::default(),
                Some(unreadable(&error, backup_key.is_some())),
            ),
        };
        let mut state = State::with_modules(doc, area_ids, modules);
        state.notice = notice;
        (state, Started(text))
    }

    /// True when the stored document is no longer the one the widget `started` with. A widget
    /// reads its document before it can listen for changes (on a slow phone its first screen
    /// is rendered in between, and another tab's `storage` event or another widget's save in
    /// that moment reaches nobody); it asks this once it listens, and reloads if so, so that
    /// its next save does not write the older document over the newer one.
    pub fn missed(&self, started: Started) -> bool {
        self.text() != started.0
    }

    /// Stores `doc` stamped with `at` and tells the store's other users; returns it as stored.
    /// Used after every visitor change that moved the revision (then `Action::Saved { at }`),
    /// and for a checked import before it is shown (then `Action::Import`, which asks for no
    /// second save).
    pub fn keep(&self, mut doc: Document, at: &str, origin: usize) -> Document {
        self.flush();
        doc.saved_at = Some(at.to_owned());
        self.save(&doc);
        self.changed_by(origin);
        doc
    }

    /// [`Store::keep`], put off so that the browser paints the visitor's change first: the app
    /// calls [`Store::flush`] right after the next paint, and when the page is hidden or left.
    /// Until then every other use of this store writes it first (reading, keeping, another
    /// widget's deferred save), so the order of writes is the order of changes, and a save
    /// replaced by a newer one of the same widget is never written at all. `done` is told the
    /// stamp once the document is written (`Action::Saved`). Returns `doc` as it will be stored.
    /// `done` comes boxed, so that this is one function whoever calls it (the app's idle
    /// warm-up runs it before the first answer does).
    pub fn defer(
        &self,
        mut doc: Rc<Document>,
        at: &str,
        origin: usize,
        done: Box<dyn FnOnce(&str)>,
    ) -> Rc<Document> {
        let another = matches!(&*self.deferred.borrow(), Some(d) if d.origin != origin);
        if another {
            self.flush();
        }
        Rc::make_mut(&mut doc).saved_at = Some(at.to_owned());
        let deferred = Deferred {
            doc: doc.clone(),
            origin,
            done,
        };
        // A replaced save of the same widget is only an older state of this one.
        drop(self.deferred.replace(Some(deferred)));
        doc
    }

    /// Writes the deferred save, if there is one, and tells the widget it came from and the
    /// store's other users.
    pub fn flush(&self) {
        let Some(deferred) = self.deferred.take() else {
            return;
        };
        self.save(&deferred.doc);
        let at = deferred.doc.saved_at.clone().unwrap_or_default();
        (deferred.done)(&at);
        self.changed_by(deferred.origin);
    }

    /// Deletes this widget's data and tells the store's other users. True when anything was
    /// stored (only then did stored data change).
    pub fn clear_by(&self, origin: usize) -> bool {
        let had_data = self.has_data();
        self.clear();
        self.changed_by(origin);
        had_data
    }

    /// What a widget shows after the stored document changed under it: `quiet` when another
    /// widget on this page saved (one document in two places), else another tab. `None` keeps
    /// what is shown: once saving to the device failed, this page's own copy in memory is the
    /// newest the visitor has, and another tab's save does not replace it.
    pub fn reloaded(&self, quiet: bool) -> Option<Action> {
        if !quiet && self.mode() != Mode::Device {
            return None;
        }
        Some(match self.load() {
            Loaded::Document(doc) if quiet => Action::Synced(doc),
            Loaded::Document(doc) => Action::Reloaded(doc),
            Loaded::Fresh => Action::Cleared,
            Loaded::Unreadable { error, backup_key } => {
                Action::Notify(unreadable(&error, backup_key.is_some()))
            }
        })
    }
}

/// What to tell the visitor about stored data that could not be read.
fn unreadable(error: &DocError, backed_up: bool) -> Notice {
    let key = if backed_up {
        "storage.unreadable_backed_up"
    } else {
        "storage.unreadable_protected"
    };
    Notice::error(key, error.to_string())
}
