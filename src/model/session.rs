//! The state of one widget and every change a visitor can make to it, as a pure reducer.
//! The widget's app (`ui::app::App`) holds it and hands every action to [`State::apply`]; it
//! saves when [`State::revision`] moved.

use std::rc::Rc;

use super::answers::Answer;
use super::canvas::{self, Block, Canvas, EditError};
use super::document::{
    Document, LimitError, Snapshot, MAX_DOC_BYTES, MAX_PROFILE_TEXT, MAX_SNAPSHOTS, SIZE_BANDS,
};

/// What one answer can add to the stored document, besides its question's id (escaped, at
/// most six bytes a character): the quotes, colon and comma around the id, and the longest
/// value, `"not_relevant"`, with room to spare.
const ANSWER_BYTES: usize = 32;

/// The modules a widget shows (its `modules` attribute or the cluster's configuration).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Modules {
    pub selfcheck: bool,
    pub canvas: bool,
}

impl Default for Modules {
    fn default() -> Self {
        Modules {
            selfcheck: true,
            canvas: true,
        }
    }
}

/// Which screen the widget shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum View {
    /// The self-check at a step: 0 is the introduction, 1..=areas are the areas.
    Step(usize),
    Results,
    Canvas,
    Data,
}

impl View {
    /// The position stored in the document, so a visitor resumes where they left off.
    pub fn position(&self, area_ids: &[String]) -> Option<String> {
        match self {
            View::Step(0) => None,
            View::Step(n) => area_ids.get(n - 1).cloned(),
            View::Results => Some("results".to_owned()),
            View::Canvas => Some("canvas".to_owned()),
            View::Data => None,
        }
    }

    pub fn from_position(position: Option<&str>, area_ids: &[String]) -> View {
        match position {
            Some("results") => View::Results,
            Some("canvas") => View::Canvas,
            Some(id) => area_ids
                .iter()
                .position(|area| area == id)
                .map_or(View::Step(0), |n| View::Step(n + 1)),
            None => View::Step(0),
        }
    }
}

/// Something to tell the visitor, by UI string key, with a value for `{detail}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub key: String,
    pub detail: String,
    pub is_error: bool,
}

