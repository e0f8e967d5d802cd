//! The self-check wizard: an introduction with the optional company profile, then one area
//! per step, each question a native radio group.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{use_ctx, Ctx};
use crate::model::answers::Answer;
use crate::model::document::{Document, SIZE_BANDS};
use crate::model::markup;
use crate::model::scoring;
use crate::model::session::{Action, View};

/// The self-check's screen at `step` (0: the introduction, then one step per area); a plain
/// function, not a component: the app renders it with its state.
pub fn self_check(ctx: &Ctx, step: usize, doc: &Rc<Document>) -> Html {
    let areas = &ctx.content.areas;
    let step = step.min(areas.len());
    let results = scoring::score(&ctx.content, &doc.answers);
    let go = |view: View| {
        let dispatch = ctx.dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::Go(view.clone())))
    };

    let body = if step == 0 {
        html! { <Intro doc={doc.clone()} /> }
    } else {
        html! {
            <>
                <p class="gf-progress-label">
                    { ctx.fill("selfcheck.step_of", &[("n", &step.to_string()), ("total", &areas.len().to_string())]) }
                </p>
                <progress class="gf-progress" max={areas.len().to_string()} value={step.to_string()}
                    aria-label={ctx.t("selfcheck.progress")}></progress>
                { area_step(ctx, step - 1, doc) }
            </>
        }
    };

    let back = (step > 0).then(|| {
        html! {
            <button type="button" class="gf-button gf-secondary" onclick={go(View::Step(step - 1))}>
                { ctx.t("selfcheck.back") }
            </button>
        }
    });
    let next = if step == 0 {
        html! { <button type="button" class="gf-button" onclick={go(View::Step(1))}>{ ctx.t("selfcheck.start") }</button> }
    } else if step < areas.len() {
        html! { <button type="button" class="gf-button" onclick={go(View::Step(step + 1))}>{ ctx.t("selfcheck.next") }</button> }
    } else {
        html! { <button type="button" class="gf-button" onclick={go(View::Results)}>{ ctx.t("selfcheck.see_results") }</button> }
    };

    html! {
        // Keyed: another screen in its place is built anew, not patched from this one.
        <div class="gf-selfcheck" key="selfcheck">
            <div class="gf-step">
                { body }
                <div class="gf-actions">{ for back }{ next }</div>
            </div>
            <div class="gf-steps">
                <h3>{ ctx.t("selfcheck.areas") }</h3>
                <ol>
                { for areas.iter().enumerate().map(|(index, area)| {
                    let result = results.area(&area.id).expect("a result per area");
                    let current = step == index + 1;
                    let count = ctx.fill("selfcheck.answered", &[
                        ("n", &result.answered.to_string()),
                        ("total", &result.questions.to_string()),
                    ]);
                    html! {
                        <li class={classes!(result.is_complete().then_some("gf-done"))}>
                            <button type="button" class="gf-link" aria-current={current.then_some("step")}
                                onclick={go(View::Step(index + 1))}>
                                { &area.title }
                            </button>
                            <span class="gf-count">{ count }</span>
                        </li>
                    }
                }) }
                </ol>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct IntroProps {
    doc: Rc<Document>,
}

#[function_component]
fn Intro(props: &IntroProps) -> Html {
    let ctx = use_ctx();
    let profile = &props.doc.profile;
    let size = super::use_select_value(profile.size.clone());
    let field = |name: &'static str| {
        let dispatch = ctx.dispatch.clone();
        Callback::from(move |event: Event| {
            let value = super::value_of(&event);
            dispatch.emit(Action::Profile {
                field: name.to_owned(),
                value,
            });
        })
    };
    html! {
        <>
            <h2 tabindex="-1" data-focus="">{ ctx.t("selfcheck.title") }</h2>
            if !ctx.config.intro.is_empty() {
                <p class="gf-intro">{ &ctx.config.intro }</p>
            }
            <p>{ ctx.fill("selfcheck.intro", &[
                ("count", &ctx.content.question_count().to_string()),
                ("areas", &ctx.content.areas.len().to_string()),
            ]) }</p>
            <p>{ ctx.t("selfcheck.privacy") }</p>
            <details class="gf-profile">
                <summary>{ ctx.t("profile.title") }</summary>
                <p class="gf-hint">{ ctx.t("profile.hint") }</p>
                <div class="gf-field">
                    <label for="gf-sector">{ ctx.t("profile.sector") }</label>
                    <input id="gf-sector" type="text" maxlength="80" autocomplete="off"
                        value={ctx.typed("gf-sector", &profile.sector)} onchange={field("sector")} />
                </div>
                <div class="gf-field">
                    <label for="gf-size">{ ctx.t("profile.size") }</label>
                    <select id="gf-size" ref={size} onchange={field("size")}>
                        <option value="" selected={profile.size.is_empty()}>{ ctx.t("profile.size_none") }</option>
                        { for SIZE_BANDS.iter().map(|band| html! {
                            <option value={*band} selected={profile.size == *band}>
                                { ctx.t(&format!("profile.size_{band}")) }
                            </option>
                        }) }
                    </select>
                </div>
                <div class="gf-field">
                    <label for="gf-country">{ ctx.t("profile.country") }</label>
                    <input id="gf-country" type="text" maxlength="80" autocomplete="country-name"
                        value={ctx.typed("gf-country", &profile.country)} onchange={field("country")} />
                </div>
            </details>
        </>
    }
}

