//! "Share with <cluster>": says exactly what will be shared, lets the member choose scores only
//! (the default) or scores and answers, and gives a file and a code. Nothing is sent: the member
//! downloads the file, or copies the code, or opens their own mail program.

use std::rc::Rc;

use wasm_bindgen::JsCast as _;
use yew::prelude::*;

use super::{download, now_iso, use_ctx, value_of};
use crate::model::config::ShareSettings;
use crate::model::document::Document;
use crate::model::share::{Scope, Share, MAX_MEMBER};

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    pub doc: Rc<Document>,
    pub settings: ShareSettings,
    pub cluster: String,
    pub onclose: Callback<()>,
}

#[function_component]
pub fn SharePanel(props: &SharePanelProps) -> Html {
    let ctx = use_ctx();
    let scope = use_state(|| Scope::ScoresOnly);
    let member = use_state(String::new);
    let copied = use_state(|| false);
    // The moment the panel opened: the file and the code say the same date.
    let at = use_memo((), |_| now_iso());
    let share = Share::new(&props.doc, &ctx.content, &at, &member, *scope);
    let code = share.to_code();
    let cluster = &props.cluster;
    // Opening the panel moves focus to its heading, so keyboard and screen-reader users land
    // where the choice is.
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(heading) = heading.cast::<web_sys::HtmlElement>() {
                let _ = heading.focus();
            }
        });
    }

    let choose = |value: Scope| {
        let scope = scope.clone();
        let copied = copied.clone();
        Callback::from(move |_| {
            scope.set(value);
            copied.set(false);
        })
    };
    let on_name = {
        let member = member.clone();
        let copied = copied.clone();
        Callback::from(move |event: InputEvent| {
            member.set(value_of(&event));
            copied.set(false);
        })
    };
    let save_file = {
        let env = ctx.env.clone();
        let text = share.to_json();
        Callback::from(move |_| {
            download(
                &env,
                &format!("greenfit-share-{}.json", &now_iso()[..10]),
                &text,
            )
        })
    };
    let copy = {
        let code = code.clone();
        let copied = copied.clone();
        Callback::from(move |_| {
            copy_text(&code);
            copied.set(true);
        })
    };
    let close = {
        let onclose = props.onclose.clone();
        Callback::from(move |_| onclose.emit(()))
    };
    let mailto = (!props.settings.email.is_empty()).then(|| {
        share.mailto(
            &props.settings.email,
            &ctx.t("share.mail_subject"),
            &ctx.fill("share.mail_intro", &[("cluster", cluster)]),
        )
    });
    let items: Vec<String> = [
        Some("share.item_scores"),
        Some("share.item_profile"),
        Some("share.item_date"),
        (*scope == Scope::ScoresAndAnswers).then_some("share.item_answers"),
        Some("share.item_name"),
    ]
    .into_iter()
    .flatten()
    .map(|key| ctx.t(key))
    .collect();

    html! {
        <section class="gf-share gf-no-print" aria-labelledby="gf-share-title" data-testid="share">
            <h3 id="gf-share-title" tabindex="-1" ref={heading}>{ ctx.fill("share.title", &[("cluster", cluster)]) }</h3>
            <p>{ ctx.t("share.intro") }</p>
            if !props.settings.purpose.is_empty() {
                <p class="gf-purpose">{ &props.settings.purpose }</p>
            }
            <fieldset class="gf-choices">
                <legend>{ ctx.t("share.scope") }</legend>
                <label class="gf-choice">
                    <input type="radio" name="gf-share-scope" value="scores" checked={*scope == Scope::ScoresOnly} onchange={choose(Scope::ScoresOnly)} />
                    <span>{ ctx.t("share.scores_only") }</span>
                </label>
                <label class="gf-choice">
                    <input type="radio" name="gf-share-scope" value="answers" checked={*scope == Scope::ScoresAndAnswers} onchange={choose(Scope::ScoresAndAnswers)} />
                    <span>{ ctx.t("share.scores_answers") }</span>
                </label>
            </fieldset>
            <p class="gf-label">{ ctx.t("share.includes") }</p>
            <ul data-testid="share-items">{ for items.iter().map(|item| html! { <li>{ item }</li> }) }</ul>
            <label class="gf-field">
                <span>{ ctx.t("share.name") }</span>
                <input type="text" autocomplete="organization" maxlength={MAX_MEMBER.to_string()} value={(*member).clone()} oninput={on_name} />
            </label>
            <div class="gf-actions">
                <button type="button" class="gf-button" onclick={save_file}>{ ctx.t("share.download") }</button>
                if let Some(href) = mailto {
                    <a class="gf-button gf-secondary" href={href}>{ ctx.t("share.mail") }</a>
                }
            </div>
            <label class="gf-field">
                <span>{ ctx.t("share.code") }</span>
                <textarea class="gf-code" readonly=true rows="4" spellcheck="false" data-testid="share-code" value={code} />
            </label>
            <p class="gf-hint">{ ctx.fill("share.code_hint", &[("cluster", cluster)]) }</p>
            <div class="gf-actions">
                <button type="button" class="gf-button gf-secondary" onclick={copy}>{ ctx.t("share.copy") }</button>
                <span role="status">{ if *copied { ctx.t("share.copied") } else { String::new() } }</span>
                <button type="button" class="gf-button gf-secondary" onclick={close}>{ ctx.t("share.close") }</button>
            </div>
        </section>
    }
}

/// Puts `text` on the clipboard through the browser's asynchronous Clipboard API, where the
/// page allows it.
fn copy_text(text: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let clipboard = js_sys::Reflect::get(&window.navigator(), &"clipboard".into());
    let Ok(clipboard) = clipboard else { return };
    let write = js_sys::Reflect::get(&clipboard, &"writeText".into());
    if let Ok(write) = write.and_then(|w| w.dyn_into::<js_sys::Function>()) {
        let _ = write.call1(&clipboard, &text.into());
    }
}
