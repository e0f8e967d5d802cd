//! Where `<greenfit-dashboard>` keeps the loaded set of shared results: the same no-loss rules
//! as the widget's [`Store`](super::Store). Blocked or full storage keeps the set in memory and
//! says so; a stored set that cannot be read is backed up before anything is written over it;
//! only the dashboard's own keys are ever touched.

use std::cell::RefCell;
use std::rc::Rc;

use super::{Backend, Failure, Mode};
use crate::model::dashboard::Loaded;

pub const SHARES_KEY: &str = "greenfit-dashboard:shares";
pub const SHARES_BACKUP_KEY: &str = "greenfit-dashboard:backup";

/// What loading found besides the set itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadNote {
    /// The stored set could not be read; it was kept under [`SHARES_BACKUP_KEY`].
    BackedUp,
    /// The stored set could not be read nor backed up: nothing is written over it.
    Protecting,
}

pub struct SharesStore {
    backend: Option<Box<dyn Backend>>,
    mode: RefCell<Mode>,
    /// The text [`SharesStore::load`] read, until [`SharesStore::missed`] compares it.
    started: RefCell<Option<Option<String>>>,
    /// The set waiting to be stored, by the revision of the change that made it (see
    /// [`SharesStore::wait`]).
    waiting: RefCell<Option<(u64, Rc<Loaded>)>>,
}

impl SharesStore {
    /// `backend` is `None` when the browser's storage cannot be used at all.
    pub fn new(backend: Option<Box<dyn Backend>>) -> SharesStore {
        let mode = match backend {
            Some(_) => Mode::Device,
            None => Mode::MemoryOnly(Failure::Blocked),
        };
        SharesStore {
            backend,
            mode: RefCell::new(mode),
            started: RefCell::default(),
            waiting: RefCell::default(),
        }
    }

    pub fn mode(&self) -> Mode {
        self.mode.borrow().clone()
    }

    /// Reads the stored set (or an empty one).
    pub fn load(&self) -> (Loaded, Option<LoadNote>) {
        let Some(backend) = &self.backend else {
            return (Loaded::new(), None);
        };
        let text = match backend.get(SHARES_KEY) {
            Ok(text) => text,
            Err(failure) => {
                *self.mode.borrow_mut() = Mode::MemoryOnly(failure);
                return (Loaded::new(), None);
            }
        };
        *self.started.borrow_mut() = Some(text.clone());
        let Some(text) = text else {
            return (Loaded::new(), None);
        };
        if let Some(loaded) = Loaded::parse(&text) {
            return (loaded, None);
        }
        let backed_up = match backend.get(SHARES_BACKUP_KEY) {
            Ok(Some(existing)) if existing == text => true,
            Ok(_) => backend.set(SHARES_BACKUP_KEY, &text).is_ok(),
            Err(_) => false,
        };
        if backed_up {
            (Loaded::new(), Some(LoadNote::BackedUp))
        } else {
            *self.mode.borrow_mut() = Mode::Protecting;
            (Loaded::new(), Some(LoadNote::Protecting))
        }
    }

    /// Stores the set. When the browser refuses, the set stays in the page (the caller keeps
    /// it) and the mode says why; a later save that succeeds returns to [`Mode::Device`].
    pub fn save(&self, loaded: &Loaded) -> Mode {
        let json = (!loaded.shares().is_empty()).then(|| loaded.to_json());
        self.save_json(json.as_deref())
    }

    /// Stores a set already written as JSON ([`Loaded::to_json`], or made in slices from
    /// [`LOADED_JSON_HEAD`](crate::model::dashboard::LOADED_JSON_HEAD)); `None` is the empty
    /// set, which removes the key.
    pub fn save_json(&self, json: Option<&str>) -> Mode {
        let Some(backend) = &self.backend else {
            return self.mode();
        };
        if self.mode() == Mode::Protecting {
            return Mode::Protecting;
        }
        let result = match json {
            None => backend.remove(SHARES_KEY),
            Some(json) => backend.set(SHARES_KEY, json),
        };
        *self.mode.borrow_mut() = match result {
            Ok(()) => Mode::Device,
            Err(failure) => Mode::MemoryOnly(failure),
        };
        self.mode()
    }

    /// Puts off storing `loaded`, the set after change `revision`: writing thousands of results
    /// takes a while, so the dashboard makes the JSON in slices after the paint and hands it to
    /// [`SharesStore::save_waiting`]. Until then the set is written at once by
    /// [`SharesStore::flush`] (the page hidden or left) and before the stored set is read again
    /// ([`SharesStore::reread`]); a newer change replaces it, and [`SharesStore::forget`] drops it.
    pub fn wait(&self, revision: u64, loaded: Rc<Loaded>) {
        *self.waiting.borrow_mut() = Some((revision, loaded));
    }

    /// Stores `json`, made from the set of change `revision`, if that set is still the one
    /// waiting; else nothing: a newer change, a flush or "forget all" took its place, and an
    /// older set must not be written over theirs. Returns the mode afterwards.
    pub fn save_waiting(&self, revision: u64, json: Option<&str>) -> Mode {
        let still = matches!(&*self.waiting.borrow(), Some((r, _)) if *r == revision);
        if still {
            self.waiting.take();
            self.save_json(json);
        }
        self.mode()
    }

    /// Writes the waiting set now, if there is one, and returns the mode afterwards.
    pub fn flush(&self) -> Option<Mode> {
        let (_, loaded) = self.waiting.take()?;
        Some(self.save(&loaded))
    }

    /// The stored set, as another tab left it, after writing this tab's waiting one (as the
    /// widget's store does: a change made here is stored first, so what is shown is what is
    /// stored). `None` when the stored text cannot be read.
    pub fn reread(&self) -> Option<Loaded> {
        self.flush();
        match self.stored_text() {
            Some(text) => Loaded::parse(&text),
            None => Some(Loaded::new()),
        }
    }

    /// Forgets every loaded share, and the backup of an unreadable set; a set waiting to be
    /// stored too (it would write the set back).
    pub fn forget(&self) -> Mode {
        self.waiting.take();
        if let Some(backend) = &self.backend {
            let removed =
                backend.remove(SHARES_KEY).is_ok() && backend.remove(SHARES_BACKUP_KEY).is_ok();
            if removed && self.mode() == Mode::Protecting {
                *self.mode.borrow_mut() = Mode::Device;
            }
        }
        self.mode()
    }

    /// The stored text, for noticing another tab's change (`storage` event).
    pub fn stored_text(&self) -> Option<String> {
        self.backend.as_ref()?.get(SHARES_KEY).ok().flatten()
    }

    /// True when the stored set is no longer the one [`SharesStore::load`] read. The dashboard
    /// loads before it listens for other tabs, and renders its first screen in between: a set
    /// another tab saved in that moment reached no listener, and the next save here would
    /// write the older set over it. Asked once, when the dashboard starts listening.
    pub fn missed(&self) -> bool {
        match self.started.take() {
            Some(started) => self.stored_text() != started,
            None => false,
        }
    }
}
