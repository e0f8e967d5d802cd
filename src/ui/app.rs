//! The shell: state, the one place that saves, the storage listener, navigation and status,
//! and the loop that turns an event into an action, the action into a new state and the state
//! into the screen.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};

use wasm_bindgen::prelude::*;

use super::{attr, button, now_iso, patch, put, put_t, value_of, Env, Html};
use crate::model::answers::Answer;
use crate::model::canvas::Block;
use crate::model::session::{Action, CanvasAction, Notice, State, View};
use crate::model::share::Scope;
use crate::store::{Failure, Mode};

/// One running widget: its state, what its screens show besides the document, and its element.
pub struct App {
    pub env: Rc<Env>,
    /// The element the screens are written into; it goes, with its listeners, when the app
    /// stops.
    root: web_sys::Element,
    state: RefCell<State>,
    ui: RefCell<Ui>,
    /// Actions that came while one was handled (a save's `Saved`, an action of the element
    /// API): handled in turn, then the screen is written once.
    queue: RefCell<Vec<Action>>,
    busy: Cell<bool>,
    /// The screen written last: focus moves to a new screen's heading.
    shown_view: RefCell<Option<View>>,
    /// The parts of the screen written last (see `Html::part`).
    written: RefCell<Vec<(String, String)>>,
    /// What `stop` undoes: the page's listeners, the store's, the element API's inbox.
    stop: RefCell<Option<Box<dyn FnOnce()>>>,
    events: RefCell<Option<crate::embed::Events>>,
}

/// What the screens show besides the document: a form being filled in, a panel open. It
/// starts anew on every screen.
#[derive(Default)]
pub struct Ui {
    /// The sharing panel on the results, when open.
    pub sharing: Option<Sharing>,
    /// "Your data" asks before it deletes.
    pub confirming: bool,
    /// The canvas items being edited, by id.
    pub editing: Vec<String>,
    /// The length of what is typed in each block's "add" field, for its counter.
    pub adding: [usize; 6],
    /// An element to focus once the screen is written: the first of these CSS selectors that
    /// finds one.
    pub focus: Vec<String>,
}

/// The sharing panel's choices.
pub struct Sharing {
    pub scope: Scope,
    pub member: String,
    pub copied: bool,
    /// The moment the panel opened: the file and the code say the same date.
    pub at: String,
}

impl App {
    /// Starts the app in `root`: reads what is stored, writes the first screen and listens.
    pub fn start(env: Rc<Env>, root: web_sys::Element) -> Rc<App> {
        let state = initial_state(&env);
        // What the element API exports, and what is on screen, are one document.
        *env.shown.borrow_mut() = state.doc.clone();
        let app = Rc::new(App {
            env,
            root,
            state: RefCell::new(state),
            ui: RefCell::default(),
            queue: RefCell::default(),
            busy: Cell::new(false),
            shown_view: RefCell::default(),
            written: RefCell::default(),
            stop: RefCell::default(),
            events: RefCell::default(),
        });
        let events = {
            let app = Rc::downgrade(&app);
            Closure::new(
                move |_: String, act: String, target: web_sys::Element, el: web_sys::Element| {
                    if let Some(app) = app.upgrade() {
                        app.on_event(&act, &target, &el);
                    }
                },
            )
        };
        super::listen(&app.root, &events);
        *app.events.borrow_mut() = Some(events);
        if app.env.focus_language {
            app.ui.borrow_mut().focus = vec!["#gf-lang".to_owned()];
        }
        app.render();
        app.listen_to_page();
        app
    }

    /// Stops listening to the page, the store and the element API; a save still waiting for
    /// the paint is written now.
    pub fn stop(&self) {
        if let Some(stop) = self.stop.borrow_mut().take() {
            stop();
        }
        self.events.borrow_mut().take();
    }

    /// Changes the state by `action` and writes the screen. Every action reaches the state
    /// here, and what it changed is stored in the same task: the save waits for the browser's
    /// paint (`Store::defer`), but from the moment of the change, so a page hidden or left
    /// before the paint writes it.
    pub fn dispatch(self: &Rc<Self>, action: Action) {
        self.queue.borrow_mut().push(action);
        if self.busy.replace(true) {
            return;
        }
        loop {
            let next = {
                let mut queue = self.queue.borrow_mut();
                (!queue.is_empty()).then(|| queue.remove(0))
            };
            let Some(action) = next else { break };
            self.apply(action);
        }
        self.busy.set(false);
        self.render();
    }

