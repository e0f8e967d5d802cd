//! The value-proposition canvas editor: pick or create a canvas, edit the six blocks by mouse
//! or keyboard, link relievers and creators, see the fit check, and (for a cluster service)
//! fill in the validation checklist. Edits go through `model::session::CanvasAction`.

use std::rc::Rc;

use wasm_bindgen::JsCast;

use super::app::{block_index, App, Ui};
use super::{actions, attr, button, css_string, panel, put, put_t, value_of, Env, Html};
use crate::model::canvas::{self, Block, Canvas, Checklist, Item, Warning, MAX_ITEM_CHARS};
use crate::model::session::{Action, CanvasAction, State};

/// The canvas screen.
pub fn view(h: &mut Html, env: &Env, state: &State, ui: &Ui) {
    let canvases = &state.doc.canvases;
    let current = state
        .canvas
        .as_deref()
        .and_then(|id| canvases.iter().find(|c| c.id == id));
    // Keyed: another screen in its place is built anew, not patched from this one.
    put_t(
        h,
        env,
        "<div class=\"gf-canvas\" data-key=\"canvas\"><h2 tabindex=\"-1\" data-focus=\"\">",
        "canvas.title",
        "</h2>",
    );
    put_t(
        h,
        env,
        "<p>",
        "canvas.intro",
        "</p><div class=\"gf-panel gf-no-print\">",
    );
    match current {
        Some(canvas) => picker(h, env, canvases, canvas),
        None => put_t(h, env, "<p>", "canvas.none", "</p>"),
    }
    let placeholder = env.t("canvas.new_placeholder");
    name_form(
        h,
        env,
        ("canvas-new", "gf-canvas-new", "canvas.new_name"),
        &[("placeholder", &placeholder)],
        ("gf-button", "canvas.create"),
    );
    let example = env.t("canvas.load_example");
    button(h, "gf-button gf-secondary", "canvas-example", &example);
    h.push_str("</div>");
    if let Some(canvas) = current {
        board(h, env, canvas, ui);
    }
    put_t(
        h,
        env,
        "<p class=\"gf-credit\">",
        "canvas.credit",
        "</p></div>",
    );
}

/// Choosing, renaming, duplicating, deleting and printing the current canvas.
fn picker(h: &mut String, env: &Env, canvases: &[Canvas], canvas: &Canvas) {
    if canvases.len() > 1 {
        put_t(
            h,
            env,
            "<div class=\"gf-field\"><label for=\"gf-canvas-pick\">",
            "canvas.choose",
            "</label><select id=\"gf-canvas-pick\" data-change=\"canvas-select\">",
        );
        for c in canvases {
            h.push_str("<option");
            attr(h, "value", &c.id);
            if c.id == canvas.id {
                h.push_str(" selected");
            }
            put(h, ">", &c.name, "</option>");
        }
        h.push_str("</select></div>");
    }
    // Keyed by the canvas: another canvas's name field is a new field.
    name_form(
        h,
        env,
        ("canvas-rename", "gf-canvas-name", "canvas.rename"),
        &[
            ("data-key", &format!("name-{}", canvas.id)),
            ("value", &env.typed("gf-canvas-name", &canvas.name)),
        ],
        ("gf-button gf-secondary", "canvas.save_name"),
    );
    let secondary = "gf-button gf-secondary";
    actions(
        h,
        env,
        &[
            (secondary, "canvas-duplicate", "canvas.duplicate"),
            (secondary, "canvas-print", "canvas.print"),
            ("gf-button gf-danger", "canvas-delete", "canvas.delete"),
        ],
    );
}

/// A form of one canvas name field and its button: `(act, id, label)` of the form and its
/// field, the field's own attributes, and the button's class and label.
fn name_form(
    h: &mut String,
    env: &Env,
    (act, id, label): (&str, &str, &str),
    field: &[(&str, &str)],
    (class, button_label): (&str, &str),
) {
    put(h, "<form class=\"gf-inline\" data-submit=\"", act, "\">");
    put(h, "<div class=\"gf-field\"><label for=\"", id, "\">");
    put_t(h, env, "", label, "</label><input type=\"text\"");
    attr(h, "id", id);
    attr(h, "maxlength", &canvas::MAX_NAME_CHARS.to_string());
    for (name, value) in field {
        attr(h, name, value);
    }
    put(h, "></div><button type=\"submit\" class=\"", class, "\">");
    put_t(h, env, "", button_label, "</button></form>");
}

