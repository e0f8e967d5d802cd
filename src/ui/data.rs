//! "Your data": where it lives, export, import, the backup of unreadable data, delete.

use std::rc::Rc;

use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::{download, format_date, now_iso, use_ctx, Ctx};
use crate::model::answers::Answer;
use crate::model::canvas::Block;
use crate::model::document::{DocError, Document, MAX_IMPORT_BYTES};
use crate::model::markup::put;
use crate::model::scoring;
use crate::model::session::{Action, Notice};

#[derive(Properties, PartialEq)]
pub struct DataPanelProps {
    pub empty: bool,
    /// What is stored, shown readably (and printed) below the explanation.
    pub doc: Rc<Document>,
}

#[function_component]
pub fn DataPanel(props: &DataPanelProps) -> Html {
    let ctx = use_ctx();
    let confirming = use_state(|| false);
    let file_input = use_node_ref();

    let export = {
        let env = ctx.env.clone();
        Callback::from(move |_| {
            let doc = env.shown.borrow().clone();
            let now = now_iso();
            let text = doc.export_json(&env.content, &now);
            download(&env, &format!("greenfit-{}.json", &now[..10]), &text);
        })
    };

    let import = {
        let dispatch = ctx.dispatch.clone();
        let env = ctx.env.clone();
        let file_input = file_input.clone();
        Callback::from(move |_: Event| {
            let Some(input) = file_input.cast::<web_sys::HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            input.set_value("");
            let dispatch = dispatch.clone();
            let env = env.clone();
            let size = file.size() as usize;
            if size > MAX_IMPORT_BYTES {
                let error = DocError::TooLarge { bytes: size };
                dispatch.emit(Action::Notify(Notice::error(
                    error.message_key(),
                    error.detail(),
                )));
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                let text = JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|t| t.as_string());
                let notice = match text.map(|text| Document::parse(&text)) {
                    Some(Ok(doc)) => return env.import(doc),
                    Some(Err(error)) => Notice::error(error.message_key(), error.detail()),
                    None => Notice::error("error.unreadable_file", ""),
                };
                dispatch.emit(Action::Notify(notice));
            });
        })
    };

    let backup = ctx.store.backup().map(|(key, text)| {
        let env = ctx.env.clone();
        let onclick = Callback::from(move |_| download(&env, "greenfit-backup.json", &text));
        html! {
            <section class="gf-panel" aria-labelledby="gf-backup-h">
                <h3 id="gf-backup-h">{ ctx.t("data.backup_title") }</h3>
                <p>{ ctx.fill("data.backup_text", &[("key", &key)]) }</p>
                <button type="button" class="gf-button gf-secondary" {onclick}>{ ctx.t("data.backup_download") }</button>
            </section>
        }
    });

    let delete = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(true))
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(false))
    };
    let confirm = {
        let confirming = confirming.clone();
        let env = ctx.env.clone();
        Callback::from(move |_| {
            env.clear();
            confirming.set(false);
        })
    };
    let print = {
        let env = ctx.env.clone();
        Callback::from(move |_| super::print_widget(&env.host))
    };

    html! {
        <div class="gf-data">
            <h2 tabindex="-1" data-focus="">{ ctx.t("data.title") }</h2>
            <p>{ ctx.t("data.where") }</p>
            if !props.doc.is_empty() {
                { stored(&ctx, &props.doc) }
            }
            <section class="gf-panel" aria-labelledby="gf-export-h">
                <h3 id="gf-export-h">{ ctx.t("data.export_title") }</h3>
                <p>{ ctx.t("data.export_text") }</p>
                <div class="gf-actions">
                    <button type="button" class="gf-button" onclick={export}>{ ctx.t("data.export") }</button>
                    <button type="button" class="gf-button gf-secondary" onclick={print}>{ ctx.t("data.print") }</button>
                </div>
            </section>
            <section class="gf-panel" aria-labelledby="gf-import-h">
                <h3 id="gf-import-h">{ ctx.t("data.import_title") }</h3>
                <p>{ ctx.t("data.import_text") }</p>
                <label class="gf-file" for="gf-import">{ ctx.t("data.import") }</label>
                <input id="gf-import" type="file" accept=".json,application/json" ref={file_input} onchange={import} />
            </section>
            { for backup }
            <section class="gf-panel" aria-labelledby="gf-delete-h">
                <h3 id="gf-delete-h">{ ctx.t("data.delete_title") }</h3>
                if *confirming {
                    <p role="alert">{ ctx.t("data.delete_confirm_text") }</p>
                    <div class="gf-actions">
                        <button type="button" class="gf-button gf-danger" onclick={confirm}>{ ctx.t("data.delete_confirm") }</button>
                        <button type="button" class="gf-button gf-secondary" onclick={cancel}>{ ctx.t("data.delete_cancel") }</button>
                    </div>
                } else {
                    <p>{ ctx.t("data.delete_text") }</p>
                    <button type="button" class="gf-button gf-danger" onclick={delete} disabled={props.empty}>
                        { ctx.t("data.delete") }
                    </button>
                }
            </section>
        </div>
    }
}