    fn apply(self: &Rc<Self>, action: Action) {
        let changed = {
            let mut state = self.state.borrow_mut();
            let (doc, revision, view) = (state.doc.clone(), state.revision, state.view.clone());
            if !state.apply(action) {
                return;
            }
            if state.view != view {
                *self.ui.borrow_mut() = Ui::default();
            }
            (!Rc::ptr_eq(&state.doc, &doc)).then(|| (state.doc.clone(), state.revision != revision))
        };
        let Some((doc, save)) = changed else { return };
        let env = &self.env;
        let doc = if save {
            let done = {
                let app = Rc::downgrade(self);
                let host = env.host.clone();
                Box::new(move |at: &str| {
                    if let Some(app) = app.upgrade() {
                        app.dispatch(Action::Saved { at: at.to_owned() });
                    }
                    super::announce_change(&host, "save", at);
                })
            };
            let doc = env.store.defer(doc, &now_iso(), env.listener.get(), done);
            after_paint(&env.store);
            doc
        } else {
            doc
        };
        // What the element API exports is the document on screen, as it is stored.
        *env.shown.borrow_mut() = doc;
    }

    /// Changes what the screens show besides the document, and writes the screen.
    pub fn update(&self, change: impl FnOnce(&mut Ui)) {
        change(&mut self.ui.borrow_mut());
        self.render();
    }

    /// Writes the screen from the state, and moves focus where it is to go.
    pub fn render(&self) {
        if self.busy.get() {
            return;
        }
        let write = |last| {
            let mut html = Html::new(last);
            self.view(&mut html, &self.state.borrow(), &self.ui.borrow());
            html.finish()
        };
        let (html, parts) = write(self.written.take());
        // A part left out as written before, whose element `patch` did not find on screen:
        // write everything.
        let parts = if patch(&self.root, &html) {
            parts
        } else {
            let (html, parts) = write(Vec::new());
            patch(&self.root, &html);
            parts
        };
        *self.written.borrow_mut() = parts;
        let view = self.state.borrow().view.clone();
        // The screen the visitor is on outlives a language switch.
        *self.env.resume.borrow_mut() = Some(view.clone());
        let moved = self
            .shown_view
            .replace(Some(view.clone()))
            .is_some_and(|before| before != view);
        let mut focus = std::mem::take(&mut self.ui.borrow_mut().focus);
        // Moving to another screen moves focus to its heading (not on the first screen).
        if moved {
            focus.push("[data-focus]".to_owned());
        }
        for selector in focus {
            if super::focus_first(&self.root, &selector) {
                break;
            }
        }
    }

