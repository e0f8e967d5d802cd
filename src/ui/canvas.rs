//! The value-proposition canvas editor: pick or create a canvas, edit the six blocks by mouse
//! or keyboard, link relievers and creators, see the fit check, and (for a cluster service)
//! fill in the validation checklist. Edits go through `model::session::CanvasAction`.

use yew::prelude::*;

use super::{use_ctx, value_of, Ctx};
use crate::model::canvas::{self, Block, Canvas, Checklist, Item, Warning, MAX_ITEM_CHARS};
use crate::model::session::{Action, CanvasAction};

fn send(ctx: &Ctx, action: CanvasAction) {
    ctx.dispatch.emit(Action::Canvas(action));
}

/// The canvas screen (a plain function, not a component: the app renders it with its state).
pub fn canvas_view(ctx: &Ctx, canvases: &[Canvas], current: Option<&str>) -> Html {
    let current = current.and_then(|id| canvases.iter().find(|c| c.id == id));
    let load_example = {
        let ctx = ctx.clone();
        Callback::from(move |_| {
            if let Some(example) = ctx.example.canvas() {
                send(&ctx, CanvasAction::LoadExample(Box::new(example)));
            }
        })
    };
    html! {
        // Keyed: another screen in its place is built anew, not patched from this one.
        <div class="gf-canvas" key="canvas">
            <h2 tabindex="-1" data-focus="">{ ctx.t("canvas.title") }</h2>
            <p>{ ctx.t("canvas.intro") }</p>
            <div class="gf-panel gf-no-print">
                if let Some(canvas) = current {
                    <Picker canvases={canvases.to_vec()} current={canvas.id.clone()} name={canvas.name.clone()} />
                } else {
                    <p>{ ctx.t("canvas.none") }</p>
                }
                <NewCanvas />
                <button type="button" class="gf-button gf-secondary" onclick={load_example}>{ ctx.t("canvas.load_example") }</button>
            </div>
            if let Some(canvas) = current {
                { board(ctx, canvas) }
            }
            <p class="gf-credit">{ ctx.t("canvas.credit") }</p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct PickerProps {
    canvases: Vec<Canvas>,
    current: String,
    name: String,
}

/// Choosing, renaming, duplicating, deleting and printing the current canvas.
#[function_component]
fn Picker(props: &PickerProps) -> Html {
    let ctx = use_ctx();
    let name_ref = use_node_ref();
    let picker = super::use_select_value(props.current.clone());
    let select = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| send(&ctx, CanvasAction::Select(value_of(&e))))
    };
    let rename = {
        let ctx = ctx.clone();
        let name_ref = name_ref.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(input) = name_ref.cast::<web_sys::HtmlInputElement>() {
                send(&ctx, CanvasAction::Rename(input.value()));
            }
        })
    };
    let duplicate = {
        let ctx = ctx.clone();
        let name = props.name.clone();
        Callback::from(move |_| {
            let name = ctx.fill("canvas.copy_of", &[("name", &name)]);
            send(&ctx, CanvasAction::Duplicate { name });
        })
    };
    let delete = {
        let ctx = ctx.clone();
        Callback::from(move |_| send(&ctx, CanvasAction::Delete))
    };
    let print = {
        let env = ctx.env.clone();
        Callback::from(move |_| super::print_widget_landscape(&env.host))
    };
    html! {
        <>
            if props.canvases.len() > 1 {
                <div class="gf-field">
                    <label for="gf-canvas-pick">{ ctx.t("canvas.choose") }</label>
                    <select id="gf-canvas-pick" ref={picker} onchange={select}>
                        { for props.canvases.iter().map(|c| html! {
                            <option value={c.id.clone()} selected={c.id == props.current}>{ &c.name }</option>
                        }) }
                    </select>
                </div>
            }
            <form class="gf-inline" onsubmit={rename}>
                <div class="gf-field">
                    <label for="gf-canvas-name">{ ctx.t("canvas.rename") }</label>
                    <input id="gf-canvas-name" type="text" ref={name_ref} key={props.current.clone()}
                        maxlength={canvas::MAX_NAME_CHARS.to_string()} value={ctx.typed("gf-canvas-name", &props.name)} />
                </div>
                <button type="submit" class="gf-button gf-secondary">{ ctx.t("canvas.save_name") }</button>
            </form>
            <div class="gf-actions">
                <button type="button" class="gf-button gf-secondary" onclick={duplicate}>{ ctx.t("canvas.duplicate") }</button>
                <button type="button" class="gf-button gf-secondary" onclick={print}>{ ctx.t("canvas.print") }</button>
                <button type="button" class="gf-button gf-danger" onclick={delete}>{ ctx.t("canvas.delete") }</button>
            </div>
        </>
    }
}

