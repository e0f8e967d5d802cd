//! The dashboard's views: load, who answered, scores by area, stages, priorities, what members
//! do not know, the weakest practices, change over time, and the outputs. Numbers come from
//! `greenfit::model::dashboard`; this file only renders them and hands files to it.

use std::rc::Rc;

use greenfit::model::config::ClusterConfig;
use greenfit::model::content::Content;
use greenfit::model::dashboard::{
    self, csv_areas, csv_members, filter_values, summarise, CsvStyle, Filter, Loaded, Refusal,
    Spread, Summary, TooSmall, MIN_GROUP,
};
use greenfit::model::document::MAX_IMPORT_BYTES;
use greenfit::model::scoring::Stage;
use greenfit::model::share::Share;
use greenfit::model::strings::Strings;
use greenfit::store::shares::{LoadNote, SharesStore, SHARES_KEY};
use greenfit::store::{Failure, Mode};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlElement;
use yew::prelude::*;

use greenfit::model::markup::{self, Chart, MAX_DOTS};

/// Everything the dashboard lives on.
pub struct Env {
    pub host: HtmlElement,
    pub strings: Strings,
    pub lang: String,
    /// The questions as the cluster shows them (its config applied), in the page's language.
    pub content: Content,
    pub config: ClusterConfig,
    pub store: SharesStore,
    /// Where `loadText` of the element API sends text, once the app runs.
    pub inbox: crate::element::Inbox,
}

impl Env {
    fn t(&self, key: &str) -> String {
        self.strings.get(key)
    }
    fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        self.strings.fill(key, values)
    }
    fn area_title(&self, id: &str) -> String {
        if id == "overall" {
            return self.t("overall");
        }
        self.content
            .area(id)
            .map_or_else(|| id.to_owned(), |a| a.title.clone())
    }
    fn area_short(&self, id: &str) -> String {
        self.content
            .area(id)
            .map_or_else(|| id.to_owned(), |a| a.short.clone())
    }
    fn question_text(&self, id: &str) -> String {
        self.content
            .question(id)
            .map_or_else(|| id.to_owned(), |q| q.text.clone())
    }
    fn refusal(&self, refusal: &Refusal) -> String {
        self.fill(refusal.message_key(), &[("detail", &refusal.detail())])
    }
}

#[derive(Properties, Clone)]
pub struct AppProps {
    pub env: Rc<Env>,
}

impl PartialEq for AppProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.env, &other.env)
    }
}

/// One line of "what was loaded": a file (or a code in it) and whether it was added.
#[derive(Clone, PartialEq)]
struct ReportLine {
    name: String,
    outcome: Result<(), Refusal>,
}

#[derive(Clone, PartialEq)]
struct Model {
    /// Shared with the views without copying: a change makes a new one.
    loaded: Rc<Loaded>,
    /// Moves on every change the dashboard makes to the loaded set: the save effect runs on it.
    revision: u64,
    /// Moves on every change to the loaded set, another tab's included: the summary follows it.
    generation: u64,
    report: Vec<ReportLine>,
}

enum Msg {
    /// Read results, by the name of what they came from.
    Add(Vec<(String, Result<Share, Refusal>)>),
    Forget,
    /// Another tab changed the stored set.
    Reloaded(Loaded),
}

impl Reducible for Model {
    type Action = Msg;
    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let mut model = (*self).clone();
        match msg {
            Msg::Add(results) => {
                model.report.clear();
                let before = model.loaded.shares().len();
                let loaded = Rc::make_mut(&mut model.loaded);
                for (name, result) in results {
                    let outcome = result.and_then(|share| loaded.add(share));
                    model.report.push(ReportLine { name, outcome });
                }
                if model.loaded.shares().len() != before {
                    model.revision += 1;
                    model.generation += 1;
                }
            }
            Msg::Forget => {
                model.loaded = Rc::new(Loaded::new());
                model.report.clear();
                model.revision += 1;
                model.generation += 1;
            }
            Msg::Reloaded(loaded) => {
                if loaded == *model.loaded {
                    return self;
                }
                model.loaded = Rc::new(loaded);
                model.generation += 1;
            }
        }
        Rc::new(model)
    }
}

fn now_iso() -> String {
    String::from(js_sys::Date::new_0().to_iso_string())
}

/// Offers `text` as a file download, made in the browser; nothing is sent.
fn download(env: &Env, filename: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let (Some(document), Some(root)) = (env.host.owner_document(), env.host.shadow_root()) {
        if let Ok(anchor) = document.create_element("a") {
            let anchor: web_sys::HtmlAnchorElement = anchor.unchecked_into();
            anchor.set_href(&url);
            anchor.set_download(filename);
            anchor.set_hidden(true);
            let _ = root.append_child(&anchor);
            anchor.click();
            let _ = root.remove_child(&anchor);
        }
    }
    let release = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 1000);
    }
}