/// The canvas itself: value map and customer profile side by side (stacked on a phone), then
/// the fit check and, for a cluster service, the checklist.
fn board(h: &mut Html, env: &Env, canvas: &Canvas, ui: &Ui) {
    put(
        h,
        "<p class=\"gf-print-only gf-canvas-name\">",
        &canvas.name,
        "</p><div class=\"gf-board\">",
    );
    for (class, heading, key, blocks) in [
        (
            "gf-map",
            "gf-map-h",
            "canvas.value_map",
            [Block::Products, Block::Relievers, Block::Creators],
        ),
        (
            "gf-profile-blocks",
            "gf-profile-h",
            "canvas.profile",
            [Block::Jobs, Block::Pains, Block::Gains],
        ),
    ] {
        put(h, "<section class=\"", class, "\"");
        put(h, " aria-labelledby=\"", heading, "\">");
        put(h, "<h3 id=\"", heading, "\">");
        put(h, "", &env.t(key), "</h3>");
        for block in blocks {
            // A part: typing in a block's field writes again only that block.
            h.part("section", &format!("block-{}", block.id()), &mut |h| {
                block_view(h, env, block, canvas, ui)
            });
        }
        h.push_str("</section>");
    }
    h.push_str("</div>");
    h.part("section", "fit", &mut |h| fit_view(h, env, canvas));
    h.push_str(
        "<div class=\"gf-field gf-check gf-no-print\">\
         <input id=\"gf-service\" type=\"checkbox\" data-change=\"canvas-service\"",
    );
    if canvas.service {
        h.push_str(" checked");
    }
    put_t(
        h,
        env,
        "><label for=\"gf-service\">",
        "canvas.service",
        "</label></div>",
    );
    if canvas.service {
        checklist_view(h, env, &canvas.checklist);
    }
}

fn block_view(h: &mut String, env: &Env, block: Block, canvas: &Canvas, ui: &Ui) {
    let items = canvas.items(block);
    let id = block.id();
    let title = env.t(&format!("canvas.block.{id}"));
    put(h, "<section class=\"gf-block gf-block-", id, "\"");
    put(h, " aria-labelledby=\"gf-block-", id, "\">");
    put(h, "<h4 id=\"gf-block-", id, "\">");
    put(h, "", &title, "</h4>");
    put_t(
        h,
        env,
        "<details class=\"gf-help gf-no-print\"><summary>",
        "canvas.what_belongs",
        "</summary>",
    );
    put(
        h,
        "<p>",
        &env.t(&format!("canvas.help.{id}")),
        "</p></details>",
    );
    if items.is_empty() {
        put_t(
            h,
            env,
            "<p class=\"gf-hint\">",
            "canvas.empty_block",
            "</p>",
        );
    } else {
        h.push_str("<ol class=\"gf-items\">");
        let targets = block
            .links_to()
            .map(|t| canvas.items(t))
            .unwrap_or_default();
        for (index, item) in items.iter().enumerate() {
            let place = (index == 0, index + 1 == items.len());
            let editing = ui.editing.contains(&item.id);
            item_view(h, env, block, item, place, targets, editing);
        }
        h.push_str("</ol>");
    }
    // A text field with a visible character counter; Enter adds the item.
    let field = format!("gf-add-{id}");
    let counter = format!("{field}-count");
    put(
        h,
        "<form class=\"gf-add gf-no-print\" data-submit=\"add:",
        id,
        "\">",
    );
    put(h, "<label for=\"", &field, "\">");
    put(
        h,
        "",
        &env.fill("canvas.add_label", &[("block", &title)]),
        "</label>",
    );
    put(
        h,
        "<div class=\"gf-add-row\"><input type=\"text\" id=\"",
        &field,
        "\"",
    );
    attr(h, "maxlength", &MAX_ITEM_CHARS.to_string());
    attr(h, "aria-describedby", &counter);
    put(h, " data-input=\"add-length:", id, "\">");
    put_t(
        h,
        env,
        "<button type=\"submit\" class=\"gf-button\">",
        "canvas.add",
        "</button></div>",
    );
    let length = ui.adding[block_index(block)].to_string();
    let chars = env.fill(
        "canvas.chars",
        &[("n", &length), ("max", &MAX_ITEM_CHARS.to_string())],
    );
    put(h, "<p class=\"gf-hint\" id=\"", &counter, "\">");
    put(h, "", &chars, "</p></form></section>");
}

