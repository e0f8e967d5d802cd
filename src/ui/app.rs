//! The shell: state, the one place that saves, the storage listener, navigation and status.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use super::{now_iso, Ctx, Env};
use crate::model::answers::Answer;
use crate::model::document::Document;
use crate::model::session::{Action, Notice, State, View};
use crate::store::{Failure, Mode};

#[derive(Properties, Clone)]
pub struct AppProps {
    pub env: Rc<Env>,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.env, &other.env)
    }
}

/// `State` as a Yew reducer. A fresh `Rc` only when something changed (yew 0.23 skips the
/// re-render for the same `Rc`). A new document is left in `changed` for [`Changes::apply`],
/// which stores it.
struct Model {
    state: State,
    changed: Rc<RefCell<Option<Changed>>>,
}

/// The document an action made, and whether it is to be saved (`State::revision` moved).
struct Changed {
    doc: Rc<Document>,
    save: bool,
}

impl Reducible for Model {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = self.state.clone();
        if !state.apply(action) {
            return self;
        }
        if !Rc::ptr_eq(&state.doc, &self.state.doc) {
            let mut changed = self.changed.borrow_mut();
            // One not taken yet (an action within an action) is to be saved all the same.
            let save =
                state.revision != self.state.revision || changed.as_ref().is_some_and(|c| c.save);
            *changed = Some(Changed {
                doc: state.doc.clone(),
                save,
            });
        }
        Rc::new(Model {
            state,
            changed: self.changed.clone(),
        })
    }
}

/// Every action reaches the app's state here, and what it changed is stored in the same task:
/// the save waits for the browser's paint (`Store::defer`), but it waits from the moment of the
/// change, so a page hidden or left before the paint writes it. (An effect after the render
/// came too late: Yew yields to the browser between a long render and its effects, and a page
/// left then had no save waiting.)
struct Changes {
    dispatcher: UseReducerDispatcher<Model>,
    changed: Rc<RefCell<Option<Changed>>>,
    env: Rc<Env>,
}