/// Gives the browser a turn (to paint, to handle input): a macrotask, not a microtask.
async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = JsFuture::from(promise).await;
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Up to this many files, "what was loaded" lists each added file too; above, only refusals.
const REPORT_ALL: usize = 50;

/// How long the dashboard works before it lets the browser paint again.
const SLICE_MS: f64 = 25.0;
/// Files read at once: reading one takes a round trip to the browser, so they are asked for
/// together.
const READ_AT_ONCE: usize = 200;

/// Reads files in batches and adds them all. A batch is read as one blob: Chromium took about
/// 1.4 ms a file for `File.text()` at 4x throttling (2.8 of the 9.5 seconds 2,000 files took,
/// and much of the rest in the browser's own work for each read), and one read per batch
/// takes a few milliseconds. If the batch cannot be read as one (a file changed or removed
/// since it was chosen), its files are read one by one, and a file that cannot be read is
/// reported as such. The texts are checked in slices that let the browser paint.
async fn read_files(env: Rc<Env>, files: Vec<web_sys::File>, dispatch: Callback<Msg>) {
    let mut results = Vec::new();
    let mut slice = now_ms();
    for batch in files.chunks(READ_AT_ONCE) {
        let readable: Vec<&web_sys::File> = batch
            .iter()
            .filter(|file| file.size() as usize <= MAX_IMPORT_BYTES)
            .collect();
        let texts = match read_together(&readable).await {
            Some(texts) => texts.into_iter().map(Some).collect(),
            None => read_one_by_one(&readable).await,
        };
        let mut texts = texts.into_iter();
        for file in batch {
            if now_ms() - slice > SLICE_MS {
                yield_to_browser().await;
                slice = now_ms();
            }
            let name = file.name();
            if file.size() as usize > MAX_IMPORT_BYTES {
                let why = format!("{} KB", (file.size() as usize).div_ceil(1024));
                results.push((name, Err(Refusal::Damaged(why))));
                continue;
            }
            let Some(text) = texts.next().flatten() else {
                results.push((name, Err(Refusal::NotGreenfit)));
                continue;
            };
            let read = dashboard::read_file(&text, &env.content);
            results.extend(label(&env, &name, read));
        }
    }
    yield_to_browser().await;
    dispatch.emit(Msg::Add(results));
}

/// The texts of `files`, read as one blob; `None` if that cannot be done.
async fn read_together(files: &[&web_sys::File]) -> Option<Vec<String>> {
    let parts: js_sys::Array = files.iter().collect();
    let blob = web_sys::Blob::new_with_blob_sequence(&parts).ok()?;
    let buffer = JsFuture::from(blob.array_buffer()).await.ok()?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    let sizes: Vec<usize> = files.iter().map(|file| file.size() as usize).collect();
    dashboard::split_files(&bytes, &sizes)
}

/// The text of each of `files`, or `None` for a file that cannot be read.
async fn read_one_by_one(files: &[&web_sys::File]) -> Vec<Option<String>> {
    let reads: js_sys::Array = files.iter().map(|file| file.text()).collect();
    let settled = JsFuture::from(js_sys::Promise::all_settled(&reads))
        .await
        .map(|all| js_sys::Array::from(&all))
        .unwrap_or_default();
    (0..files.len() as u32)
        .map(|i| {
            js_sys::Reflect::get(&settled.get(i), &"value".into())
                .ok()
                .and_then(|text| text.as_string())
        })
        .collect()
}

/// The stored form of `loaded`, written in slices that let the browser paint; `None` when
/// empty.
async fn stored_json(loaded: &Loaded) -> Option<String> {
    if loaded.shares().is_empty() {
        return None;
    }
    let mut text = String::from(dashboard::LOADED_JSON_HEAD);
    let mut slice = now_ms();
    for (i, share) in loaded.shares().iter().enumerate() {
        if now_ms() - slice > SLICE_MS {
            yield_to_browser().await;
            slice = now_ms();
        }
        if i > 0 {
            text.push(',');
        }
        text.push_str(&dashboard::share_json(share));
    }
    text.push_str(dashboard::LOADED_JSON_TAIL);
    Some(text)
}

/// Names each result of one file: the file's name, or "name, code n" for a file of codes.
fn label(
    env: &Env,
    name: &str,
    read: Vec<Result<Share, Refusal>>,
) -> Vec<(String, Result<Share, Refusal>)> {
    let many = read.len() > 1;
    read.into_iter()
        .enumerate()
        .map(|(i, result)| {
            let label = if many {
                env.fill(
                    "load.code_in",
                    &[("name", name), ("n", &(i + 1).to_string())],
                )
            } else {
                name.to_owned()
            };
            (label, result)
        })
        .collect()
}

fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// A `<select>` whose shown value always equals `value` (set as a property after render).
#[hook]
fn use_select_value(value: String) -> NodeRef {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(value, move |value| {
            if let Some(select) = node.cast::<web_sys::HtmlSelectElement>() {
                select.set_value(value);
            }
        });
    }
    node
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    let env = props.env.clone();
    let first = use_memo((), {
        let env = env.clone();
        move |_| env.store.load()
    });
    let note = use_state(|| first.1);
    let model = use_reducer(|| Model {
        loaded: Rc::new(first.0.clone()),
        revision: 0,
        generation: 0,
        report: Vec::new(),
    });
    let mode = use_state(|| env.store.mode());
    let filter = use_state(Filter::default);
    let confirming = use_state(|| false);
    let group = use_state(String::new);
    let codes = use_node_ref();
    let dispatch = {
        let model = model.clone();
        Callback::from(move |msg: Msg| model.dispatch(msg))
    };

    // Save after every change to the loaded set: in its own task, after the browser has
    // painted the new numbers (writing thousands of results takes a while). Meanwhile the set
    // waits in the store (`SharesStore::wait`), which writes it at once when needed (below).
    {
        let env = env.clone();
        let model = model.clone();
        let mode = mode.clone();
        use_effect_with(model.revision, move |&revision| {
            if revision > 0 {
                let loaded = model.loaded.clone();
                env.store.wait(revision, loaded.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    yield_to_browser().await;
                    let json = stored_json(&loaded).await;
                    mode.set(env.store.save_waiting(revision, json.as_deref()));
                });
            }
        });
    }
    // Another tab's change, the element API, the ready signal after the first render, and a
    // waiting save written when the page is hidden or left.
    {
        let env = env.clone();
        let dispatch = dispatch.clone();
        let mode = mode.clone();
        use_effect_with((), move |_| {
            *env.inbox.borrow_mut() = Some({
                let env = env.clone();
                let dispatch = dispatch.clone();
                Callback::from(move |(name, text): (String, String)| {
                    let read = dashboard::read_file(&text, &env.content);
                    dispatch.emit(Msg::Add(label(&env, &name, read)));
                })
            });
            // A set still waiting to be stored is written at once when the page is hidden (a
            // laptop closed, another app) or left, and when the dashboard is removed.
            let flush = Rc::new({
                let env = env.clone();
                let mode = mode.clone();
                move || {
                    if let Some(now) = env.store.flush() {
                        mode.set(now);
                    }
                }
            });
            let reread = Rc::new({
                let env = env.clone();
                move || {
                    let loaded = env.store.reread();
                    mode.set(env.store.mode());
                    if let Some(loaded) = loaded {
                        dispatch.emit(Msg::Reloaded(loaded));
                    }
                }
            });
            // Another tab saved, or the page came back from the back/forward cache
            // (`greenfit::web::stored_change`).
            let listener = {
                let reread = reread.clone();
                Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
                    if greenfit::web::stored_change(&event, SHARES_KEY).is_some() {
                        reread();
                    }
                })
            };
            let window = web_sys::window().expect("a browser window");
            for event in ["storage", "pageshow"] {
                let _ = window
                    .add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
            }
            let on_hide = {
                let flush = flush.clone();
                Closure::<dyn Fn()>::new(move || flush())
            };
            for event in ["pagehide", "visibilitychange"] {
                let _ = window
                    .add_event_listener_with_callback(event, on_hide.as_ref().unchecked_ref());
            }
            // A set another tab saved between the load and now reached no listener.
            if env.store.missed() {
                reread();
            }
            let init = web_sys::CustomEventInit::new();
            init.set_bubbles(true);
            init.set_composed(true);
            if let Ok(event) =
                web_sys::CustomEvent::new_with_event_init_dict("greenfit-ready", &init)
            {
                let _ = env.host.dispatch_event(&event);
            }
            move || {
                for event in ["storage", "pageshow"] {
                    let _ = window.remove_event_listener_with_callback(
                        event,
                        listener.as_ref().unchecked_ref(),
                    );
                }
                for event in ["pagehide", "visibilitychange"] {
                    let _ = window.remove_event_listener_with_callback(
                        event,
                        on_hide.as_ref().unchecked_ref(),
                    );
                }
                flush();
            }
        });
    }

    let on_files = {
        let env = env.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let files = files_of(input.files());
            input.set_value("");
            wasm_bindgen_futures::spawn_local(read_files(env.clone(), files, dispatch.clone()));
        })
    };
    let on_drop = {
        let env = env.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            let promise = crate::element::dropped_files(&event);
            let env = env.clone();
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let files = JsFuture::from(promise)
                    .await
                    .map(|list| {
                        js_sys::Array::from(&list)
                            .iter()
                            .filter_map(|f| f.dyn_into::<web_sys::File>().ok())
                            .collect()
                    })
                    .unwrap_or_default();
                read_files(env, files, dispatch).await;
            });
        })
    };
    let on_drag_over = Callback::from(|event: DragEvent| event.prevent_default());
    let add_codes = {
        let codes = codes.clone();
        let dispatch = dispatch.clone();
        let env = env.clone();
        Callback::from(move |_| {
            let Some(area) = codes.cast::<web_sys::HtmlTextAreaElement>() else {
                return;
            };
            let text = area.value();
            if text.trim().is_empty() {
                return;
            }
            let found = Share::codes_in(&text);
            let results: Vec<(String, Result<Share, Refusal>)> = if found.is_empty() {
                vec![(env.t("load.pasted"), Err(Refusal::NotGreenfit))]
            } else {
                found
                    .into_iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let name = env.fill("load.code", &[("n", &(i + 1).to_string())]);
                        (name, r.map_err(Refusal::from))
                    })
                    .collect()
            };
            if results.iter().all(|(_, r)| r.is_ok()) {
                area.set_value("");
            }
            dispatch.emit(Msg::Add(results));
        })
    };
    let forget = {
        let confirming = confirming.clone();
        let dispatch = dispatch.clone();
        let env = env.clone();
        let mode = mode.clone();
        let note = note.clone();
        Callback::from(move |_| {
            mode.set(env.store.forget());
            note.set(None);
            dispatch.emit(Msg::Forget);
            confirming.set(false);
        })
    };

    let shares = model.loaded.shares();
    let status = match (&*mode, *note) {
        (Mode::Protecting, _) => env.t("status.protecting"),
        (Mode::MemoryOnly(Failure::Blocked), _) => env.t("status.blocked"),
        (Mode::MemoryOnly(Failure::Full), _) => env.t("status.full"),
        (Mode::Device, Some(LoadNote::BackedUp)) => env.t("status.backed_up"),
        _ => env.t("status.device"),
    };
    let accepted = model.report.iter().filter(|l| l.outcome.is_ok()).count();

    html! {
        <div class="gd" lang={env.lang.clone()}>
            <h2>{ if env.config.name.is_empty() { env.t("title") } else { env.fill("title_of", &[("cluster", &env.config.name)]) } }</h2>
            <p class="gd-privacy"><strong>{ env.t("privacy") }</strong></p>
            <p class="gd-status" role="status" data-testid="status">{ status }</p>

            <section class="gd-load gd-no-print" aria-labelledby="gd-load-title">
                <h3 id="gd-load-title">{ env.t("load.title") }</h3>
                <div class="gd-drop" ondrop={on_drop} ondragover={on_drag_over.clone()} ondragenter={on_drag_over}>
                    <p>{ env.t("load.kinds") }</p>
                    <div class="gd-actions">
                        <label class="gd-button">
                            { env.t("load.files") }
                            <input type="file" class="gd-visually-hidden" multiple=true accept=".json,.txt,.eml,application/json,text/plain" onchange={on_files.clone()} data-testid="files" />
                        </label>
                        <label class="gd-button gd-secondary">
                            { env.t("load.folder") }
                            <input type="file" class="gd-visually-hidden" multiple=true webkitdirectory=true onchange={on_files} />
                        </label>
                    </div>
                    <p class="gd-hint">{ env.t("load.drop") }</p>
                </div>
                <label class="gd-field">
                    <span>{ env.t("load.codes") }</span>
                    <textarea ref={codes} rows="4" spellcheck="false" data-testid="codes" />
                </label>
                <button type="button" class="gd-button gd-secondary" onclick={add_codes}>{ env.t("load.add_codes") }</button>
                <div aria-live="polite" data-testid="report">
                    if !model.report.is_empty() {
                        <p class="gd-label">{ env.fill("load.report", &[("added", &accepted.to_string()), ("refused", &(model.report.len() - accepted).to_string())]) }</p>
                        // A long list scrolls; the region is focusable so keyboards can scroll it.
                        <div class="gd-report" role="region" tabindex="0" aria-label={env.t("load.report_label")}>
                            <ul>
                                // Every refusal; the files added one by one only for a short list.
                                { for model.report.iter().filter(|line| model.report.len() <= REPORT_ALL || line.outcome.is_err()).map(|line| match &line.outcome {
                                    Ok(()) => html! { <li class="gd-ok">{ env.fill("load.accepted", &[("name", &line.name)]) }</li> },
                                    Err(refusal) => html! { <li class="gd-refused">{ env.fill("load.refused", &[("name", &line.name), ("reason", &env.refusal(refusal))]) }</li> },
                                }) }
                            </ul>
                        </div>
                    }
                </div>
                if !shares.is_empty() {
                    if *confirming {
                        <div class="gd-confirm" role="group" aria-label={env.t("forget")}>
                            <p>{ env.fill("forget_confirm", &[("n", &shares.len().to_string())]) }</p>
                            <button type="button" class="gd-button gd-danger" onclick={forget}>{ env.t("forget_yes") }</button>
                            <button type="button" class="gd-button gd-secondary" onclick={{ let c = confirming.clone(); move |_| c.set(false) }}>{ env.t("cancel") }</button>
                        </div>
                    } else {
                        <button type="button" class="gd-button gd-secondary" onclick={{ let c = confirming.clone(); move |_| c.set(true) }}>{ env.t("forget") }</button>
                    }
                }
            </section>

            if shares.is_empty() {
                <p data-testid="empty">{ env.t("empty") }</p>
            } else {
                <Filters env={env.clone()} loaded={model.loaded.clone()} filter={(*filter).clone()} onchange={{ let f = filter.clone(); move |next| f.set(next) }} />
                <Report env={env.clone()} loaded={model.loaded.clone()} generation={model.generation} filter={(*filter).clone()} group={(*group).clone()} ongroup={{ let g = group.clone(); move |text| g.set(text) }} />
            }
        </div>
    }
}

