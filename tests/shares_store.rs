//! The dashboard's store keeps the widget's promise: nothing loaded is lost. Blocked or full
//! storage keeps the set in memory and says so; an unreadable stored set is backed up before
//! anything is written; "forget all" removes only the dashboard's own keys.

use std::cell::Cell;
use std::rc::Rc;

use greenfit::model::content::Content;
use greenfit::model::dashboard::Loaded;
use greenfit::model::document::Document;
use greenfit::model::share::{Scope, Share};
use greenfit::store::shares::{LoadNote, SharesStore, SHARES_BACKUP_KEY, SHARES_KEY};
use greenfit::store::{Backend, Failure, Memory, Mode};

/// Memory that refuses writes while `full` is set, like a browser at its quota.
#[derive(Default)]
struct Quota {
    memory: Memory,
    full: Cell<bool>,
}

impl Backend for Quota {
    fn get(&self, key: &str) -> Result<Option<String>, Failure> {
        self.memory.get(key)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), Failure> {
        if self.full.get() {
            return Err(Failure::Full);
        }
        self.memory.set(key, value)
    }
    fn remove(&self, key: &str) -> Result<(), Failure> {
        self.memory.remove(key)
    }
}

fn set_of(n: usize) -> Loaded {
    let content = Content::english();
    let mut loaded = Loaded::new();
    for i in 0..n {
        let share = Share::new(
            &Document::default(),
            &content,
            "2026-11-01",
            &format!("Member {i}"),
            Scope::ScoresOnly,
        );
        loaded.add(share).unwrap();
    }
    loaded
}

#[test]
fn a_saved_set_reads_back_after_a_reload() {
    let backend = Rc::new(Memory::default());
    let store = SharesStore::new(Some(Box::new(backend.clone())));
    assert_eq!(store.save(&set_of(3)), Mode::Device);
    let reloaded = SharesStore::new(Some(Box::new(backend.clone())));
    assert_eq!(reloaded.load(), (set_of(3), None));
}

#[test]
fn a_full_store_keeps_working_in_memory_and_loses_nothing_saved() {
    let backend = Rc::new(Quota::default());
    let store = SharesStore::new(Some(Box::new(backend.clone())));
    store.save(&set_of(2));
    backend.full.set(true);
    assert_eq!(store.save(&set_of(3)), Mode::MemoryOnly(Failure::Full));
    // What was saved before is still there for a reload.
    assert_eq!(
        Loaded::parse(&backend.get(SHARES_KEY).unwrap().unwrap()),
        Some(set_of(2))
    );
    backend.full.set(false);
    assert_eq!(store.save(&set_of(3)), Mode::Device);
    assert_eq!(
        SharesStore::new(Some(Box::new(backend))).load().0,
        set_of(3)
    );
}

#[test]
fn blocked_storage_is_memory_only_from_the_start() {
    let store = SharesStore::new(None);
    assert_eq!(store.mode(), Mode::MemoryOnly(Failure::Blocked));
    assert_eq!(store.load(), (Loaded::new(), None));
    assert_eq!(store.save(&set_of(1)), Mode::MemoryOnly(Failure::Blocked));
}

#[test]
fn an_unreadable_set_is_backed_up_and_never_written_over_unbacked() {
    let backend = Rc::new(Quota::default());
    backend
        .set(SHARES_KEY, "{\"format\":\"greenfit-dashboard\"")
        .unwrap();
    let store = SharesStore::new(Some(Box::new(backend.clone())));
    assert_eq!(store.load(), (Loaded::new(), Some(LoadNote::BackedUp)));
    assert_eq!(
        backend.get(SHARES_BACKUP_KEY).unwrap().as_deref(),
        Some("{\"format\":\"greenfit-dashboard\"")
    );

    // When even the backup cannot be written, nothing is saved over the unreadable set.
    let backend = Rc::new(Quota::default());
    backend.set(SHARES_KEY, "damaged").unwrap();
    backend.full.set(true);
    let store = SharesStore::new(Some(Box::new(backend.clone())));
    assert_eq!(store.load().1, Some(LoadNote::Protecting));
    backend.full.set(false);
    assert_eq!(store.save(&set_of(1)), Mode::Protecting);
    assert_eq!(backend.get(SHARES_KEY).unwrap().as_deref(), Some("damaged"));
    // Forgetting all, on purpose, clears it and the store works again.
    assert_eq!(store.forget(), Mode::Device);
    assert_eq!(store.save(&set_of(1)), Mode::Device);
}

