//! The self-check wizard: an introduction with the optional company profile, then one area
//! per step, each question a native radio group.

use std::rc::Rc;

use super::app::{go, App};
use super::{attr, button, put, put_t, value_of, Env, Html};
use crate::model::answers::Answer;
use crate::model::document::{Document, SIZE_BANDS};
use crate::model::markup;
use crate::model::scoring;
use crate::model::session::{Action, View};

/// The self-check's screen at `step` (0: the introduction, then one step per area).
pub fn view(h: &mut Html, env: &Env, step: usize, doc: &Document) {
    let areas = &env.content.areas;
    let step = step.min(areas.len());
    let results = scoring::score(&env.content, &doc.answers);
    // Keyed: another screen in its place is built anew, not patched from this one.
    h.push_str("<div class=\"gf-selfcheck\" data-key=\"selfcheck\"><div class=\"gf-step\">");
    if step == 0 {
        intro(h, env, doc);
    } else {
        let (n, total) = (step.to_string(), areas.len().to_string());
        put(
            h,
            "<p class=\"gf-progress-label\">",
            &env.fill("selfcheck.step_of", &[("n", &n), ("total", &total)]),
            "</p><progress class=\"gf-progress\"",
        );
        attr(h, "max", &total);
        attr(h, "value", &n);
        attr(h, "aria-label", &env.t("selfcheck.progress"));
        h.push_str("></progress>");
        area_step(h, env, step - 1, doc);
    }
    h.push_str("<div class=\"gf-actions\">");
    if step > 0 {
        let back = go(&View::Step(step - 1));
        button(h, "gf-button gf-secondary", &back, &env.t("selfcheck.back"));
    }
    let (next, label) = if step == 0 {
        (View::Step(1), "selfcheck.start")
    } else if step < areas.len() {
        (View::Step(step + 1), "selfcheck.next")
    } else {
        (View::Results, "selfcheck.see_results")
    };
    button(h, "gf-button", &go(&next), &env.t(label));
    put_t(
        h,
        env,
        "</div></div><div class=\"gf-steps\"><h3>",
        "selfcheck.areas",
        "</h3><ol>",
    );
    for (index, area) in areas.iter().enumerate() {
        let result = results.area(&area.id).expect("a result per area");
        let count = env.fill(
            "selfcheck.answered",
            &[
                ("n", &result.answered.to_string()),
                ("total", &result.questions.to_string()),
            ],
        );
        // A part: an answer writes again only its area's line.
        h.part("li", &format!("area-{}", area.id), &mut |h| {
            h.push_str(if result.is_complete() {
                "<li class=\"gf-done\">"
            } else {
                "<li>"
            });
            h.push_str("<button type=\"button\" class=\"gf-link\"");
            if step == index + 1 {
                h.push_str(" aria-current=\"step\"");
            }
            attr(h, "data-click", &go(&View::Step(index + 1)));
            put(h, ">", &area.title, "</button>");
            put(h, "<span class=\"gf-count\">", &count, "</span></li>");
        });
    }
    h.push_str("</ol></div></div>");
}

/// The introduction, with the company profile (optional, closed).
fn intro(h: &mut String, env: &Env, doc: &Document) {
    let profile = &doc.profile;
    put_t(
        h,
        env,
        "<h2 tabindex=\"-1\" data-focus=\"\">",
        "selfcheck.title",
        "</h2>",
    );
    if !env.config.intro.is_empty() {
        put(h, "<p class=\"gf-intro\">", &env.config.intro, "</p>");
    }
    let intro = env.fill(
        "selfcheck.intro",
        &[
            ("count", &env.content.question_count().to_string()),
            ("areas", &env.content.areas.len().to_string()),
        ],
    );
    put(h, "<p>", &intro, "</p>");
    put_t(h, env, "<p>", "selfcheck.privacy", "</p>");
    put_t(
        h,
        env,
        "<details class=\"gf-profile\"><summary>",
        "profile.title",
        "</summary>",
    );
    put_t(h, env, "<p class=\"gf-hint\">", "profile.hint", "</p>");
    text_field(h, env, ("sector", "profile.sector"), "off", &profile.sector);
    put_t(
        h,
        env,
        "<div class=\"gf-field\"><label for=\"gf-size\">",
        "profile.size",
        "</label><select id=\"gf-size\" data-change=\"profile:size\">",
    );
    for band in std::iter::once("").chain(SIZE_BANDS.iter().copied()) {
        h.push_str("<option");
        attr(h, "value", band);
        if profile.size == band {
            h.push_str(" selected");
        }
        let label = if band.is_empty() {
            env.t("profile.size_none")
        } else {
            env.t(&format!("profile.size_{band}"))
        };
        put(h, ">", &label, "</option>");
    }
    h.push_str("</select></div>");
    text_field(
        h,
        env,
        ("country", "profile.country"),
        "country-name",
        &profile.country,
    );
    h.push_str("</details>");
}