#[derive(Properties, Clone)]
struct FiltersProps {
    env: Rc<Env>,
    loaded: Rc<Loaded>,
    filter: Filter,
    onchange: Callback<Filter>,
}

impl PartialEq for FiltersProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.loaded, &other.loaded) && self.filter == other.filter
    }
}

#[function_component]
fn Filters(props: &FiltersProps) -> Html {
    let env = &props.env;
    let [sectors, sizes, countries] = filter_values(props.loaded.shares());
    let field = |key: &'static str,
                 values: Vec<String>,
                 current: Option<String>,
                 set: fn(&mut Filter, Option<String>)| {
        let filter = props.filter.clone();
        let onchange = props.onchange.clone();
        let change = Callback::from(move |event: Event| {
            let value = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
                .map(|s| s.value())
                .unwrap_or_default();
            let mut next = filter.clone();
            set(&mut next, (!value.is_empty()).then_some(value));
            onchange.emit(next);
        });
        (key, values, current.unwrap_or_default(), change)
    };
    let fields = [
        field(
            "filter.sector",
            sectors,
            props.filter.sector.clone(),
            |f, v| f.sector = v,
        ),
        field("filter.size", sizes, props.filter.size.clone(), |f, v| {
            f.size = v
        }),
        field(
            "filter.country",
            countries,
            props.filter.country.clone(),
            |f, v| f.country = v,
        ),
    ];
    html! {
        <section class="gd-filters gd-no-print" aria-labelledby="gd-filter-title">
            <h3 id="gd-filter-title">{ env.t("filter.title") }</h3>
            <div class="gd-inline">
                { for fields.into_iter().map(|(key, values, current, change)| html! {
                    <FilterSelect label={env.t(key)} all={env.t("filter.all")} {values} {current} onchange={change} />
                }) }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct FilterSelectProps {
    label: String,
    all: String,
    values: Vec<String>,
    current: String,
    onchange: Callback<Event>,
}

#[function_component]
fn FilterSelect(props: &FilterSelectProps) -> Html {
    let node = use_select_value(props.current.clone());
    html! {
        <label class="gd-field">
            <span>{ &props.label }</span>
            <select ref={node} onchange={props.onchange.clone()}>
                <option value="">{ &props.all }</option>
                { for props.values.iter().map(|v| html! { <option value={v.clone()}>{ v }</option> }) }
            </select>
        </label>
    }
}

#[derive(Properties, Clone)]
struct ReportProps {
    env: Rc<Env>,
    loaded: Rc<Loaded>,
    generation: u64,
    filter: Filter,
    group: String,
    ongroup: Callback<String>,
}

impl PartialEq for ReportProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.loaded, &other.loaded)
            && self.filter == other.filter
            && self.group == other.group
    }
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.2}").trim_end_matches('0').to_owned()
    }
}