#[test]
fn forget_all_removes_only_the_dashboards_keys() {
    let backend = Rc::new(Memory::default());
    backend.set("greenfit:selfcheck:doc", "{}").unwrap();
    backend.set("host-app", "x").unwrap();
    let store = SharesStore::new(Some(Box::new(backend.clone())));
    store.save(&set_of(2));
    store.forget();
    assert_eq!(backend.get(SHARES_KEY).unwrap(), None);
    assert_eq!(
        backend.get("greenfit:selfcheck:doc").unwrap().as_deref(),
        Some("{}")
    );
    assert_eq!(backend.get("host-app").unwrap().as_deref(), Some("x"));
}

#[test]
fn a_stored_set_with_a_tampered_share_drops_only_that_share() {
    // A share whose score is out of range is dropped on reading; the other stays.
    let text = set_of(2)
        .to_json()
        .replacen("\"overall\":null", "\"overall\":250", 1);
    let loaded = Loaded::parse(&text).unwrap();
    assert_eq!(loaded.shares().len(), 1);
    assert_eq!(loaded.shares()[0].member, "Member 1");
}

#[test]
fn a_stored_set_with_one_share_of_the_wrong_shape_is_backed_up_whole() {
    let backend = Rc::new(Memory::default());
    let store = SharesStore::new(Some(Box::new(backend.clone())));
    store.save(&set_of(3));
    let text = backend.get(SHARES_KEY).unwrap().unwrap();
    let damaged = text.replacen("\"areas\":[", "\"areas\":\"x\",\"was\":[", 1);
    assert_ne!(damaged, text);
    backend.set(SHARES_KEY, &damaged).unwrap();
    let reloaded = SharesStore::new(Some(Box::new(backend.clone())));
    assert_eq!(reloaded.load(), (Loaded::new(), Some(LoadNote::BackedUp)));
    assert_eq!(backend.get(SHARES_BACKUP_KEY).unwrap().unwrap(), damaged);
}

/// `SharesStore::missed`: the dashboard loads before it listens for other tabs; a set another
/// tab saved in between must be found once it listens, or its next save would write over it.
#[test]
fn a_set_saved_while_the_dashboard_started_is_found_when_it_listens() {
    let backend = Rc::new(Memory::default());
    let store = SharesStore::new(Some(Box::new(backend.clone())));
    let tab = SharesStore::new(Some(Box::new(backend.clone())));

    // Nothing stored, nothing changed.
    assert_eq!(store.load(), (Loaded::new(), None));
    assert!(!store.missed());

    // What it read is what is stored: nothing missed.
    tab.save(&set_of(2));
    assert_eq!(store.load(), (set_of(2), None));
    assert!(!store.missed());

    // Another tab saves between the load and the listening: missed, and only asked once.
    store.load();
    tab.save(&set_of(3));
    assert!(store.missed());
    assert!(!store.missed());

    // Another tab forgets everything in between: missed too.
    store.load();
    tab.forget();
    assert!(store.missed());
}

/// `SharesStore::wait` and what follows it: the set made in slices is written only while it is
/// the newest; a flush writes the waiting set at once; "forget all" drops it; reading the stored
/// set again writes this tab's waiting set first.
#[test]
fn a_waiting_set_is_written_only_while_it_is_the_newest() {
    let backend = Rc::new(Memory::default());
    let store = SharesStore::new(Some(Box::new(backend.clone())));
    let stored = || SharesStore::new(Some(Box::new(backend.clone()))).load().0;
    let json = |n: usize| set_of(n).to_json();

    // A newer change takes the place of an older one: the older one's slices write nothing.
    store.wait(1, Rc::new(set_of(1)));
    store.wait(2, Rc::new(set_of(2)));
    assert_eq!(store.save_waiting(1, Some(&json(1))), Mode::Device);
    assert_eq!(stored(), Loaded::new(), "the older set is not written");
    store.save_waiting(2, Some(&json(2)));
    assert_eq!(stored(), set_of(2));

    // The page left before the slices are done: the waiting set is written at once, once.
    store.wait(3, Rc::new(set_of(3)));
    assert_eq!(store.flush(), Some(Mode::Device));
    assert_eq!(stored(), set_of(3));
    assert_eq!(store.flush(), None, "nothing waits any more");
    store.save_waiting(3, Some(&json(1)));
    assert_eq!(
        stored(),
        set_of(3),
        "the slices of a flushed set write nothing"
    );

    // "Forget all" while a set waits: nothing comes back.
    store.wait(4, Rc::new(set_of(4)));
    store.forget();
    store.save_waiting(4, Some(&json(4)));
    assert_eq!(stored(), Loaded::new());
    assert_eq!(store.flush(), None);

    // Another tab's change read while this tab's set waits: this tab's is written first.
    let tab = SharesStore::new(Some(Box::new(backend.clone())));
    tab.save(&set_of(1));
    store.wait(5, Rc::new(set_of(5)));
    assert_eq!(store.reread(), Some(set_of(5)));
    assert_eq!(stored(), set_of(5));
}