/// One item: its text (or the field that edits it), its importance, its links and its actions.
/// `place`: whether it is the first and the last of its block. `targets`: the pains (for a
/// reliever) or gains (for a creator) it can link to.
fn item_view(
    h: &mut String,
    env: &Env,
    block: Block,
    item: &Item,
    place: (bool, bool),
    targets: &[Item],
    editing: bool,
) {
    let label = |action: &str| {
        env.fill(
            "canvas.item_action",
            &[("action", &env.t(action)), ("item", &item.text)],
        )
    };
    h.push_str("<li class=\"gf-item\"");
    attr(h, "data-key", &format!("item-{}", item.id));
    attr(h, "data-item", &item.id);
    attr(h, "data-block", block.id());
    h.push('>');
    if editing {
        let edit_id = format!("gf-edit-{}", item.id);
        h.push_str(
            "<form class=\"gf-add-row\" data-submit=\"edit-save\">\
             <label class=\"gf-visually-hidden\"",
        );
        attr(h, "for", &edit_id);
        put(
            h,
            ">",
            &env.fill("canvas.edit_label", &[("item", &item.text)]),
            "</label>",
        );
        h.push_str("<input type=\"text\"");
        attr(h, "id", &edit_id);
        attr(h, "maxlength", &MAX_ITEM_CHARS.to_string());
        attr(h, "value", &env.typed(&edit_id, &item.text));
        put_t(
            h,
            env,
            "><button type=\"submit\" class=\"gf-button\">",
            "canvas.save",
            "</button>",
        );
        button(
            h,
            "gf-button gf-secondary",
            "edit-cancel",
            &env.t("canvas.cancel"),
        );
        h.push_str("</form>");
    } else {
        put(h, "<p class=\"gf-item-text\">", &item.text, "</p>");
    }
    if block.is_rated() {
        let select_id = format!("gf-imp-{}", item.id);
        put(
            h,
            "<div class=\"gf-importance\"><label for=\"",
            &select_id,
            "\">",
        );
        put_t(h, env, "", "canvas.importance", "</label><select");
        attr(h, "id", &select_id);
        h.push_str(" data-change=\"importance\">");
        for level in canvas::IMPORTANCE.rev() {
            h.push_str("<option");
            attr(h, "value", &level.to_string());
            if item.importance == level {
                h.push_str(" selected");
            }
            let text = env.t(&format!("canvas.importance_{level}"));
            put(h, ">", &text, "</option>");
        }
        h.push_str("</select></div>");
    }
    if let Some(target_block) = block.links_to() {
        let (legend, empty) = if target_block == Block::Pains {
            ("canvas.relieves", "canvas.no_targets_pains")
        } else {
            ("canvas.creates", "canvas.no_targets_gains")
        };
        put(
            h,
            "<fieldset class=\"gf-links\"><legend>",
            &env.t(legend),
            "</legend>",
        );
        if targets.is_empty() {
            put(h, "<p class=\"gf-hint\">", &env.t(empty), "</p>");
        }
        for target in targets {
            let checkbox_id = format!("gf-link-{}-{}", item.id, target.id);
            h.push_str("<div class=\"gf-check\"><input type=\"checkbox\" data-change=\"link\"");
            attr(h, "id", &checkbox_id);
            attr(h, "value", &target.id);
            if item.links.contains(&target.id) {
                h.push_str(" checked");
            }
            put(h, "><label for=\"", &checkbox_id, "\">");
            put(h, "", &target.text, "</label></div>");
        }
        h.push_str("</fieldset>");
    }
    if !editing {
        h.push_str("<div class=\"gf-item-actions gf-no-print\">");
        let (first, last) = place;
        // Moving shows an arrow; each button's name says what it does to which item.
        for (act, class, key, arrow, off) in [
            ("edit", "gf-link", "canvas.edit", None, false),
            ("up", "gf-link gf-up", "canvas.up", Some("↑"), first),
            ("down", "gf-link gf-down", "canvas.down", Some("↓"), last),
            ("remove", "gf-link", "canvas.remove", None, false),
        ] {
            let text = arrow.map_or_else(|| env.t(key), str::to_owned);
            h.push_str("<button type=\"button\"");
            attr(h, "class", class);
            attr(h, "aria-label", &label(key));
            if off {
                h.push_str(" disabled");
            }
            attr(h, "data-click", act);
            put(h, ">", &text, "</button>");
        }
        h.push_str("</div>");
    }
    h.push_str("</li>");
}