    /// The state, for the screens' actions.
    pub fn state(&self) -> std::cell::Ref<'_, State> {
        self.state.borrow()
    }

    pub fn ui(&self) -> std::cell::Ref<'_, Ui> {
        self.ui.borrow()
    }

    /// What the screens show besides the document, to change without writing the screen (an
    /// action that follows writes it).
    pub fn ui_mut(&self) -> std::cell::RefMut<'_, Ui> {
        self.ui.borrow_mut()
    }

    /// What an element's `data-click`, `data-change`, `data-input` or `data-submit` names:
    /// `verb` or `verb:argument`. `target` is where the event happened, `el` the element that
    /// names the action.
    fn on_event(self: &Rc<Self>, act: &str, target: &web_sys::Element, el: &web_sys::Element) {
        let (verb, arg) = act.split_once(':').unwrap_or((act, ""));
        match verb {
            "go" => {
                if let Some(view) = parse_view(arg) {
                    self.dispatch(Action::Go(view));
                }
            }
            "dismiss" => self.dispatch(Action::Dismiss),
            "undelete" => self.dispatch(Action::Canvas(CanvasAction::Undelete)),
            "lang" => (self.env.switch_language)(value_of(target)),
            "print" => super::print_widget(&self.env.host),
            _ => {
                let _ = super::selfcheck::on(self, verb, arg, target)
                    || super::results::on(self, verb, target)
                    || super::canvas::on(self, verb, arg, target, el)
                    || super::data::on(self, verb, target);
            }
        }
    }

    /// The whole widget as HTML.
    fn view(&self, h: &mut Html, state: &State, ui: &Ui) {
        let env = &*self.env;
        h.push_str("<div class=\"gf\"");
        attr(h, "lang", &env.content.lang);
        h.push('>');
        h.part("header", "head", &mut |h| {
            h.push_str("<header class=\"gf-head\"><p class=\"gf-brand\">");
            if !env.config.logo.is_empty() {
                h.push_str("<img class=\"gf-logo\"");
                attr(h, "src", &env.config.logo);
                h.push_str(" alt=\"\">");
            }
            put(h, "", &brand(env), "</p>");
            if env.languages.len() > 1 {
                language_switch(h, env);
            }
            nav(h, env, &state.view);
            h.push_str("</header>");
        });
        status(h, env, state.doc.saved_at.as_deref());
        let config_errors = env.config_errors.borrow();
        if !config_errors.is_empty() {
            let count = config_errors.len().to_string();
            put(
                h,
                "<details class=\"gf-config-errors\" data-key=\"config-errors\"><summary>",
                &env.fill("config.problems", &[("n", &count)]),
                "</summary>",
            );
            put(h, "<p>", &env.t("config.problems_help"), "</p><ul>");
            for error in config_errors.iter() {
                put(h, "<li><code>", &error.field, "</code>");
                put(h, ": ", &error.reason, "</li>");
            }
            h.push_str("</ul></details>");
        }
        if let Some(notice) = &state.notice {
            notice_box(h, env, notice);
        }
        h.push_str("<section class=\"gf-view\">");
        match &state.view {
            View::Step(step) => super::selfcheck::view(h, env, *step, &state.doc),
            View::Results => super::results::view(h, env, &state.doc, ui),
            View::Canvas => super::canvas::view(h, env, state, ui),
            View::Data => super::data::view(h, env, &state.doc, ui),
        }
        put(
            h,
            "</section><footer class=\"gf-foot\">",
            &env.t("app.footer"),
            "</footer></div>",
        );
    }

    /// What the app sets up once, for its life, undone by `stop`:
    /// - The element API, other widgets on this page and other tabs reach the app; what they
    ///   stored before it listened, or while the page slept in the back/forward cache, too.
    /// - A save still waiting for the paint is written when the page is hidden (a phone
    ///   switching apps), left (`pagehide`), or when the app stops (a language switch, the
    ///   element removed); in the first two, with what is typed in the field with focus.
    /// - Closed sections (the advice of every area but the priorities) print open in every
    ///   browser.
    /// - A benchmark file arrives after the first screen (see `embed::boot`): the screen is
    ///   written again then.
    /// - The browser compiles each wasm function the first time it runs: the first answer paid
    ///   for compiling the state's change, the size check (the document as JSON), scoring and
    ///   its "Saved" line. They run once while the browser is idle after the first screen, on
    ///   a copy, and the screen is written once more.
    fn listen_to_page(self: &Rc<Self>) {
        let env = self.env.clone();
        let weak: Weak<App> = Rc::downgrade(self);
        let flush = {
            let store = env.store.clone();
            let host = env.host.clone();
            Closure::<dyn Fn()>::new(move || {
                commit_typing(&host);
                store.flush();
            })
        };
        let window = web_sys::window().expect("a browser window");
        for event in ["pagehide", "visibilitychange"] {
            let _ = window.add_event_listener_with_callback(event, flush.as_ref().unchecked_ref());
        }
        let unprint = env
            .host
            .shadow_root()
            .map(crate::web::open_details_when_printing);
        *env.inbox.borrow_mut() = Some({
            let weak = weak.clone();
            Rc::new(move |action| {
                if let Some(app) = weak.upgrade() {
                    app.dispatch(action);
                }
            })
        });
        let sibling = {
            let weak = weak.clone();
            move || {
                if let Some(app) = weak.upgrade() {
                    app.reload(true);
                }
            }
        };
        env.listener.set(env.store.listen(sibling));
        let doc_key = env.store.doc_key();
        // Another tab saved, or the page came back from the back/forward cache
        // (`web::stored_change`). The second is quiet: it shows the stored document only if it
        // differs.
        let listener = {
            let weak = weak.clone();
            Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
                if let (Some(why), Some(app)) =
                    (crate::web::stored_change(&event, &doc_key), weak.upgrade())
                {
                    app.reload(why == crate::web::StoredChange::Restored);
                }
            })
        };
        for event in ["storage", "pageshow"] {
            let _ =
                window.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        }
        // A change made between the app's read at start and now reached no listener.
        if let Some(started) = env.started.take() {
            if env.store.missed(started) {
                self.reload(true);
            }
        }
        // Then what the element API did meanwhile, which is newer.
        if let Some(action) = env.early.take() {
            self.dispatch(action);
        }
        *env.refresh.borrow_mut() = Some({
            let weak = weak.clone();
            Rc::new(move || {
                if let Some(app) = weak.upgrade() {
                    app.render();
                }
            })
        });
        let warm = {
            let weak = weak.clone();
            Closure::once_into_js(move || {
                if let Some(app) = weak.upgrade() {
                    let state = app.state.borrow().clone();
                    warm_answer(&app.env, state);
                    warm_events(&app.root);
                    app.render();
                }
            })
        };
        crate::web::when_idle(&warm);
        *self.stop.borrow_mut() = Some(Box::new(move || {
            *env.refresh.borrow_mut() = None;
            for event in ["storage", "pageshow"] {
                let _ = window
                    .remove_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
            }
            env.store.unlisten(env.listener.get());
            *env.inbox.borrow_mut() = None;
            if let Some(unprint) = unprint {
                unprint();
            }
            for event in ["pagehide", "visibilitychange"] {
                let _ = window
                    .remove_event_listener_with_callback(event, flush.as_ref().unchecked_ref());
            }
            env.store.flush();
        }));
    }

    /// Shows what the store holds after it changed under this app (see `Store::reloaded`).
    fn reload(self: &Rc<Self>, quiet: bool) {
        if let Some(action) = self.env.store.reloaded(quiet) {
            self.dispatch(action);
        }
    }
}

