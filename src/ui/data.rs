//! "Your data": where it lives, export, import, the backup of unreadable data, delete.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::app::{App, Ui};
use super::{actions, button, download, format_date, now_iso, panel, put, put_t, Env, Html};
use crate::model::answers::Answer;
use crate::model::canvas::Block;
use crate::model::document::{DocError, Document, MAX_IMPORT_BYTES};
use crate::model::scoring;
use crate::model::session::{Action, Notice};

pub fn view(h: &mut Html, env: &Env, doc: &Document, ui: &Ui) {
    // Keyed: another screen in its place is built anew, not patched from this one.
    put_t(
        h,
        env,
        "<div class=\"gf-data\" data-key=\"data\"><h2 tabindex=\"-1\" data-focus=\"\">",
        "data.title",
        "</h2>",
    );
    put_t(h, env, "<p>", "data.where", "</p>");
    if !doc.is_empty() {
        // A part: opening "Delete everything" does not write it again.
        h.part("details", "stored", &mut |h| stored(h, env, doc));
    }
    panel(h, env, "gf-panel", "gf-export-h", "data.export_title");
    put_t(h, env, "<p>", "data.export_text", "</p>");
    actions(
        h,
        env,
        &[
            ("gf-button", "export", "data.export"),
            ("gf-button gf-secondary", "print", "data.print"),
        ],
    );
    h.push_str("</section>");
    panel(h, env, "gf-panel", "gf-import-h", "data.import_title");
    put_t(h, env, "<p>", "data.import_text", "</p>");
    put_t(
        h,
        env,
        "<label class=\"gf-file\" for=\"gf-import\">",
        "data.import",
        "</label>\
         <input id=\"gf-import\" type=\"file\" accept=\".json,application/json\" \
         data-change=\"import\">\
         </section>",
    );
    if let Some((key, _)) = env.store.backup() {
        panel(h, env, "gf-panel", "gf-backup-h", "data.backup_title");
        put(
            h,
            "<p>",
            &env.fill("data.backup_text", &[("key", &key)]),
            "</p>",
        );
        let label = env.t("data.backup_download");
        button(h, "gf-button gf-secondary", "backup", &label);
        h.push_str("</section>");
    }
    panel(h, env, "gf-panel", "gf-delete-h", "data.delete_title");
    if ui.confirming {
        put_t(
            h,
            env,
            "<p role=\"alert\">",
            "data.delete_confirm_text",
            "</p>",
        );
        actions(
            h,
            env,
            &[
                (
                    "gf-button gf-danger",
                    "delete-confirm",
                    "data.delete_confirm",
                ),
                (
                    "gf-button gf-secondary",
                    "delete-cancel",
                    "data.delete_cancel",
                ),
            ],
        );
    } else {
        put_t(h, env, "<p>", "data.delete_text", "</p>");
        h.push_str("<button type=\"button\" class=\"gf-button gf-danger\" data-click=\"delete\"");
        if doc.is_empty() && !env.store.has_data() {
            h.push_str(" disabled");
        }
        put_t(h, env, ">", "data.delete", "</button>");
    }
    h.push_str("</section></div>");
}

/// "Your data"'s actions: export, import, the backup, delete.
pub fn on(app: &Rc<App>, verb: &str, target: &web_sys::Element) -> bool {
    let env = &app.env;
    match verb {
        "export" => {
            let doc = env.shown.borrow().clone();
            let now = now_iso();
            let text = doc.export_json(&env.content, &now);
            download(env, &format!("greenfit-{}.json", &now[..10]), &text);
        }
        "import" => import(app, target),
        "backup" => {
            if let Some((_, text)) = env.store.backup() {
                download(env, "greenfit-backup.json", &text);
            }
        }
        "delete" => app.update(|ui| {
            ui.confirming = true;
            ui.focus = vec!["[data-click=delete-cancel]".to_owned()];
        }),
        "delete-cancel" => app.update(|ui| {
            ui.confirming = false;
            ui.focus = vec!["[data-click=delete]".to_owned()];
        }),
        "delete-confirm" => {
            app.ui_mut().confirming = false;
            env.clear();
            app.render();
        }
        _ => return false,
    }
    true
}

/// Reads the file chosen in the import field, and loads it if it is a greenfit document.
fn import(app: &Rc<App>, target: &web_sys::Element) {
    let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() else {
        return;
    };
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    input.set_value("");
    let size = file.size() as usize;
    if size > MAX_IMPORT_BYTES {
        let error = DocError::TooLarge { bytes: size };
        let notice = Notice::error(error.message_key(), error.detail());
        app.dispatch(Action::Notify(notice));
        return;
    }
    let app = app.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let text = JsFuture::from(file.text())
            .await
            .ok()
            .and_then(|t| t.as_string());
        let notice = match text.map(|text| Document::parse(&text)) {
            Some(Ok(doc)) => return app.env.import(doc),
            Some(Err(error)) => Notice::error(error.message_key(), error.detail()),
            None => Notice::error("error.unreadable_file", ""),
        };
        app.dispatch(Action::Notify(notice));
    });
}

/// Everything stored, in words: the company profile, every answer by area, kept results and
/// canvases. Closed on screen; printing "Your data" prints it.
fn stored(h: &mut String, ctx: &Env, doc: &Document) {
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
    // The `<details>` stays open when what is stored changes (another tab's save): `patch`
    // keeps what the visitor opened.
    put(
        h,
        "<details class=\"gf-stored\"><summary>",
        &summary,
        "</summary>",
    );
    let mut put = |open: &str, text: &str, close: &str| put(h, open, text, close);
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
    put("", "", "</details>");
}