/// An area's questions (area `area_index` of the content). A plain function, not a component: it
/// renders whenever the self-check does (every answer changes the document it shows), and a
/// component of its own only added code. Questions are passed by their place in the content
/// (which does not change while the app runs), so that a click compares and re-renders only
/// the question whose answer changed.
fn area_step(ctx: &Ctx, area_index: usize, doc: &Document) -> Html {
    let area = &ctx.content.areas[area_index];
    let again = doc.to_answer_again(&ctx.content);
    html! {
        <>
            <h2 tabindex="-1" data-focus="">{ &area.title }</h2>
            <p>{ &area.summary }</p>
            { for area.questions.iter().enumerate().map(|(index, question)| html! {
                <QuestionField key={question.id.as_str()} area={area_index} {index}
                    answer={doc.answers.get(&question.id).copied()}
                    again={again.contains(&question.id.as_str())} />
            }) }
            if let Some(vsme) = &area.vsme {
                <details class="gf-vsme">
                    <summary>{ ctx.t("selfcheck.vsme") }</summary>
                    <p>{ vsme }</p>
                </details>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct QuestionProps {
    area: usize,
    index: usize,
    answer: Option<Answer>,
    /// The question replaced one whose earlier answer did not carry over: ask again.
    again: bool,
}

/// One question: a `<fieldset>` whose legend, explanation and radios are written as one string
/// (`model::markup`) and made by the browser in one step. The radios are the browser's own
/// state: the one checked is set on them after every render, never re-made, so a keyboard
/// user's focus stays where it is.
#[function_component]
fn QuestionField(props: &QuestionProps) -> Html {
    let ctx = use_ctx();
    let fieldset = use_node_ref();
    // The content does not change while the app runs (a language switch starts a new app).
    let markup = use_memo((props.area, props.index), |&(area, index)| {
        let question = &ctx.content.areas[area].questions[index];
        let other = [ctx.t("answer.not_relevant"), ctx.t("answer.dont_know")];
        let (legend, body) = markup::question(question, [&other[0], &other[1]]);
        (
            Html::from_html_unchecked(legend.into()),
            Html::from_html_unchecked(body.into()),
        )
    });
    {
        let fieldset = fieldset.clone();
        use_effect_with(props.answer, move |answer| {
            let Some(fieldset) = fieldset.cast::<web_sys::Element>() else {
                return;
            };
            let (selector, checked) = match answer {
                Some(answer) => (format!("input[value=\"{}\"]", answer.token()), true),
                None => ("input:checked".to_owned(), false),
            };
            if let Ok(Some(radio)) = fieldset.query_selector(&selector) {
                radio
                    .unchecked_into::<web_sys::HtmlInputElement>()
                    .set_checked(checked);
            }
        });
    }
    let question = &ctx.content.areas[props.area].questions[props.index];
    let why_id = markup::why_id(&question.id);
    let changed_id = format!("gf-changed-{}", question.id);
    let described_by = if props.again {
        format!("{changed_id} {why_id}")
    } else {
        why_id
    };
    // One listener for the group: a radio's change bubbles to it.
    let onchange = {
        let dispatch = ctx.dispatch.clone();
        let question = question.id.clone();
        Callback::from(move |event: Event| {
            if let Some(answer) = Answer::from_token(&super::value_of(&event)) {
                dispatch.emit(Action::Answer {
                    question: question.clone(),
                    answer: Some(answer),
                });
            }
        })
    };
    html! {
        <fieldset class="gf-question" aria-describedby={described_by} ref={fieldset} {onchange}>
            { markup.0.clone() }
            if props.again {
                <p class="gf-changed" id={changed_id}>{ ctx.t("selfcheck.changed") }</p>
            }
            { markup.1.clone() }
        </fieldset>
    }
}
