//! "Share with <cluster>": says exactly what will be shared, lets the member choose scores only
//! (the default) or scores and answers, and gives a file and a code. Nothing is sent: the member
//! downloads the file, or copies the code, or opens their own mail program.

use std::rc::Rc;

use wasm_bindgen::JsCast as _;

use super::app::{App, Sharing};
use super::{attr, button, download, now_iso, put, put_t, value_of, Env};
use crate::model::config::ShareSettings;
use crate::model::document::Document;
use crate::model::share::{Scope, Share, MAX_MEMBER};

fn share_of(env: &Env, doc: &Document, sharing: &Sharing) -> Share {
    Share::new(
        doc,
        &env.content,
        &sharing.at,
        &sharing.member,
        sharing.scope,
    )
}

pub fn view(
    h: &mut String,
    env: &Env,
    doc: &Document,
    settings: &ShareSettings,
    sharing: &Sharing,
    cluster: &str,
) {
    let share = share_of(env, doc, sharing);
    let code = share.to_code();
    put(
        h,
        "<section class=\"gf-share gf-no-print\" aria-labelledby=\"gf-share-title\" \
         data-testid=\"share\"><h3 id=\"gf-share-title\" tabindex=\"-1\">",
        &env.fill("share.title", &[("cluster", cluster)]),
        "</h3>",
    );
    put_t(h, env, "<p>", "share.intro", "</p>");
    if !settings.purpose.is_empty() {
        put(h, "<p class=\"gf-purpose\">", &settings.purpose, "</p>");
    }
    put_t(
        h,
        env,
        "<fieldset class=\"gf-choices\"><legend>",
        "share.scope",
        "</legend>",
    );
    for (scope, value, label) in [
        (Scope::ScoresOnly, "scores", "share.scores_only"),
        (Scope::ScoresAndAnswers, "answers", "share.scores_answers"),
    ] {
        put(
            h,
            "<label class=\"gf-choice\"><input type=\"radio\" name=\"gf-share-scope\" value=\"",
            value,
            "\"",
        );
        if sharing.scope == scope {
            h.push_str(" checked");
        }
        put(
            h,
            " data-change=\"share-scope\"><span>",
            &env.t(label),
            "</span></label>",
        );
    }
    put_t(
        h,
        env,
        "</fieldset><p class=\"gf-label\">",
        "share.includes",
        "</p><ul data-testid=\"share-items\">",
    );
    for key in [
        Some("share.item_scores"),
        Some("share.item_profile"),
        Some("share.item_date"),
        (sharing.scope == Scope::ScoresAndAnswers).then_some("share.item_answers"),
        Some("share.item_name"),
    ]
    .into_iter()
    .flatten()
    {
        put(h, "<li>", &env.t(key), "</li>");
    }
    put_t(
        h,
        env,
        "</ul><label class=\"gf-field\"><span>",
        "share.name",
        "</span><input type=\"text\" autocomplete=\"organization\" data-input=\"share-name\"",
    );
    attr(h, "maxlength", &MAX_MEMBER.to_string());
    attr(h, "value", &sharing.member);
    h.push_str("></label><div class=\"gf-actions\">");
    button(h, "gf-button", "share-file", &env.t("share.download"));
    if !settings.email.is_empty() {
        let href = share.mailto(
            &settings.email,
            &env.t("share.mail_subject"),
            &env.fill("share.mail_intro", &[("cluster", cluster)]),
        );
        h.push_str("<a class=\"gf-button gf-secondary\"");
        attr(h, "href", &href);
        put_t(h, env, ">", "share.mail", "</a>");
    }
    put_t(
        h,
        env,
        "</div><label class=\"gf-field\"><span>",
        "share.code",
        "</span>\
         <textarea class=\"gf-code\" readonly rows=\"4\" spellcheck=\"false\" \
         data-testid=\"share-code\">",
    );
    put(h, "", &code, "</textarea></label>");
    put(
        h,
        "<p class=\"gf-hint\">",
        &env.fill("share.code_hint", &[("cluster", cluster)]),
        "</p><div class=\"gf-actions\">",
    );
    button(
        h,
        "gf-button gf-secondary",
        "share-copy",
        &env.t("share.copy"),
    );
    let copied = if sharing.copied {
        env.t("share.copied")
    } else {
        String::new()
    };
    put(h, "<span role=\"status\">", &copied, "</span>");
    button(
        h,
        "gf-button gf-secondary",
        "share-close",
        &env.t("share.close"),
    );
    h.push_str("</div></section>");
}

/// The sharing panel's actions.
pub fn on(app: &Rc<App>, verb: &str, target: &web_sys::Element) -> bool {
    match verb {
        "share-scope" => {
            let scope = if value_of(target) == "answers" {
                Scope::ScoresAndAnswers
            } else {
                Scope::ScoresOnly
            };
            app.update(|ui| {
                if let Some(sharing) = &mut ui.sharing {
                    sharing.scope = scope;
                    sharing.copied = false;
                }
            });
        }
        "share-name" => {
            let member = value_of(target);
            app.update(|ui| {
                if let Some(sharing) = &mut ui.sharing {
                    sharing.member = member;
                    sharing.copied = false;
                }
            });
        }
        "share-file" | "share-copy" => {
            let share = {
                let ui = app.ui();
                let Some(sharing) = &ui.sharing else {
                    return true;
                };
                share_of(&app.env, &app.state().doc, sharing)
            };
            if verb == "share-file" {
                let name = format!("greenfit-share-{}.json", &now_iso()[..10]);
                download(&app.env, &name, &share.to_json());
            } else {
                copy_text(&share.to_code());
                app.update(|ui| {
                    if let Some(sharing) = &mut ui.sharing {
                        sharing.copied = true;
                    }
                });
            }
        }
        "share-close" => app.update(|ui| {
            ui.sharing = None;
            ui.focus = vec!["[data-click=share]".to_owned()];
        }),
        _ => return false,
    }
    true
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