#[function_component]
fn NewCanvas() -> Html {
    let ctx = use_ctx();
    let input = use_node_ref();
    let create = {
        let ctx = ctx.clone();
        let input = input.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(field) = input.cast::<web_sys::HtmlInputElement>() {
                send(
                    &ctx,
                    CanvasAction::Create {
                        name: field.value(),
                    },
                );
                field.set_value("");
            }
        })
    };
    html! {
        <form class="gf-inline" onsubmit={create}>
            <div class="gf-field">
                <label for="gf-canvas-new">{ ctx.t("canvas.new_name") }</label>
                <input id="gf-canvas-new" type="text" ref={input} maxlength={canvas::MAX_NAME_CHARS.to_string()}
                    placeholder={ctx.t("canvas.new_placeholder")} />
            </div>
            <button type="submit" class="gf-button">{ ctx.t("canvas.create") }</button>
        </form>
    }
}

/// The canvas itself: value map and customer profile side by side (stacked on a phone),
/// then the fit check and, for a cluster service, the checklist. This and the parts below are
/// plain functions, not components: they render whenever the canvas changes, and components
/// of their own only added code (and a copy of the canvas each).
fn board(ctx: &Ctx, canvas: &Canvas) -> Html {
    let service = {
        let ctx = ctx.clone();
        Callback::from(move |e: Event| {
            use yew::TargetCast;
            let on = e
                .target_dyn_into::<web_sys::HtmlInputElement>()
                .is_some_and(|i| i.checked());
            send(&ctx, CanvasAction::SetService(on));
        })
    };
    let block = |block: Block| block_view(ctx, block, canvas);
    html! {
        <>
            <p class="gf-print-only gf-canvas-name">{ &canvas.name }</p>
            <div class="gf-board">
                <section class="gf-map" aria-labelledby="gf-map-h">
                    <h3 id="gf-map-h">{ ctx.t("canvas.value_map") }</h3>
                    { block(Block::Products) }
                    { block(Block::Relievers) }
                    { block(Block::Creators) }
                </section>
                <section class="gf-profile-blocks" aria-labelledby="gf-profile-h">
                    <h3 id="gf-profile-h">{ ctx.t("canvas.profile") }</h3>
                    { block(Block::Jobs) }
                    { block(Block::Pains) }
                    { block(Block::Gains) }
                </section>
            </div>
            { fit_view(ctx, canvas) }
            <div class="gf-field gf-check gf-no-print">
                <input id="gf-service" type="checkbox" checked={canvas.service} onchange={service} />
                <label for="gf-service">{ ctx.t("canvas.service") }</label>
            </div>
            if canvas.service {
                { checklist_view(ctx, &canvas.checklist) }
            }
        </>
    }
}