fn fit_view(h: &mut String, env: &Env, canvas: &Canvas) {
    let fit = canvas::fit(canvas);
    let total = fit.addressed.len() + fit.unaddressed.len();
    let score = match fit.score {
        Some(score) => env.fill("canvas.fit_score", &[("score", &score.to_string())]),
        None => env.t("canvas.fit_none"),
    };
    panel(h, env, "gf-panel gf-fit", "gf-fit-h", "canvas.fit_title");
    put(
        h,
        "<p class=\"gf-overall\" data-testid=\"fit-score\" aria-live=\"polite\">",
        &score,
        "</p>",
    );
    if total > 0 {
        let addressed = env.fill(
            "canvas.fit_addressed",
            &[
                ("n", &fit.addressed.len().to_string()),
                ("total", &total.to_string()),
            ],
        );
        put(h, "<p>", &addressed, "</p>");
    }
    put_t(h, env, "<p class=\"gf-hint\">", "canvas.fit_rule", "</p>");
    if fit.warnings.is_empty() && fit.score.is_some() {
        put_t(h, env, "<p>", "canvas.fit_good", "</p>");
    } else {
        h.push_str("<ul class=\"gf-warnings\">");
        for warning in &fit.warnings {
            let (key, item) = match warning {
                Warning::TopPainUnrelieved(item) => ("canvas.warn_top_pain", item.as_str()),
                Warning::TopGainUncreated(item) => ("canvas.warn_top_gain", item.as_str()),
                Warning::PainUnrelieved(item) => ("canvas.warn_pain", item.as_str()),
                Warning::GainUncreated(item) => ("canvas.warn_gain", item.as_str()),
                Warning::IdleReliever(item) => ("canvas.warn_idle_reliever", item.as_str()),
                Warning::IdleCreator(item) => ("canvas.warn_idle_creator", item.as_str()),
                Warning::NoJobs => ("canvas.warn_no_jobs", ""),
                Warning::NoProducts => ("canvas.warn_no_products", ""),
            };
            put(h, "<li>", &env.fill(key, &[("item", item)]), "</li>");
        }
        h.push_str("</ul>");
    }
    h.push_str("</section>");
}

fn checklist_view(h: &mut String, env: &Env, checklist: &Checklist) {
    panel(
        h,
        env,
        "gf-panel gf-checklist",
        "gf-checklist-h",
        "canvas.checklist_title",
    );
    put_t(h, env, "<p>", "canvas.checklist_intro", " ");
    let done = checklist.answered().to_string();
    put(
        h,
        "",
        &env.fill("canvas.checklist_done", &[("n", &done)]),
        "</p>",
    );
    for field in Checklist::FIELDS {
        let id = format!("gf-check-{field}");
        put(
            h,
            "<div class=\"gf-field gf-wide\"><label for=\"",
            &id,
            "\">",
        );
        put(
            h,
            "",
            &env.t(&format!("canvas.check.{field}")),
            "</label><textarea",
        );
        attr(h, "id", &id);
        attr(h, "maxlength", &canvas::MAX_NOTE_CHARS.to_string());
        attr(h, "data-change", &format!("check:{field}"));
        put(
            h,
            ">",
            &env.typed(&id, checklist.get(field)),
            "</textarea></div>",
        );
    }
    h.push_str("</section>");
}

fn send(app: &Rc<App>, action: CanvasAction) {
    app.dispatch(Action::Canvas(action));
}

/// The text field in `form` (a form's submit names the form).
fn field_in(form: &web_sys::Element) -> Option<web_sys::HtmlInputElement> {
    form.query_selector("input")
        .ok()
        .flatten()
        .and_then(|input| input.dyn_into().ok())
}