/// A screen named in a `go:` action: a step's number, `results`, `canvas` or `data`.
fn parse_view(name: &str) -> Option<View> {
    Some(match name {
        "results" => View::Results,
        "canvas" => View::Canvas,
        "data" => View::Data,
        step => View::Step(step.parse().ok()?),
    })
}

/// The `go:` action for a screen.
pub fn go(view: &View) -> String {
    match view {
        View::Step(step) => format!("go:{step}"),
        View::Results => "go:results".to_owned(),
        View::Canvas => "go:canvas".to_owned(),
        View::Data => "go:data".to_owned(),
    }
}

/// What this widget stored before, on the screen the visitor was on before a language switch.
fn initial_state(env: &Env) -> State {
    let area_ids = env.content.areas.iter().map(|a| a.id.clone()).collect();
    let (mut state, started) = env.store.start(area_ids, env.modules);
    *env.started.borrow_mut() = Some(started);
    if let Some(view) = env.resume.borrow().clone() {
        state.resume_at(view);
    }
    state
}

/// The cluster's name, or the widget's title without one.
fn brand(env: &Env) -> String {
    if env.config.name.is_empty() {
        env.t("app.title")
    } else {
        env.config.name.clone()
    }
}

/// The tabs between the app's screens.
fn nav(h: &mut String, env: &Env, view: &View) {
    let mut tabs = Vec::new();
    if env.modules.selfcheck {
        tabs.push((
            "nav.selfcheck",
            View::Step(0),
            matches!(view, View::Step(_)),
        ));
        tabs.push(("nav.results", View::Results, *view == View::Results));
    }
    if env.modules.canvas {
        tabs.push(("nav.canvas", View::Canvas, *view == View::Canvas));
    }
    tabs.push(("nav.data", View::Data, *view == View::Data));
    h.push_str("<nav class=\"gf-nav\"");
    attr(
        h,
        "aria-label",
        &env.fill("nav.label", &[("name", &brand(env))]),
    );
    h.push_str("><ul>");
    for (key, view, current) in tabs {
        h.push_str("<li><button type=\"button\" class=\"gf-tab\"");
        if current {
            h.push_str(" aria-current=\"page\"");
        }
        attr(h, "data-click", &go(&view));
        put(h, ">", &env.t(key), "</button></li>");
    }
    h.push_str("</ul></nav>");
}

/// A native select of the offered languages, each named in itself.
fn language_switch(h: &mut String, env: &Env) {
    put_t(
        h,
        env,
        "<div class=\"gf-lang\"><label for=\"gf-lang\">",
        "lang.label",
        "</label><select id=\"gf-lang\" data-change=\"lang\">",
    );
    for lang in &env.languages {
        h.push_str("<option");
        attr(h, "value", lang);
        attr(h, "lang", lang);
        if *lang == env.content.lang {
            h.push_str(" selected");
        }
        put(h, ">", crate::model::language::autonym(lang), "</option>");
    }
    h.push_str("</select></div>");
}

/// Where the data lives, always visible, announced politely when it changes.
fn status(h: &mut String, env: &Env, saved_at: Option<&str>) {
    let (class, text) = match env.store.mode() {
        Mode::Device => (
            "gf-status",
            match saved_at {
                Some(at) => env.fill(
                    "status.saved_at",
                    &[("time", &super::format_date(at, &env.content.lang))],
                ),
                None => env.t("status.device"),
            },
        ),
        Mode::MemoryOnly(Failure::Blocked) => ("gf-status gf-status-warn", env.t("status.blocked")),
        Mode::MemoryOnly(Failure::Full) => ("gf-status gf-status-warn", env.t("status.full")),
        Mode::Protecting => ("gf-status gf-status-warn", env.t("status.protecting")),
    };
    h.push_str("<p");
    attr(h, "class", class);
    put(h, " role=\"status\">", &text, "</p>");
}