impl Changes {
    fn apply(self: &Rc<Self>, action: Action) {
        self.dispatcher.dispatch(action);
        let Some(Changed { doc, save }) = self.changed.borrow_mut().take() else {
            return;
        };
        let env = &self.env;
        let doc = if save {
            let done = {
                let changes = self.clone();
                Box::new(move |at: &str| {
                    changes.apply(Action::Saved { at: at.to_owned() });
                    super::announce_change(&changes.env.host, "save", at);
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

/// Shows what the store holds after it changed under this app (see `Store::reloaded`).
fn reload(env: &Env, dispatch: &Callback<Action>, quiet: bool) {
    if let Some(action) = env.store.reloaded(quiet) {
        dispatch.emit(action);
    }
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    let env = props.env.clone();
    let model = use_reducer({
        let env = env.clone();
        move || {
            let state = initial_state(&env);
            // What the element API exports, and what is on screen, are one document.
            *env.shown.borrow_mut() = state.doc.clone();
            Model {
                state,
                changed: Rc::default(),
            }
        }
    });
    // One callback for the app's life: the context compares it, and a new one on every render
    // made every component that reads the context render again for every answer. It is the
    // one place that saves (`Changes::apply`); when the page is hidden or left, a save still
    // waiting for the paint is written at once (below).
    let dispatch = {
        let changes = Changes {
            dispatcher: model.dispatcher(),
            changed: model.changed.clone(),
            env: env.clone(),
        };
        (*use_memo((), move |_| {
            let changes = Rc::new(changes);
            Callback::from(move |action: Action| changes.apply(action))
        }))
        .clone()
    };
    let state = &model.state;
    // Renders the app again without a change of state (the idle warm-up, a late benchmark).
    let update = use_force_update();
    *env.resume.borrow_mut() = Some(state.view.clone());

    // What the app sets up once, for its life (one effect: each costs code of its own).
    // - The element API, other widgets on this page and other tabs reach the app; what they
    //   stored before it listened, or while the page slept in the back/forward cache, too.
    // - A save still waiting for the paint is written when the page is hidden (a phone
    //   switching apps), left (`pagehide`), or when the app stops (a language switch, the
    //   element removed); in the first two, with what is typed in the field with focus.
    // - Closed sections (the advice of every area but the priorities) print open in every
    //   browser.
    // - A benchmark file arrives after the first screen (see `embed::boot`): render again
    //   then, and at once if it came between this first render and this effect.
    // - The browser compiles each wasm function the first time it runs: the first answer paid
    //   about 24 ms at 4x throttling for compiling the reducer, the size check (the document
    //   as JSON), scoring and its "Saved" line. Run them once while the browser is idle after
    //   the first screen, on a copy. Then Yew's own path for an event and for an update: a
    //   change that reaches a question's listener without an answer, and one render of the
    //   app that changes nothing.
    {
        let env = env.clone();
        let dispatch = dispatch.clone();
        let model = model.clone();
        let update = update.clone();
        let seen = (
            env.benchmark.borrow().is_some(),
            env.config_errors.borrow().len(),
        );
        use_effect_with((), move |_| {
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
                let _ =
                    window.add_event_listener_with_callback(event, flush.as_ref().unchecked_ref());
            }
            let unprint = env
                .host
                .shadow_root()
                .map(crate::web::open_details_when_printing);
            *env.inbox.borrow_mut() = Some(dispatch.clone());
            let sibling = {
                let env = Rc::downgrade(&env);
                let dispatch = dispatch.clone();
                move || {
                    if let Some(env) = env.upgrade() {
                        reload(&env, &dispatch, true);
                    }
                }
            };
            env.listener.set(env.store.listen(sibling));
            let doc_key = env.store.doc_key();
            // Another tab saved, or the page came back from the back/forward cache
            // (`web::stored_change`). The second is quiet: it shows the stored document only
            // if it differs.
            let listener = {
                let env = env.clone();
                let dispatch = dispatch.clone();
                Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
                    if let Some(why) = crate::web::stored_change(&event, &doc_key) {
                        let quiet = why == crate::web::StoredChange::Restored;
                        reload(&env, &dispatch, quiet);
                    }
                })
            };
            for event in ["storage", "pageshow"] {
                let _ = window
                    .add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
            }
            // A change made between the app's read at start and now reached no listener.
            if let Some(started) = env.started.take() {
                if env.store.missed(started) {
                    reload(&env, &dispatch, true);
                }
            }
            // Then what the element API did meanwhile, which is newer.
            if let Some(action) = env.early.take() {
                dispatch.emit(action);
            }
            let refresh = {
                let update = update.clone();
                Callback::from(move |()| update.force_update())
            };
            let now = (
                env.benchmark.borrow().is_some(),
                env.config_errors.borrow().len(),
            );
            if now != seen {
                refresh.emit(());
            }
            *env.refresh.borrow_mut() = Some(refresh);
            let warm = {
                let env = env.clone();
                let state = model.state.clone();
                Closure::once_into_js(move || {
                    warm_answer(&env, state);
                    warm_events(&env.host);
                    update.force_update();
                })
            };
            crate::web::when_idle(&warm);
            move || {
                *env.refresh.borrow_mut() = None;
                for event in ["storage", "pageshow"] {
                    let _ = window.remove_event_listener_with_callback(
                        event,
                        listener.as_ref().unchecked_ref(),
                    );
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
            }
        });
    }

    // Moving to another screen moves focus to its heading (not on the first render).
    {
        let env = env.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(state.view.clone(), move |_| {
            if std::mem::replace(&mut *first.borrow_mut(), false) {
                return;
            }
            if let Some(root) = env.host.shadow_root() {
                if let Ok(Some(heading)) = root.query_selector("[data-focus]") {
                    if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
                        let _ = heading.focus();
                    }
                }
            }
        });
    }

    let ctx = Ctx {
        env: env.clone(),
        dispatch: dispatch.clone(),
    };
    let config_errors = env.config_errors.borrow().clone();
    let tabs = nav(&ctx, &state.view);
    let view = match &state.view {
        View::Step(step) => super::selfcheck::self_check(&ctx, *step, &state.doc),
        View::Results => html! {
            <super::results::Results doc={state.doc.clone()} benchmark={env.benchmark.borrow().clone()} />
        },
        View::Canvas => {
            super::canvas::canvas_view(&ctx, &state.doc.canvases, state.canvas.as_deref())
        }
        View::Data => html! {
            <super::data::DataPanel empty={state.doc.is_empty() && !env.store.has_data()} doc={state.doc.clone()} />
        },
    };

    html! {
        <ContextProvider<Ctx> context={ctx}>
            <div class="gf" lang={env.content.lang.clone()}>
                <header class="gf-head">
                    <p class="gf-brand">
                        if !env.config.logo.is_empty() {
                            <img class="gf-logo" src={env.config.logo.clone()} alt="" />
                        }
                        { brand(&env) }
                    </p>
                    if env.languages.len() > 1 {
                        <LanguageSwitch />
                    }
                    { tabs }
                </header>
                { status(&env, state.doc.saved_at.as_deref()) }
                if !config_errors.is_empty() {
                    <details class="gf-config-errors">
                        <summary>{ env.fill("config.problems", &[("n", &config_errors.len().to_string())]) }</summary>
                        <p>{ env.t("config.problems_help") }</p>
                        <ul>
                            { for config_errors.iter().map(|e| html! {
                                <li><code>{ &e.field }</code>{ ": " }{ &e.reason }</li>
                            }) }
                        </ul>
                    </details>
                }
                if let Some(notice) = &state.notice {
                    { notice_box(&env, &dispatch, notice) }
                }
                <section class="gf-view">{ view }</section>
                <footer class="gf-foot">{ env.t("app.footer") }</footer>
            </div>
        </ContextProvider<Ctx>>
    }
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
fn nav(ctx: &Ctx, view: &View) -> Html {
    let mut tabs = Vec::new();
    if ctx.modules.selfcheck {
        tabs.push((
            "nav.selfcheck",
            View::Step(0),
            matches!(view, View::Step(_)),
        ));
        tabs.push(("nav.results", View::Results, *view == View::Results));
    }
    if ctx.modules.canvas {
        tabs.push(("nav.canvas", View::Canvas, *view == View::Canvas));
    }
    tabs.push(("nav.data", View::Data, *view == View::Data));
    html! {
        <nav class="gf-nav" aria-label={ctx.fill("nav.label", &[("name", &brand(ctx))])}>
            <ul>
            { for tabs.into_iter().map(|(key, view, current)| {
                let dispatch = ctx.dispatch.clone();
                let onclick = Callback::from(move |_| dispatch.emit(Action::Go(view.clone())));
                html! {
                    <li>
                        <button type="button" class="gf-tab" aria-current={current.then_some("page")} {onclick}>
                            { ctx.t(key) }
                        </button>
                    </li>
                }
            }) }
            </ul>
        </nav>
    }
}

/// A native select of the offered languages, each named in itself.
#[function_component]
fn LanguageSwitch() -> Html {
    let ctx = super::use_ctx();
    let select = super::use_select_value(ctx.content.lang.clone());
    {
        let select = select.clone();
        let focus = ctx.focus_language;
        use_effect_with((), move |_| {
            if focus {
                if let Some(select) = select.cast::<web_sys::HtmlElement>() {
                    let _ = select.focus();
                }
            }
        });
    }
    let onchange = {
        let switch = ctx.switch_language.clone();
        let select = select.clone();
        Callback::from(move |_: Event| {
            if let Some(select) = select.cast::<web_sys::HtmlSelectElement>() {
                switch.emit(select.value());
            }
        })
    };
    html! {
        <div class="gf-lang">
            <label for="gf-lang">{ ctx.t("lang.label") }</label>
            <select id="gf-lang" ref={select} {onchange}>
                { for ctx.languages.iter().map(|lang| html! {
                    <option value={lang.clone()} lang={lang.clone()} selected={*lang == ctx.content.lang}>
                        { crate::model::language::autonym(lang) }
                    </option>
                }) }
            </select>
        </div>
    }
}

/// Where the data lives, always visible, announced politely when it changes. (Plain
/// functions, not components, for the app's small parts: a component costs code of its own.)
fn status(env: &Env, saved_at: Option<&str>) -> Html {
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
    html! { <p class={class} role="status">{ text }</p> }
}

/// What the last action came to (saved, loaded, refused...), until it is dismissed.
fn notice_box(env: &Env, dispatch: &Callback<Action>, notice: &Notice) -> Html {
    let text = env.fill(&notice.key, &[("detail", &notice.detail)]);
    let dismiss = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::Dismiss))
    };
    let undo = (notice.key == "canvas.deleted").then(|| {
        let dispatch = dispatch.clone();
        let onclick = Callback::from(move |_| {
            dispatch.emit(Action::Canvas(
                crate::model::session::CanvasAction::Undelete,
            ))
        });
        html! { <button type="button" class="gf-link" {onclick}>{ env.t("canvas.undo") }</button> }
    });
    let (class, role) = if notice.is_error {
        ("gf-notice gf-notice-error", "alert")
    } else {
        ("gf-notice", "status")
    };
    html! {
        <div class={class} role={role}>
            <p>{ text }</p>
            { for undo }
            <button type="button" class="gf-link" onclick={dismiss}>{ env.t("notice.dismiss") }</button>
        </div>
    }
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

/// Sends a `change` event through Yew's event handling and a question's listener, as an
/// answer does: Yew takes it at the shadow root (in the capture phase), finds where it came
/// from and walks up to the listener. It comes from the question's `<fieldset>`, not from a
/// radio, so the listener reads no answer and dispatches nothing. It bubbles only inside the
/// shadow root (it is not `composed`), so the host page never sees it.
fn warm_events(host: &web_sys::HtmlElement) {
    let Some(root) = host.shadow_root() else {
        return;
    };
    let target = root
        .query_selector("fieldset.gf-question")
        .ok()
        .flatten()
        .or_else(|| root.query_selector(".gf").ok().flatten());
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    if let (Some(target), Ok(event)) = (
        target,
        web_sys::Event::new_with_event_init_dict("change", &init),
    ) {
        let _ = target.dispatch_event(&event);
    }
    if let Some(radio) = root
        .query_selector("input[type=radio]")
        .ok()
        .flatten()
        .and_then(|radio| radio.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        let _ = radio.value();
    }
}

/// Writes the store's deferred save right after the browser's next paint: a frame callback
/// runs just before the paint, a task queued from it just after. A hidden page paints nothing,
/// so it is written at once. The frame is asked for after the render Yew runs for the same
/// change (both wait for the action's task to end, in order), so that what the page asked of
/// that frame when the visitor clicked comes first, as when the save waited for the render.
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