/// The canvas's actions. An item's actions find the item in the `<li>` around them.
pub fn on(
    app: &Rc<App>,
    verb: &str,
    arg: &str,
    target: &web_sys::Element,
    el: &web_sys::Element,
) -> bool {
    let block_named = |id: &str| Block::ALL.into_iter().find(|b| b.id() == id);
    match verb {
        "canvas-select" => send(app, CanvasAction::Select(value_of(target))),
        "canvas-rename" => {
            if let Some(field) = field_in(el) {
                send(app, CanvasAction::Rename(field.value()));
            }
        }
        "canvas-new" => {
            if let Some(field) = field_in(el) {
                let name = field.value();
                field.set_value("");
                send(app, CanvasAction::Create { name });
            }
        }
        "canvas-example" => {
            if let Some(example) = app.env.example.canvas() {
                send(app, CanvasAction::LoadExample(Box::new(example)));
            }
        }
        "canvas-duplicate" => {
            let name = {
                let state = app.state();
                let current = state.canvas.as_deref();
                let canvas = state
                    .doc
                    .canvases
                    .iter()
                    .find(|c| Some(c.id.as_str()) == current);
                canvas.map(|c| app.env.fill("canvas.copy_of", &[("name", &c.name)]))
            };
            if let Some(name) = name {
                send(app, CanvasAction::Duplicate { name });
            }
        }
        "canvas-delete" => send(app, CanvasAction::Delete),
        "canvas-print" => super::print_widget_landscape(&app.env.host),
        "canvas-service" => send(app, CanvasAction::SetService(!value_of(target).is_empty())),
        "check" => send(
            app,
            CanvasAction::Checklist {
                field: arg.to_owned(),
                text: value_of(target),
            },
        ),
        "add-length" => {
            if let Some(block) = block_named(arg) {
                let length = value_of(target).chars().count();
                app.update(|ui| ui.adding[block_index(block)] = length);
            }
        }
        "add" => {
            let (Some(block), Some(field)) = (block_named(arg), field_in(el)) else {
                return true;
            };
            let text = field.value();
            let added = !text.trim().is_empty();
            if added {
                field.set_value("");
                app.ui_mut().adding[block_index(block)] = 0;
            }
            send(app, CanvasAction::Add { block, text });
        }
        _ => return item_action(app, verb, target, el),
    }
    true
}

/// An item's actions: edit, save, cancel, move, remove, importance and links.
fn item_action(
    app: &Rc<App>,
    verb: &str,
    target: &web_sys::Element,
    el: &web_sys::Element,
) -> bool {
    let Some(li) = el.closest("[data-item]").ok().flatten() else {
        return false;
    };
    let id = li.get_attribute("data-item").unwrap_or_default();
    let Some(block) = li
        .get_attribute("data-block")
        .and_then(|b| Block::ALL.into_iter().find(|block| block.id() == b))
    else {
        return false;
    };
    let item = format!("[data-item={}]", css_string(&id));
    match verb {
        "edit" => app.update(|ui| {
            ui.editing.push(id.clone());
            ui.focus = vec![format!("{item} input")];
        }),
        "edit-cancel" => app.update(|ui| {
            ui.editing.retain(|editing| *editing != id);
            ui.focus = vec![format!("{item} [data-click=edit]")];
        }),
        "edit-save" => {
            let Some(field) = field_in(el) else {
                return true;
            };
            let text = field.value();
            if !text.trim().is_empty() {
                let mut ui = app.ui_mut();
                ui.editing.retain(|editing| *editing != id);
                ui.focus = vec![format!("{item} [data-click=edit]")];
            }
            send(app, CanvasAction::Edit { block, id, text });
        }
        "up" | "down" => {
            // The moved item's element is moved, which takes its focus: focus its button
            // again, or at the top or bottom (where it is disabled) its partner.
            let (this, other) = if verb == "up" {
                ("up", "down")
            } else {
                ("down", "up")
            };
            app.ui_mut().focus = vec![
                format!("{item} [data-click={this}]:not([disabled])"),
                format!("{item} [data-click={other}]"),
            ];
            let by = if verb == "up" { -1 } else { 1 };
            send(app, CanvasAction::Shift { block, id, by });
        }
        "remove" => send(app, CanvasAction::Remove { block, id }),
        "importance" => {
            if let Ok(importance) = value_of(target).parse::<u8>() {
                send(
                    app,
                    CanvasAction::Importance {
                        block,
                        id,
                        importance,
                    },
                );
            }
        }
        "link" => {
            let on = !value_of(target).is_empty();
            let link = target.get_attribute("value").unwrap_or_default();
            send(
                app,
                CanvasAction::Link {
                    block,
                    id,
                    target: link,
                    on,
                },
            );
        }
        _ => return false,
    }
    true
}