impl Notice {
    pub fn info(key: &str) -> Notice {
        Notice {
            key: key.to_owned(),
            detail: String::new(),
            is_error: false,
        }
    }
    pub fn error(key: &str, detail: impl Into<String>) -> Notice {
        Notice {
            key: key.to_owned(),
            detail: detail.into(),
            is_error: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum CanvasAction {
    Create {
        name: String,
    },
    Select(String),
    Rename(String),
    Duplicate {
        name: String,
    },
    Delete,
    Undelete,
    SetService(bool),
    Add {
        block: Block,
        text: String,
    },
    Edit {
        block: Block,
        id: String,
        text: String,
    },
    Remove {
        block: Block,
        id: String,
    },
    Shift {
        block: Block,
        id: String,
        by: isize,
    },
    Importance {
        block: Block,
        id: String,
        importance: u8,
    },
    Link {
        block: Block,
        id: String,
        target: String,
        on: bool,
    },
    Checklist {
        field: String,
        text: String,
    },
    LoadExample(Box<Canvas>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Answer {
        question: String,
        answer: Option<Answer>,
    },
    Go(View),
    Profile {
        field: String,
        value: String,
    },
    KeepSnapshot {
        at: String,
    },
    /// The visitor or the host page imported a document, which the caller has already saved:
    /// show it from the start (nothing to save again).
    Import(Document),
    /// Another tab changed the stored document: show it, say so, do not save again.
    Reloaded(Document),
    /// Another widget on this page with the same storage key saved: show it quietly (the two
    /// widgets are one document in two places), do not save again.
    Synced(Document),
    /// The host page or the visitor deleted everything (storage is already cleared).
    Cleared,
    Saved {
        at: String,
    },
    Notify(Notice),
    Dismiss,
    Canvas(CanvasAction),
}

#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// Shared, not copied: the app's states, its screens and the store hold the same document
    /// until a change makes a new one (`doc_mut`), so a change copies it once (and the store
    /// once more, to stamp the save), however many kept results and canvases it holds.
    pub doc: Rc<Document>,
    pub view: View,
    /// Bumped by every change that must be saved.
    pub revision: u64,
    pub notice: Option<Notice>,
    pub area_ids: Vec<String>,
    /// The canvas on screen.
    pub canvas: Option<String>,
    /// The last deleted canvas and where it was, for undo.
    pub deleted: Option<(usize, Canvas)>,
    pub modules: Modules,
    /// A change was handed to the store and its `Saved` has not come back yet (the save waits
    /// for the paint): the document is stored, though `saved_at` does not say so yet.
    pub save_pending: bool,
    /// At least the document's stored size, once counted: an answer adds at most
    /// [`ANSWER_BYTES`] and its question's id, so an answer is checked against the limit
    /// without writing out the whole document (a member with 20 kept results and three
    /// canvases), until the bound comes near the limit and the document is counted again.
    stored_bytes: Option<usize>,
}

impl State {
    /// A widget that shows both modules.
    pub fn new(doc: Document, area_ids: Vec<String>) -> State {
        State::with_modules(doc, area_ids, Modules::default())
    }

    pub fn with_modules(doc: Document, area_ids: Vec<String>, modules: Modules) -> State {
        let canvas = doc.canvases.first().map(|c| c.id.clone());
        let mut state = State {
            view: View::Step(0),
            doc: Rc::new(doc),
            revision: 0,
            notice: None,
            area_ids,
            canvas,
            deleted: None,
            modules,
            save_pending: false,
            stored_bytes: None,
        };
        state.view = state.shown(View::from_position(
            state.doc.position.as_deref(),
            &state.area_ids,
        ));
        state
    }

    /// Shows `view` (or the nearest one the modules allow) without storing it as the position:
    /// the app re-started for another language and the visitor stays where they were.
    pub fn resume_at(&mut self, view: View) {
        self.view = self.shown(view);
    }

    /// `view`, or the nearest view this widget's modules show.
    fn shown(&self, view: View) -> View {
        match view {
            View::Step(_) | View::Results if !self.modules.selfcheck => View::Canvas,
            View::Canvas if !self.modules.canvas => View::Step(0),
            view => view,
        }
    }

    pub fn current_canvas(&self) -> Option<&Canvas> {
        let id = self.canvas.as_ref()?;
        self.doc.canvases.iter().find(|c| &c.id == id)
    }

    /// Replaces the document with one from outside (an import, another tab, another widget on
    /// the same storage key). The canvas on screen and a pending Undo stay when they still fit.
    fn replace(&mut self, doc: Document) {
        self.doc = Rc::new(doc);
        self.stored_bytes = None;
        let on_screen = self.current_canvas().is_some();
        if !on_screen {
            self.canvas = self.doc.canvases.first().map(|c| c.id.clone());
        }
        let undo_clashes = self
            .deleted
            .as_ref()
            .is_some_and(|(_, c)| self.doc.canvases.iter().any(|d| d.id == c.id));
        if undo_clashes {
            self.deleted = None;
        }
    }

    /// Applies one action. Returns `false` when nothing changed. A change that would break the
    /// document's limits (its size above all) is refused: the state stays as it was, and the
    /// visitor is told why.
    pub fn apply(&mut self, action: Action) -> bool {
        let revision = self.revision;
        // An answer changes nothing but the answers, by a bounded size (see `stored_bytes`).
        let growth = match &action {
            Action::Answer { question, .. } => Some(6 * question.len() + ANSWER_BYTES),
            _ => None,
        };
        let before = self.clone();
        let changed = self.apply_unchecked(action);
        if self.revision != revision {
            let bound = match (self.stored_bytes, growth) {
                (Some(bytes), Some(growth)) => Some(bytes + growth),
                _ => None,
            };
            match bound {
                Some(bytes) if bytes <= MAX_DOC_BYTES => self.stored_bytes = Some(bytes),
                _ => match self.doc.check_limits() {
                    Ok(bytes) => self.stored_bytes = Some(bytes),
                    Err(error) => {
                        let notice = match error {
                            LimitError::TooLarge { .. } => Notice::error("data.full", ""),
                            LimitError::Broken(why) => Notice::error("data.refused", why),
                        };
                        *self = before;
                        self.notice = Some(notice);
                        return true;
                    }
                },
            }
        }
        changed
    }

    /// The document, to change: copied first if anything else still holds it.
    fn doc_mut(&mut self) -> &mut Document {
        Rc::make_mut(&mut self.doc)
    }

    fn changed(&mut self) {
        self.revision += 1;
        self.save_pending = true;
    }

    fn apply_unchecked(&mut self, action: Action) -> bool {
        match action {
            Action::Answer { question, answer } => {
                let before = self.doc.answers.get(&question).copied();
                if before == answer {
                    return false;
                }
                match answer {
                    Some(answer) => self.doc_mut().answers.insert(question, answer),
                    None => self.doc_mut().answers.remove(&question),
                };
                self.changed();
            }
            Action::Go(view) => {
                let view = self.shown(view);
                if view == self.view {
                    return false;
                }
                let position = view.position(&self.area_ids);
                self.view = view;
                if !matches!(self.view, View::Data) && position != self.doc.position {
                    self.doc_mut().position = position;
                    // Where the visitor is counts once there is a stored document: moving
                    // around an empty self-check stores nothing.
                    if !self.doc.is_empty() || self.doc.saved_at.is_some() || self.save_pending {
                        self.changed();
                    }
                }
            }
            Action::Profile { field, value } => {
                let value = canvas::limit(&value, MAX_PROFILE_TEXT);
                let profile = &mut self.doc_mut().profile;
                let slot = match field.as_str() {
                    "sector" => &mut profile.sector,
                    "country" => &mut profile.country,
                    "size" if value.is_empty() || SIZE_BANDS.contains(&value.as_str()) => {
                        &mut profile.size
                    }
                    _ => return false,
                };
                if *slot == value {
                    return false;
                }
                *slot = value;
                self.changed();
            }
            Action::KeepSnapshot { at } => {
                let doc = self.doc_mut();
                if doc.snapshots.len() >= MAX_SNAPSHOTS {
                    doc.snapshots_mut().remove(0);
                }
                let answers = doc.answers.clone();
                doc.snapshots_mut().push(Snapshot {
                    taken_at: at,
                    answers,
                    earlier_answers: Default::default(),
                });
                self.notice = Some(Notice::info("results.snapshot_kept"));
                self.changed();
            }
            Action::Import(doc) => {
                self.deleted = None;
                self.canvas = None;
                self.replace(doc);
                // A visitor who loaded a file on "Your data" stays there, to see that it
                // worked; otherwise the widget goes where the file left off.
                if self.view != View::Data {
                    self.view = self.shown(View::from_position(
                        self.doc.position.as_deref(),
                        &self.area_ids,
                    ));
                }
                self.notice = Some(Notice::info("data.imported"));
            }
            Action::Reloaded(doc) => {
                self.replace(doc);
                self.notice = Some(Notice::info("data.reloaded"));
            }
            Action::Synced(doc) => {
                if doc == *self.doc {
                    return false;
                }
                self.replace(doc);
            }
            Action::Cleared => {
                self.doc = Rc::default();
                self.stored_bytes = None;
                self.canvas = None;
                // A deleted canvas is personal data too: "delete everything" leaves no Undo.
                self.deleted = None;
                // The store dropped a save still waiting: nothing is stored.
                self.save_pending = false;
                self.notice = Some(Notice::info("data.deleted"));
            }
            Action::Saved { at } => {
                // The count stays a bound: `"saved_at":"…",` once, then a time as long or a
                // little longer (written by this widget's clock, nothing in it to escape).
                let growth = match &self.doc.saved_at {
                    Some(before) => at.len().saturating_sub(before.len()),
                    None => at.len() + 16,
                };
                self.stored_bytes = self.stored_bytes.map(|bytes| bytes + growth);
                self.doc_mut().saved_at = Some(at);
                self.save_pending = false;
            }
            Action::Notify(notice) => self.notice = Some(notice),
            Action::Dismiss => {
                if self.notice.take().is_none() {
                    return false;
                }
            }
            Action::Canvas(action) => return self.apply_canvas(action),
        }
        true
    }

    fn apply_canvas(&mut self, action: CanvasAction) -> bool {
        let result = match action {
            CanvasAction::Create { name } => self.add_canvas(|id| Canvas::new(id, &name)),
            CanvasAction::LoadExample(example) => self.add_canvas(|id| Canvas { id, ..*example }),
            CanvasAction::Select(id) => {
                if self.canvas.as_ref() == Some(&id) {
                    return false;
                }
                self.canvas = Some(id);
                return true;
            }
            CanvasAction::Duplicate { name } => match self.current_canvas().cloned() {
                Some(original) => self.add_canvas(|id| original.duplicate(id, &name)),
                None => Err(EditError::NotFound),
            },
            CanvasAction::Delete => {
                let Some(index) = self.canvas_index() else {
                    return false;
                };
                let removed = self.doc_mut().canvases_mut().remove(index);
                self.deleted = Some((index, removed));
                self.canvas = self.doc.canvases.first().map(|c| c.id.clone());
                self.notice = Some(Notice::info("canvas.deleted"));
                Ok(())
            }
            CanvasAction::Undelete => {
                if self.deleted.is_some() && self.doc.canvases.len() >= canvas::MAX_CANVASES {
                    // Undo stays offered: delete another canvas first, then undo.
                    return self.apply_canvas_error(EditError::TooMany);
                }
                // Its id is still free: new canvases never take it, and a document from
                // outside that has it drops the Undo (`replace`).
                let Some((index, canvas)) = self.deleted.take() else {
                    return false;
                };
                let index = index.min(self.doc.canvases.len());
                self.canvas = Some(canvas.id.clone());
                self.doc_mut().canvases_mut().insert(index, canvas);
                self.notice = Some(Notice::info("canvas.restored"));
                Ok(())
            }
            other => self.edit_current(other),
        };
        match result {
            Ok(()) => {
                self.changed();
                true
            }
            Err(error) => self.apply_canvas_error(error),
        }
    }

    /// Tells the visitor why a canvas edit was refused; nothing else changes.
    fn apply_canvas_error(&mut self, error: EditError) -> bool {
        let key = match error {
            EditError::Empty => "canvas.error_empty",
            EditError::TooLong => "canvas.error_too_long",
            EditError::Full => "canvas.error_full",
            EditError::TooMany => "canvas.error_too_many",
            EditError::NotFound => return false,
        };
        self.notice = Some(Notice::error(key, ""));
        true
    }

    fn canvas_index(&self) -> Option<usize> {
        let id = self.canvas.as_ref()?;
        self.doc.canvases.iter().position(|c| &c.id == id)
    }

    fn add_canvas(&mut self, make: impl FnOnce(String) -> Canvas) -> Result<(), EditError> {
        if self.doc.canvases.len() >= canvas::MAX_CANVASES {
            return Err(EditError::TooMany);
        }
        // Never the id of a deleted canvas that Undo may bring back.
        let reserved = self.deleted.as_ref().map(|(_, c)| c.id.as_str());
        let id = canvas::fresh_canvas_id(&self.doc.canvases, reserved);
        let mut new = make(id.clone());
        if new.name.is_empty() {
            new.name = format!("Canvas {}", self.doc.canvases.len() + 1);
        }
        self.doc_mut().canvases_mut().push(new);
        self.canvas = Some(id);
        Ok(())
    }

    fn edit_current(&mut self, action: CanvasAction) -> Result<(), EditError> {
        let index = self.canvas_index().ok_or(EditError::NotFound)?;
        let canvas = &mut self.doc_mut().canvases_mut()[index];
        match action {
            CanvasAction::Rename(name) => {
                let name = canvas::limit(&name, canvas::MAX_NAME_CHARS);
                if name.is_empty() {
                    return Err(EditError::Empty);
                }
                canvas.name = name;
            }
            CanvasAction::SetService(on) => canvas.service = on,
            CanvasAction::Add { block, text } => {
                canvas.add(block, &text)?;
            }
            CanvasAction::Edit { block, id, text } => canvas.edit(block, &id, &text)?,
            CanvasAction::Remove { block, id } => {
                canvas.remove(block, &id)?;
            }
            CanvasAction::Shift { block, id, by } => canvas.shift(block, &id, by)?,
            CanvasAction::Importance {
                block,
                id,
                importance,
            } => canvas.set_importance(block, &id, importance)?,
            CanvasAction::Link {
                block,
                id,
                target,
                on,
            } => canvas.set_link(block, &id, &target, on)?,
            CanvasAction::Checklist { field, text } => canvas.checklist.set(&field, &text),
            _ => return Err(EditError::NotFound),
        }
        Ok(())
    }
}