fn local_date(iso: &str, lang: &str) -> String {
    greenfit::web::local_date(iso, lang, false)
}

#[function_component]
fn Report(props: &ReportProps) -> Html {
    let env = props.env.clone();
    // The summary is computed in its own task after the set or the filter changed, so that
    // reading thousands of files, summarising them and drawing them never block one frame.
    let computed = use_state(|| None::<Rc<Result<Summary, TooSmall>>>);
    {
        let computed = computed.clone();
        let loaded = props.loaded.clone();
        let env = env.clone();
        use_effect_with(
            (props.generation, props.filter.clone()),
            move |(_, filter)| {
                let filter = filter.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    yield_to_browser().await;
                    let summary = summarise(loaded.shares(), &filter, &env.content);
                    // Drawing it is the next task.
                    yield_to_browser().await;
                    computed.set(Some(Rc::new(summary)));
                });
            },
        );
    }
    let Some(summary) = (*computed).clone() else {
        return html! {};
    };
    let summary = match &*summary {
        Ok(summary) => summary.clone(),
        Err(small) => {
            return html! {
                <p class="gd-notice" role="status" data-testid="too-small">{ env.fill("too_small", &[("n", &small.members.to_string()), ("min", &MIN_GROUP.to_string())]) }</p>
            };
        }
    };
    let lang = &env.lang;
    let stage_ids: Vec<String> = Stage::ALL
        .iter()
        .map(|s| env.t(&format!("stage.{}", s.id())))
        .collect();
    let rows: Vec<(String, Vec<u8>, Option<Spread>)> = summary
        .areas
        .iter()
        .map(|a| (env.area_short(&a.area), a.scores.clone(), a.spread))
        .collect();
    let axes: Vec<(String, Option<u8>)> = summary
        .areas
        .iter()
        .map(|a| {
            (
                env.area_short(&a.area),
                a.spread.map(|s| s.median.round() as u8),
            )
        })
        .collect();
    let (up, down, same) =
        summary
            .changes
            .iter()
            .fold((0, 0, 0), |(u, d, s), change| match change {
                (Some(a), Some(b)) if b > a => (u + 1, d, s),
                (Some(a), Some(b)) if b < a => (u, d + 1, s),
                _ => (u, d, s + 1),
            });
    let most = summary
        .areas
        .iter()
        .flat_map(|a| a.stages)
        .max()
        .unwrap_or(1)
        .max(1);

    html! {
        <>
            <section aria-labelledby="gd-who-title">
                <h3 id="gd-who-title">{ env.t("who.title") }</h3>
                <p data-testid="overview">{ env.fill("overview", &[
                    ("members", &summary.members.to_string()),
                    ("first", &local_date(&summary.first, lang)),
                    ("last", &local_date(&summary.last, lang)),
                ]) }{ " " }{ env.fill("overview_answers", &[("n", &summary.with_answers.to_string())]) }</p>
                if let Some(overall) = summary.overall {
                    <p data-testid="overall">{ env.fill("overall_median", &[("median", &number(overall.median)), ("q1", &number(overall.q1)), ("q3", &number(overall.q3))]) }</p>
                }
                if summary.question_sets > 1 {
                    <p class="gd-hint">{ env.fill("question_sets", &[("n", &summary.question_sets.to_string())]) }</p>
                }
            </section>

            <section aria-labelledby="gd-areas-title">
                <h3 id="gd-areas-title">{ env.t("areas.title") }</h3>
                <p class="gd-hint">{ env.t(if summary.members > MAX_DOTS { "areas.chart_many" } else { "areas.chart" }) }</p>
                <div class="gd-charts">
                    // Both charts are written as strings of SVG (greenfit::model::markup): up
                    // to 1,500 dots, which the browser makes in one step.
                    { Html::from_html_unchecked(markup::strip(&rows, &env.t("areas.chart_label")).into()) }
                    // A radar needs three areas to be a shape; with fewer (a cluster turned the
                    // others off) the strips beside it already show each median.
                    if axes.len() >= 3 {
                        // The widget's radar, without an earlier result or a benchmark.
                        { Html::from_html_unchecked(markup::chart(&Chart {
                            axes: &axes,
                            before: None,
                            benchmark: None,
                            label: &env.t("radar.label"),
                        }).into()) }
                    }
                </div>
                <div class="gd-table-wrap" role="region" tabindex="0" aria-labelledby="gd-areas-caption">
                <table class="gd-table" data-testid="areas">
                    <caption id="gd-areas-caption">{ env.t("areas.caption") }</caption>
                    <thead><tr>
                        <th scope="col">{ env.t("col.area") }</th>
                        <th scope="col">{ env.t("col.members") }</th>
                        <th scope="col">{ env.t("col.q1") }</th>
                        <th scope="col">{ env.t("col.median") }</th>
                        <th scope="col">{ env.t("col.q3") }</th>
                        <th scope="col">{ env.t("col.not_relevant") }</th>
                        <th scope="col">{ env.t("col.priority") }</th>
                    </tr></thead>
                    <tbody>
                    { for summary.areas.iter().map(|a| html! {
                        <tr data-area={a.area.clone()}>
                            <th scope="row">{ env.area_title(&a.area) }</th>
                            <td class="gd-num">{ a.scores.len() }</td>
                            <td class="gd-num">{ a.spread.map(|s| number(s.q1)).unwrap_or_default() }</td>
                            <td class="gd-num" data-testid="median">{ a.spread.map(|s| number(s.median)).unwrap_or_else(|| "–".to_owned()) }</td>
                            <td class="gd-num">{ a.spread.map(|s| number(s.q3)).unwrap_or_default() }</td>
                            <td class="gd-num">{ a.not_relevant }</td>
                            <td class="gd-num">{ a.priority }</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
                </div>
            </section>

            <section aria-labelledby="gd-stages-title">
                <h3 id="gd-stages-title">{ env.t("stages.title") }</h3>
                <div class="gd-table-wrap" role="region" tabindex="0" aria-labelledby="gd-stages-caption">
                <table class="gd-table gd-heat" data-testid="stages">
                    <caption id="gd-stages-caption">{ env.t("stages.caption") }</caption>
                    <thead><tr>
                        <th scope="col">{ env.t("col.area") }</th>
                        { for stage_ids.iter().map(|s| html! { <th scope="col">{ s }</th> }) }
                    </tr></thead>
                    <tbody>
                    { for summary.areas.iter().map(|a| html! {
                        <tr>
                            <th scope="row">{ env.area_title(&a.area) }</th>
                            { for a.stages.iter().map(|n| html! {
                                <td class={classes!("gd-num", format!("gd-heat-{}", (n * 4).div_ceil(most)))}>{ n }</td>
                            }) }
                        </tr>
                    }) }
                    </tbody>
                </table>
                </div>
            </section>

            <section aria-labelledby="gd-priorities-title">
                <h3 id="gd-priorities-title">{ env.t("priorities.title") }</h3>
                if summary.priorities.is_empty() {
                    <p>{ env.t("priorities.none") }</p>
                } else {
                    <ol data-testid="priorities">
                        { for summary.priorities.iter().map(|(area, n)| html! {
                            <li>{ env.area_title(area) }{ ": " }{ env.fill("members_n", &[("n", &n.to_string())]) }</li>
                        }) }
                    </ol>
                }
            </section>

            <section aria-labelledby="gd-questions-title">
                <h3 id="gd-questions-title">{ env.t("questions.title") }</h3>
                if summary.with_answers == 0 {
                    <p>{ env.t("answers_none") }</p>
                } else {
                    <p class="gd-hint">{ env.fill("questions.based_on", &[("n", &summary.with_answers.to_string())]) }</p>
                    <h4>{ env.t("dont_know.title") }</h4>
                    if summary.dont_know.is_empty() {
                        <p>{ env.t("dont_know.none") }</p>
                    } else {
                        <ol data-testid="dont-know">
                            { for summary.dont_know.iter().map(|q| html! {
                                <li>{ env.question_text(&q.question) }{ " " }<span class="gd-hint">{ env.fill("dont_know.count", &[("n", &q.dont_know.to_string()), ("of", &q.answered.to_string())]) }</span></li>
                            }) }
                        </ol>
                    }
                    <h4>{ env.t("weakest.title") }</h4>
                    <p class="gd-hint">{ env.t("weakest.intro") }</p>
                    <ol data-testid="weakest">
                        { for summary.weakest.iter().map(|q| html! {
                            <li>{ env.question_text(&q.question) }{ " " }<span class="gd-hint">{ env.fill("weakest.score", &[("score", &q.score.to_string()), ("of", &q.answered.to_string())]) }</span></li>
                        }) }
                    </ol>
                }
            </section>

            <section aria-labelledby="gd-change-title">
                <h3 id="gd-change-title">{ env.t("change.title") }</h3>
                if summary.changes.is_empty() {
                    <p>{ env.t("change.none") }</p>
                } else {
                    <p data-testid="change">{ env.fill("change.summary", &[
                        ("n", &summary.changes.len().to_string()),
                        ("up", &up.to_string()),
                        ("down", &down.to_string()),
                        ("same", &same.to_string()),
                    ]) }</p>
                }
            </section>

            <Outputs env={env.clone()} summary={Rc::new(summary)} loaded={props.loaded.clone()} group={props.group.clone()} ongroup={props.ongroup.clone()} />
        </>
    }
}

#[derive(Properties, Clone)]
struct OutputsProps {
    env: Rc<Env>,
    summary: Rc<Summary>,
    loaded: Rc<Loaded>,
    group: String,
    ongroup: Callback<String>,
}

impl PartialEq for OutputsProps {
    fn eq(&self, other: &Self) -> bool {
        self.summary == other.summary
            && Rc::ptr_eq(&self.loaded, &other.loaded)
            && self.group == other.group
    }
}

#[function_component]
fn Outputs(props: &OutputsProps) -> Html {
    let env = props.env.clone();
    let summary = props.summary.clone();
    let style = CsvStyle::for_language(&env.lang);
    let today = now_iso();
    let day = today[..10].to_owned();

    let csv_table = {
        let env = env.clone();
        let summary = summary.clone();
        let day = day.clone();
        Callback::from(move |_| {
            let header: Vec<String> = [
                "col.area",
                "col.members",
                "col.min",
                "col.q1",
                "col.median",
                "col.q3",
                "col.max",
            ]
            .iter()
            .map(|k| env.t(k))
            .chain(
                Stage::ALL
                    .iter()
                    .map(|s| env.t(&format!("stage.{}", s.id()))),
            )
            .chain(
                ["col.not_relevant", "col.priority"]
                    .iter()
                    .map(|k| env.t(k)),
            )
            .collect();
            let title = |id: &str| env.area_title(id);
            let text = csv_areas(&summary, &title, &header, style);
            download(
                &env,
                &format!("greenfit-areas-{day}.csv"),
                "text/csv;charset=utf-8",
                &text,
            );
        })
    };
    let csv_rows = {
        let env = env.clone();
        let loaded = props.loaded.clone();
        let summary = summary.clone();
        let day = day.clone();
        Callback::from(move |_| {
            let ids: Vec<String> = summary.areas.iter().map(|a| a.area.clone()).collect();
            let header: Vec<String> = [
                "col.member",
                "col.date",
                "filter.sector",
                "filter.size",
                "filter.country",
                "overall",
            ]
            .iter()
            .map(|k| env.t(k))
            .chain(ids.iter().map(|id| env.area_title(id)))
            .collect();
            let text = csv_members(loaded.shares(), &ids, &header, style);
            download(
                &env,
                &format!("greenfit-members-{day}.csv"),
                "text/csv;charset=utf-8",
                &text,
            );
        })
    };
    let bench = dashboard::benchmark(&summary, &today, &props.group);
    let save_bench = {
        let env = env.clone();
        let bench = bench.clone();
        Callback::from(move |_| {
            if let Some(bench) = &bench {
                download(
                    &env,
                    "greenfit-benchmark.json",
                    "application/json",
                    &bench.to_json(),
                );
            }
        })
    };
    let on_group = {
        let ongroup = props.ongroup.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                ongroup.emit(input.value());
            }
        })
    };
    let canvas = {
        let env = env.clone();
        let summary = summary.clone();
        Callback::from(move |_| {
            let pains: Vec<String> = dashboard::needs(&summary)
                .iter()
                .map(|id| {
                    let median = summary
                        .areas
                        .iter()
                        .find(|a| a.area == *id)
                        .and_then(|a| a.spread)
                        .map(|s| number(s.median))
                        .unwrap_or_else(|| "–".to_owned());
                    env.fill(
                        "canvas.pain",
                        &[("area", &env.area_title(id)), ("median", &median)],
                    )
                })
                .collect();
            let doc = dashboard::service_canvas(&env.t("canvas.name"), &pains);
            let text = doc.export_json(&env.content, &now_iso());
            download(
                &env,
                "greenfit-service-canvas.json",
                "application/json",
                &text,
            );
        })
    };
    let print = {
        let host = env.host.clone();
        Callback::from(move |_| {
            // The report alone: the rest of the page is hidden while it prints.
            greenfit::web::print(&host, false)
        })
    };
    let separator = style.separator.to_string();

    html! {
        <section class="gd-outputs gd-no-print" aria-labelledby="gd-outputs-title">
            <h3 id="gd-outputs-title">{ env.t("outputs.title") }</h3>
            <div class="gd-actions">
                <button type="button" class="gd-button gd-secondary" onclick={csv_table}>{ env.t("outputs.csv_areas") }</button>
                <button type="button" class="gd-button gd-secondary" onclick={csv_rows}>{ env.t("outputs.csv_members") }</button>
                <button type="button" class="gd-button gd-secondary" onclick={print}>{ env.t("outputs.print") }</button>
            </div>
            <p class="gd-hint">{ env.fill("outputs.csv_hint", &[("sep", &separator)]) }</p>

            <h4>{ env.t("outputs.benchmark_title") }</h4>
            <p>{ env.t("outputs.benchmark_hint") }</p>
            <label class="gd-field">
                <span>{ env.t("outputs.group") }</span>
                <input type="text" maxlength="80" value={props.group.clone()} oninput={on_group} />
            </label>
            if bench.is_some() {
                <button type="button" class="gd-button" onclick={save_bench} data-testid="benchmark">{ env.t("outputs.benchmark") }</button>
            } else {
                <p class="gd-notice">{ env.fill("outputs.benchmark_small", &[("min", &MIN_GROUP.to_string())]) }</p>
            }

            <h4>{ env.t("outputs.canvas_title") }</h4>
            <p>{ env.t("outputs.canvas_hint") }</p>
            <button type="button" class="gd-button gd-secondary" onclick={canvas}>{ env.t("outputs.canvas") }</button>
        </section>
    }
}