/// Everything stored, in words: the company profile, every answer by area, kept results and
/// canvases. Closed on screen; printing "Your data" prints it. A plain function, not a
/// component: it renders with "Your data", which shows the same document.
fn stored(ctx: &Ctx, doc: &Document) -> Html {
    let content = &ctx.content;
    let answer_text = |levels: Option<&[String]>, answer: Answer| match answer {
        Answer::Level(level) => levels
            .and_then(|l| l.get(usize::from(level)).cloned())
            .unwrap_or_else(|| level.to_string()),
        Answer::NotRelevant => ctx.t("answer.not_relevant"),
        Answer::DontKnow => ctx.t("answer.dont_know"),
    };
    let profile = &doc.profile;
    let profile_rows = [
        ("profile.sector", profile.sector.clone()),
        ("profile.size", super::size_label(ctx, &profile.size)),
        ("profile.country", profile.country.clone()),
    ]
    .into_iter()
    .filter(|(_, value)| !value.is_empty())
    .collect::<Vec<_>>();
    let by_area = doc.answers_by_area(content);
    // Answers to questions this widget does not ask are stored too: listed by their id.
    let other = doc.answers_not_asked(content);
    let summary = ctx.fill(
        "data.stored_summary",
        &[
            ("answers", &doc.answers.len().to_string()),
            ("canvases", &doc.canvases.len().to_string()),
        ],
    );
    // Written as one string of HTML (the record has no listeners); the `<details>` stays
    // Yew's, so that it stays open when what is stored changes (another tab's save).
    let mut record = String::with_capacity(4096);
    let mut put = |open: &str, text: &str, close: &str| put(&mut record, open, text, close);
    if !profile_rows.is_empty() {
        put("<h3>", &ctx.t("data.stored_profile"), "</h3><dl>");
        for (key, value) in &profile_rows {
            put("<dt>", &ctx.t(key), "</dt>");
            put("<dd>", value, "</dd>");
        }
        put("", "", "</dl>");
    }
    if !doc.answers.is_empty() {
        put("<h3>", &ctx.t("data.stored_answers"), "</h3>");
        for (area, answered) in &by_area {
            put("<h4>", &area.title, "</h4><dl>");
            for (q, answer) in answered {
                put("<dt>", &q.text, "</dt>");
                put("<dd>", &answer_text(Some(&q.levels), *answer), "</dd>");
            }
            put("", "", "</dl>");
        }
        if !other.is_empty() {
            put("<h4>", &ctx.t("data.stored_other"), "</h4><dl>");
            for (id, answer) in &other {
                put("<dt>", id, "</dt>");
                put("<dd>", &answer_text(None, *answer), "</dd>");
            }
            put("", "", "</dl>");
        }
    }
    if !doc.earlier_answers.is_empty() {
        let n = doc.earlier_answers.len().to_string();
        put(
            "<p>",
            &ctx.fill("data.stored_earlier", &[("n", &n)]),
            "</p>",
        );
    }
    if !doc.snapshots.is_empty() {
        put("<h3>", &ctx.t("data.stored_kept"), "</h3><ul>");
        for snapshot in doc.snapshots.iter() {
            let overall = scoring::score(content, &snapshot.answers).overall;
            let overall = overall.map_or_else(|| "–".to_owned(), |o| o.to_string());
            let date = format_date(&snapshot.taken_at, &content.lang);
            put("<li>", &format!("{date}: {overall}"), "</li>");
        }
        put("", "", "</ul>");
    }
    if !doc.canvases.is_empty() {
        put("<h3>", &ctx.t("data.stored_canvases"), "</h3>");
        for canvas in doc.canvases.iter() {
            put("<h4>", &canvas.name, "</h4><dl>");
            for block in Block::ALL.iter().filter(|b| !canvas.items(**b).is_empty()) {
                put(
                    "<dt>",
                    &ctx.t(&format!("canvas.block.{}", block.id())),
                    "</dt>",
                );
                let items = canvas.items(*block).iter().map(|item| item.text.as_str());
                put("<dd>", &items.collect::<Vec<_>>().join(" · "), "</dd>");
            }
            put("", "", "</dl>");
        }
    }
    html! {
        <details class="gf-stored">
            <summary>{ summary }</summary>
            { Html::from_html_unchecked(record.into()) }
        </details>
    }
}
