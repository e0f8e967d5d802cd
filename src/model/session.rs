//! The state of one widget and every change a visitor can make to it, as a pure reducer.
//! The Yew app wraps [`State::reduce`] in `use_reducer`; saving happens in one effect that
//! watches [`State::revision`].

use super::answers::Answer;
use super::canvas::{self, Block, Canvas, EditError};
use super::document::{Document, Snapshot, MAX_PROFILE_TEXT, MAX_SNAPSHOTS, SIZE_BANDS};

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
    /// The visitor imported a file: replaces everything and saves.
    Import(Document),
    /// Another tab or the host page changed the stored document: show it, do not save again.
    Reloaded(Document),
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
    pub doc: Document,
    pub view: View,
    /// Bumped by every change that must be saved.
    pub revision: u64,
    pub notice: Option<Notice>,
    pub area_ids: Vec<String>,
    /// The canvas on screen.
    pub canvas: Option<String>,
    /// The last deleted canvas and where it was, for undo.
    pub deleted: Option<(usize, Canvas)>,
}

impl State {
    pub fn new(doc: Document, area_ids: Vec<String>) -> State {
        let view = View::from_position(doc.position.as_deref(), &area_ids);
        let canvas = doc.canvases.first().map(|c| c.id.clone());
        State {
            doc,
            view,
            revision: 0,
            notice: None,
            area_ids,
            canvas,
            deleted: None,
        }
    }

    pub fn current_canvas(&self) -> Option<&Canvas> {
        let id = self.canvas.as_ref()?;
        self.doc.canvases.iter().find(|c| &c.id == id)
    }

    fn changed(&mut self) {
        self.revision += 1;
    }

    /// Applies one action. Returns `false` when nothing changed.
    pub fn apply(&mut self, action: Action) -> bool {
        match action {
            Action::Answer { question, answer } => {
                let before = self.doc.answers.get(&question).copied();
                if before == answer {
                    return false;
                }
                match answer {
                    Some(answer) => self.doc.answers.insert(question, answer),
                    None => self.doc.answers.remove(&question),
                };
                self.changed();
            }
            Action::Go(view) => {
                if view == self.view {
                    return false;
                }
                let position = view.position(&self.area_ids);
                self.view = view;
                if !matches!(self.view, View::Data) && position != self.doc.position {
                    self.doc.position = position;
                    self.changed();
                }
            }
            Action::Profile { field, value } => {
                let value = canvas::limit(&value, MAX_PROFILE_TEXT);
                let profile = &mut self.doc.profile;
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
                if self.doc.snapshots.len() >= MAX_SNAPSHOTS {
                    self.doc.snapshots.remove(0);
                }
                self.doc.snapshots.push(Snapshot {
                    taken_at: at,
                    answers: self.doc.answers.clone(),
                });
                self.notice = Some(Notice::info("results.snapshot_kept"));
                self.changed();
            }
            Action::Import(doc) => {
                *self = State::new(doc, std::mem::take(&mut self.area_ids));
                self.notice = Some(Notice::info("data.imported"));
                self.revision = 1;
            }
            Action::Reloaded(doc) => {
                let view = self.view.clone();
                let revision = self.revision;
                *self = State::new(doc, std::mem::take(&mut self.area_ids));
                self.view = view;
                self.revision = revision;
                self.notice = Some(Notice::info("data.reloaded"));
            }
            Action::Cleared => {
                let (view, revision) = (self.view.clone(), self.revision);
                *self = State::new(Document::default(), std::mem::take(&mut self.area_ids));
                self.view = view;
                self.revision = revision;
                self.notice = Some(Notice::info("data.deleted"));
            }
            Action::Saved { at } => self.doc.saved_at = Some(at),
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
            CanvasAction::Create { name } => {
                self.add_canvas(|id| Canvas::new(id, &name));
                Ok(())
            }
            CanvasAction::LoadExample(example) => {
                self.add_canvas(|id| Canvas { id, ..*example });
                Ok(())
            }
            CanvasAction::Select(id) => {
                if self.canvas.as_ref() == Some(&id) {
                    return false;
                }
                self.canvas = Some(id);
                return true;
            }
            CanvasAction::Duplicate { name } => match self.current_canvas().cloned() {
                Some(original) => {
                    self.add_canvas(|id| original.duplicate(id, &name));
                    Ok(())
                }
                None => Err(EditError::NotFound),
            },
            CanvasAction::Delete => {
                let Some(index) = self.canvas_index() else {
                    return false;
                };
                let removed = self.doc.canvases.remove(index);
                self.deleted = Some((index, removed));
                self.canvas = self.doc.canvases.first().map(|c| c.id.clone());
                self.notice = Some(Notice::info("canvas.deleted"));
                Ok(())
            }
            CanvasAction::Undelete => {
                let Some((index, canvas)) = self.deleted.take() else {
                    return false;
                };
                let index = index.min(self.doc.canvases.len());
                self.canvas = Some(canvas.id.clone());
                self.doc.canvases.insert(index, canvas);
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
            Err(error) => {
                let key = match error {
                    EditError::Empty => "canvas.error_empty",
                    EditError::TooLong => "canvas.error_too_long",
                    EditError::Full => "canvas.error_full",
                    EditError::NotFound => return false,
                };
                self.notice = Some(Notice::error(key, ""));
                true
            }
        }
    }

    fn canvas_index(&self) -> Option<usize> {
        let id = self.canvas.as_ref()?;
        self.doc.canvases.iter().position(|c| &c.id == id)
    }

    fn add_canvas(&mut self, make: impl FnOnce(String) -> Canvas) {
        let id = canvas::fresh_canvas_id(&self.doc.canvases);
        let mut new = make(id.clone());
        if new.name.is_empty() {
            new.name = format!("Canvas {}", self.doc.canvases.len() + 1);
        }
        if self.doc.canvases.len() >= canvas::MAX_CANVASES {
            self.notice = Some(Notice::error("canvas.error_too_many", ""));
            return;
        }
        self.doc.canvases.push(new);
        self.canvas = Some(id);
    }

    fn edit_current(&mut self, action: CanvasAction) -> Result<(), EditError> {
        let index = self.canvas_index().ok_or(EditError::NotFound)?;
        let canvas = &mut self.doc.canvases[index];
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
