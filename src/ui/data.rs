//! "Your data": where it lives, export, import, the backup of unreadable data, delete.

use wasm_bindgen_futures::JsFuture;
use yew::prelude::*;

use super::{download, now_iso, use_ctx};
use crate::model::document::{DocError, Document, MAX_IMPORT_BYTES};
use crate::model::session::{Action, Notice};

#[derive(Properties, PartialEq)]
pub struct DataPanelProps {
    pub empty: bool,
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