/// A text field of the company profile (its field and the key of its label), stored when it
/// changes.
fn text_field(
    h: &mut String,
    env: &Env,
    (field, label): (&str, &str),
    autocomplete: &str,
    stored: &str,
) {
    let id = format!("gf-{field}");
    put(h, "<div class=\"gf-field\"><label for=\"", &id, "\">");
    put(h, "", &env.t(label), "</label>");
    put(h, "<input type=\"text\" maxlength=\"80\" id=\"", &id, "\"");
    attr(h, "autocomplete", autocomplete);
    attr(h, "value", &env.typed(&id, stored));
    put(h, " data-change=\"profile:", field, "\"></div>");
}

/// An area's questions (area `area_index` of the content), each a `<fieldset>` whose legend,
/// explanation and radios are written by `model::markup`. One listener for the group: a
/// radio's change bubbles to it.
fn area_step(h: &mut Html, env: &Env, area_index: usize, doc: &Document) {
    let area = &env.content.areas[area_index];
    let again = doc.to_answer_again(&env.content);
    put(
        h,
        "<h2 tabindex=\"-1\" data-focus=\"\">",
        &area.title,
        "</h2>",
    );
    put(h, "<p>", &area.summary, "</p>");
    let other = [env.t("answer.not_relevant"), env.t("answer.dont_know")];
    for question in &area.questions {
        let answer = doc.answers.get(&question.id).copied();
        let (legend, body) = markup::question(question, [&other[0], &other[1]], answer);
        let why_id = markup::why_id(&question.id);
        let changed_id = format!("gf-changed-{}", question.id);
        let asked_again = again.contains(&question.id.as_str());
        let described_by = if asked_again {
            format!("{changed_id} {why_id}")
        } else {
            why_id
        };
        // A part: an answer writes again only the question it answers.
        h.part("fieldset", &format!("q-{}", question.id), &mut |h| {
            h.push_str("<fieldset class=\"gf-question\"");
            attr(h, "aria-describedby", &described_by);
            attr(h, "data-change", &format!("answer:{}", question.id));
            h.push('>');
            h.push_str(&legend);
            if asked_again {
                put(h, "<p class=\"gf-changed\" id=\"", &changed_id, "\">");
                put_t(h, env, "", "selfcheck.changed", "</p>");
            }
            h.push_str(&body);
            h.push_str("</fieldset>");
        });
    }
    if let Some(vsme) = &area.vsme {
        put_t(
            h,
            env,
            "<details class=\"gf-vsme\"><summary>",
            "selfcheck.vsme",
            "</summary>",
        );
        put(h, "<p>", vsme, "</p></details>");
    }
}

/// The self-check's actions: an answer, a field of the profile.
pub fn on(app: &Rc<App>, verb: &str, arg: &str, target: &web_sys::Element) -> bool {
    match verb {
        "answer" => {
            if let Some(answer) = Answer::from_token(&value_of(target)) {
                app.dispatch(Action::Answer {
                    question: arg.to_owned(),
                    answer: Some(answer),
                });
            }
        }
        "profile" => app.dispatch(Action::Profile {
            field: arg.to_owned(),
            value: value_of(target),
        }),
        _ => return false,
    }
    true
}