/// What the last action came to (saved, loaded, refused...), until it is dismissed.
fn notice_box(h: &mut String, env: &Env, notice: &Notice) {
    let (class, role) = if notice.is_error {
        ("gf-notice gf-notice-error", "alert")
    } else {
        ("gf-notice", "status")
    };
    h.push_str("<div data-key=\"notice\"");
    attr(h, "class", class);
    attr(h, "role", role);
    put(
        h,
        "><p>",
        &env.fill(&notice.key, &[("detail", &notice.detail)]),
        "</p>",
    );
    if notice.key == "canvas.deleted" {
        button(h, "gf-link", "undelete", &env.t("canvas.undo"));
    }
    button(h, "gf-link", "dismiss", &env.t("notice.dismiss"));
    h.push_str("</div>");
}

/// The index of `block` in `Block::ALL`, for per-block state.
pub fn block_index(block: Block) -> usize {
    Block::ALL.iter().position(|b| *b == block).unwrap_or(0)
}

/// Answers the first question on a copy of the state, scores it, puts its save off on a store
/// of its own that nothing reads, and writes the time of a save: nothing is shown or stored,
/// but the code an answer runs is compiled.
fn warm_answer(env: &Env, mut copy: State) {
    let Some(question) = env.content.areas.first().and_then(|a| a.questions.first()) else {
        return;
    };
    // Another answer than the one stored, read from its token as a question's listener does.
    let token = if copy.doc.answers.get(&question.id) == Some(&Answer::Level(0)) {
        "1"
    } else {
        "0"
    };
    copy.apply(Action::Answer {
        question: question.id.clone(),
        answer: Answer::from_token(token),
    });
    let _ = crate::model::scoring::score(&env.content, &copy.doc.answers);
    let now = now_iso();
    // Twice, as a second answer before the paint replaces the first one's save.
    let scratch = crate::store::Store::new(None, "greenfit-warm-up");
    for _ in 0..2 {
        let _ = scratch.defer(Rc::clone(&copy.doc), &now, 0, Box::new(|_| {}));
    }
    let _ = super::format_date(&now, &env.content.lang);
}

/// A text field saves on `change`, which the browser fires when the field loses focus; a page
/// hidden (a phone switching apps) or left while the visitor is still typing gets none. Then
/// the field with focus tells its listener now, and keeps its focus. Only a text field: a
/// radio button can have focus without being chosen.
fn commit_typing(host: &web_sys::HtmlElement) {
    let Some(field) = super::focused(host).filter(|field| super::text_in(field).is_some()) else {
        return;
    };
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict("change", &init) {
        let _ = field.dispatch_event(&event);
    }
}

/// Sends a `change` event through the app's listener, as an answer does. It comes from a
/// question's `<fieldset>`, not from a radio, so the app reads no answer and changes nothing.
/// It bubbles only inside the shadow root (it is not `composed`), so the host page never sees
/// it.
fn warm_events(root: &web_sys::Element) {
    let target = root
        .query_selector("fieldset.gf-question")
        .ok()
        .flatten()
        .unwrap_or_else(|| root.clone());
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let Ok(event) = web_sys::Event::new_with_event_init_dict("change", &init) {
        let _ = target.dispatch_event(&event);
    }
}

/// Writes the store's deferred save right after the browser's next paint: a frame callback
/// runs just before the paint, a task queued from it just after. A hidden page paints nothing,
/// so it is written at once. The frame is asked for in a microtask, after the screen is written
/// for the same change.
fn after_paint(store: &Rc<crate::store::Store>) {
    let Some(window) = web_sys::window() else {
        store.flush();
        return;
    };
    let then = {
        let (window, store) = (window.clone(), store.clone());
        Closure::once_into_js(move || request_after_paint(&window, store))
    };
    window.queue_microtask(then.unchecked_ref());
}

fn request_after_paint(window: &web_sys::Window, store: Rc<crate::store::Store>) {
    let hidden = window.document().is_none_or(|d| d.hidden());
    if hidden {
        store.flush();
        return;
    }
    let later = Closure::once_into_js(move || {
        store.flush();
    });
    let frame = Closure::once_into_js(move || {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback(later.unchecked_ref());
        }
    });
    let _ = window.request_animation_frame(frame.unchecked_ref());
}