fn block_view(ctx: &Ctx, block: Block, canvas: &Canvas) -> Html {
    let items = canvas.items(block);
    let title = ctx.t(&format!("canvas.block.{}", block.id()));
    let heading_id = format!("gf-block-{}", block.id());
    html! {
        <section class={classes!("gf-block", format!("gf-block-{}", block.id()))} aria-labelledby={heading_id.clone()}>
            <h4 id={heading_id}>{ &title }</h4>
            <details class="gf-help gf-no-print">
                <summary>{ ctx.t("canvas.what_belongs") }</summary>
                <p>{ ctx.t(&format!("canvas.help.{}", block.id())) }</p>
            </details>
            if items.is_empty() {
                <p class="gf-hint">{ ctx.t("canvas.empty_block") }</p>
            } else {
                <ol class="gf-items">
                    { for items.iter().enumerate().map(|(index, item)| html! {
                        <ItemView key={item.id.clone()} block={block} item={item.clone()}
                            first={index == 0} last={index + 1 == items.len()}
                            targets={block.links_to().map(|t| canvas.items(t).to_vec()).unwrap_or_default()} />
                    }) }
                </ol>
            }
            <AddForm block={block} title={title} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct AddProps {
    block: Block,
    title: String,
}

/// A text field with a visible character counter; Enter adds the item.
#[function_component]
fn AddForm(props: &AddProps) -> Html {
    let ctx = use_ctx();
    let length = use_state(|| 0usize);
    let input = use_node_ref();
    let id = format!("gf-add-{}", props.block.id());
    let counter_id = format!("{id}-count");
    let oninput = {
        let length = length.clone();
        Callback::from(move |e: InputEvent| {
            use yew::TargetCast;
            if let Some(field) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                length.set(field.value().chars().count());
            }
        })
    };
    let onsubmit = {
        let ctx = ctx.clone();
        let input = input.clone();
        let length = length.clone();
        let block = props.block;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(field) = input.cast::<web_sys::HtmlInputElement>() {
                send(
                    &ctx,
                    CanvasAction::Add {
                        block,
                        text: field.value(),
                    },
                );
                if !field.value().trim().is_empty() {
                    field.set_value("");
                    length.set(0);
                }
            }
        })
    };
    html! {
        <form class="gf-add gf-no-print" {onsubmit}>
            <label for={id.clone()}>{ ctx.fill("canvas.add_label", &[("block", &props.title)]) }</label>
            <div class="gf-add-row">
                <input id={id} type="text" ref={input} maxlength={MAX_ITEM_CHARS.to_string()}
                    aria-describedby={counter_id.clone()} {oninput} />
                <button type="submit" class="gf-button">{ ctx.t("canvas.add") }</button>
            </div>
            <p class="gf-hint" id={counter_id}>
                { ctx.fill("canvas.chars", &[("n", &length.to_string()), ("max", &MAX_ITEM_CHARS.to_string())]) }
            </p>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct ItemProps {
    block: Block,
    item: Item,
    first: bool,
    last: bool,
    /// Pains (for a reliever) or gains (for a creator) it can link to.
    targets: Vec<Item>,
}

#[function_component]
fn ItemView(props: &ItemProps) -> Html {
    let ctx = use_ctx();
    let editing = use_state(|| false);
    let edit_ref = use_node_ref();
    let (block, item) = (props.block, &props.item);
    let edit_id = format!("gf-edit-{}", item.id);
    let label = |action: &str| {
        ctx.fill(
            "canvas.item_action",
            &[("action", &ctx.t(action)), ("item", &item.text)],
        )
    };
    let act = |action: CanvasAction| {
        let ctx = ctx.clone();
        Callback::from(move |_: MouseEvent| send(&ctx, action.clone()))
    };
    let id = item.id.clone();

    // Keep focus on the moved item's button: the keyed list moves the element, which blurs it.
    let focus_after_move = use_state(|| None::<&'static str>);
    let shift = |by: isize, class: &'static str| {
        let ctx = ctx.clone();
        let id = id.clone();
        let focus = focus_after_move.clone();
        Callback::from(move |_: MouseEvent| {
            send(
                &ctx,
                CanvasAction::Shift {
                    block,
                    id: id.clone(),
                    by,
                },
            );
            focus.set(Some(class));
        })
    };
    let item_ref = use_node_ref();
    {
        let item_ref = item_ref.clone();
        let focus = focus_after_move.clone();
        let (first, last) = (props.first, props.last);
        use_effect_with((first, last, *focus), move |(first, last, wanted)| {
            if let Some(class) = wanted {
                // At the top or bottom the button is disabled: focus its partner instead.
                let class = match *class {
                    "gf-up" if *first => "gf-down",
                    "gf-down" if *last => "gf-up",
                    other => other,
                };
                if let Some(element) = item_ref.cast::<web_sys::Element>() {
                    if let Ok(Some(button)) = element.query_selector(&format!(".{class}")) {
                        use wasm_bindgen::JsCast;
                        if let Ok(button) = button.dyn_into::<web_sys::HtmlElement>() {
                            let _ = button.focus();
                        }
                    }
                }
                focus.set(None);
            }
        });
    }

    let save = {
        let ctx = ctx.clone();
        let edit_ref = edit_ref.clone();
        let editing = editing.clone();
        let id = id.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Some(field) = edit_ref.cast::<web_sys::HtmlInputElement>() {
                let text = field.value();
                let ok = !text.trim().is_empty();
                send(
                    &ctx,
                    CanvasAction::Edit {
                        block,
                        id: id.clone(),
                        text,
                    },
                );
                if ok {
                    editing.set(false);
                }
            }
        })
    };
    let start_edit = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(true))
    };
    let cancel = {
        let editing = editing.clone();
        Callback::from(move |_: MouseEvent| editing.set(false))
    };
    // Focus the edit field when editing starts.
    {
        let edit_ref = edit_ref.clone();
        use_effect_with(*editing, move |editing| {
            if *editing {
                if let Some(field) = edit_ref.cast::<web_sys::HtmlInputElement>() {
                    let _ = field.focus();
                }
            }
        });
    }

    let importance_ref = super::use_select_value(item.importance.to_string());
    let importance = block.is_rated().then(|| {
        let ctx2 = ctx.clone();
        let id = id.clone();
        let onchange = Callback::from(move |e: Event| {
            if let Ok(importance) = value_of(&e).parse::<u8>() {
                send(
                    &ctx2,
                    CanvasAction::Importance {
                        block,
                        id: id.clone(),
                        importance,
                    },
                );
            }
        });
        let select_id = format!("gf-imp-{}", item.id);
        html! {
            <div class="gf-importance">
                <label for={select_id.clone()}>{ ctx.t("canvas.importance") }</label>
                <select id={select_id} ref={importance_ref.clone()} {onchange}>
                    { for canvas::IMPORTANCE.rev().map(|level| html! {
                        <option value={level.to_string()} selected={item.importance == level}>
                            { ctx.t(&format!("canvas.importance_{level}")) }
                        </option>
                    }) }
                </select>
            </div>
        }
    });

    let links = block.links_to().map(|target_block| {
        let legend = if target_block == Block::Pains { "canvas.relieves" } else { "canvas.creates" };
        let empty = if target_block == Block::Pains { "canvas.no_targets_pains" } else { "canvas.no_targets_gains" };
        html! {
            <fieldset class="gf-links">
                <legend>{ ctx.t(legend) }</legend>
                if props.targets.is_empty() {
                    <p class="gf-hint">{ ctx.t(empty) }</p>
                }
                { for props.targets.iter().map(|target| {
                    let checkbox_id = format!("gf-link-{}-{}", item.id, target.id);
                    let on = item.links.contains(&target.id);
                    let ctx2 = ctx.clone();
                    let (id, target_id) = (id.clone(), target.id.clone());
                    let onchange = Callback::from(move |_: Event| send(&ctx2, CanvasAction::Link {
                        block, id: id.clone(), target: target_id.clone(), on: !on,
                    }));
                    html! {
                        <div class="gf-check">
                            <input id={checkbox_id.clone()} type="checkbox" checked={on} {onchange} />
                            <label for={checkbox_id}>{ &target.text }</label>
                        </div>
                    }
                }) }
            </fieldset>
        }
    });

    html! {
        <li class="gf-item" ref={item_ref}>
            if *editing {
                <form class="gf-add-row" onsubmit={save}>
                    <label class="gf-visually-hidden" for={edit_id.clone()}>
                        { ctx.fill("canvas.edit_label", &[("item", &item.text)]) }
                    </label>
                    <input id={edit_id.clone()} type="text" ref={edit_ref}
                        maxlength={MAX_ITEM_CHARS.to_string()} value={ctx.typed(&edit_id, &item.text)} />
                    <button type="submit" class="gf-button">{ ctx.t("canvas.save") }</button>
                    <button type="button" class="gf-button gf-secondary" onclick={cancel}>{ ctx.t("canvas.cancel") }</button>
                </form>
            } else {
                <p class="gf-item-text">{ &item.text }</p>
            }
            { for importance }
            { for links }
            if !*editing {
                <div class="gf-item-actions gf-no-print">
                    <button type="button" class="gf-link" aria-label={label("canvas.edit")} onclick={start_edit}>{ ctx.t("canvas.edit") }</button>
                    <button type="button" class="gf-link gf-up" aria-label={label("canvas.up")} disabled={props.first}
                        onclick={shift(-1, "gf-up")}>{ "↑" }</button>
                    <button type="button" class="gf-link gf-down" aria-label={label("canvas.down")} disabled={props.last}
                        onclick={shift(1, "gf-down")}>{ "↓" }</button>
                    <button type="button" class="gf-link" aria-label={label("canvas.remove")}
                        onclick={act(CanvasAction::Remove { block, id: id.clone() })}>{ ctx.t("canvas.remove") }</button>
                </div>
            }
        </li>
    }
}

fn fit_view(ctx: &Ctx, canvas: &Canvas) -> Html {
    let fit = canvas::fit(canvas);
    let warning = |warning: &Warning| {
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
        ctx.fill(key, &[("item", item)])
    };
    let total = fit.addressed.len() + fit.unaddressed.len();
    html! {
        <section class="gf-panel gf-fit" aria-labelledby="gf-fit-h">
            <h3 id="gf-fit-h">{ ctx.t("canvas.fit_title") }</h3>
            <p class="gf-overall" data-testid="fit-score" aria-live="polite">
                { match fit.score {
                    Some(score) => ctx.fill("canvas.fit_score", &[("score", &score.to_string())]),
                    None => ctx.t("canvas.fit_none"),
                } }
            </p>
            if total > 0 {
                <p>{ ctx.fill("canvas.fit_addressed", &[("n", &fit.addressed.len().to_string()), ("total", &total.to_string())]) }</p>
            }
            <p class="gf-hint">{ ctx.t("canvas.fit_rule") }</p>
            if fit.warnings.is_empty() && fit.score.is_some() {
                <p>{ ctx.t("canvas.fit_good") }</p>
            } else {
                <ul class="gf-warnings">{ for fit.warnings.iter().map(|w| html! { <li>{ warning(w) }</li> }) }</ul>
            }
        </section>
    }
}

fn checklist_view(ctx: &Ctx, checklist: &Checklist) -> Html {
    html! {
        <section class="gf-panel gf-checklist" aria-labelledby="gf-checklist-h">
            <h3 id="gf-checklist-h">{ ctx.t("canvas.checklist_title") }</h3>
            <p>{ ctx.t("canvas.checklist_intro") }{ " " }
                { ctx.fill("canvas.checklist_done", &[("n", &checklist.answered().to_string())]) }</p>
            { for Checklist::FIELDS.iter().map(|field| {
                let id = format!("gf-check-{field}");
                let ctx2 = ctx.clone();
                let onchange = Callback::from(move |e: Event| send(&ctx2, CanvasAction::Checklist {
                    field: field.to_string(), text: value_of(&e),
                }));
                html! {
                    <div class="gf-field gf-wide">
                        <label for={id.clone()}>{ ctx.t(&format!("canvas.check.{field}")) }</label>
                        <textarea id={id.clone()} maxlength={canvas::MAX_NOTE_CHARS.to_string()}
                            value={ctx.typed(&id, checklist.get(field))} {onchange} />
                    </div>
                }
            }) }
        </section>
    }
}
