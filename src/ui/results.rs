//! The results: overall score, radar chart and its table, priorities with next steps and
//! where to get help, "don't know" answers to find out, kept results and printing.

use std::rc::Rc;

use super::app::{go, App, Sharing, Ui};
use super::{attr, button, format_date, now_iso, put, put_t, Env, Html};
use crate::model::content::Area;
use crate::model::document::Document;
use crate::model::markup::{self, link_or_text, Chart};
use crate::model::scoring::{self, AreaResult, Stage};
use crate::model::session::{Action, CanvasAction, View};
use crate::model::share::Scope;

fn stage_name(env: &Env, stage: Option<Stage>) -> String {
    match stage {
        Some(stage) => env.t(&format!("stage.{}", stage.id())),
        None => env.t("results.no_score"),
    }
}

pub fn view(h: &mut Html, env: &Env, doc: &Rc<Document>, ui: &Ui) {
    let content = &env.content;
    let results = doc.results(content);
    // Keyed: another screen in its place is built anew, not patched from this one.
    h.push_str("<div class=\"gf-results\" data-key=\"results\">");
    put_t(
        h,
        env,
        "<h2 tabindex=\"-1\" data-focus=\"\">",
        "results.title",
        "</h2>",
    );
    if results.answered == 0 {
        put_t(h, env, "<p>", "results.empty", "</p>");
        button(
            h,
            "gf-button",
            &go(&View::Step(1)),
            &env.t("selfcheck.start"),
        );
        h.push_str("</div>");
        return;
    }

    let snapshot = doc.snapshots.last();
    let before = snapshot.map(|s| scoring::score(content, &s.answers));
    let changes = before.as_ref().map(|b| scoring::compare(b, &results));
    let axes = content
        .areas
        .iter()
        .zip(&results.areas)
        .map(|(area, result)| (area.short.clone(), result.score))
        .collect::<Vec<_>>();
    let before_axes = before
        .as_ref()
        .map(|b| b.areas.iter().map(|a| a.score).collect::<Vec<_>>());
    let profile = &doc.profile;
    let profile_line = [
        profile.sector.clone(),
        super::size_label(env, &profile.size),
        profile.country.clone(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let benchmark = env.benchmark.borrow().clone();
    let benchmark = benchmark.as_deref();
    // The cluster's median per area, rounded for the chart and the table.
    let medians: Option<Vec<Option<u8>>> = benchmark.map(|b| {
        content
            .areas
            .iter()
            .map(|area| b.areas.get(&area.id).map(|s| s.median.round() as u8))
            .collect()
    });
    // Questions that replaced ones whose earlier answers did not carry over, and the step of
    // the first of them.
    let again = doc.to_answer_again(content);
    let again_step = again.first().and_then(|id| content.area_index_of(id));

    h.push_str("<p class=\"gf-meta\">");
    if !env.config.name.is_empty() {
        put(h, "<strong>", &env.config.name, "</strong> · ");
    }
    put(h, "", &format_date(&now_iso(), &content.lang), "");
    if !profile_line.is_empty() {
        put(h, " · ", &profile_line, "");
    }
    let overall = match results.overall {
        Some(overall) => env.fill(
            "results.overall",
            &[
                ("score", &overall.to_string()),
                ("stage", &stage_name(env, results.overall_stage)),
            ],
        ),
        None => env.t("results.overall_none"),
    };
    put(
        h,
        "</p><p class=\"gf-overall\" data-testid=\"overall\">",
        &overall,
        "</p>",
    );
    let answered = env.fill(
        "results.answered",
        &[
            ("n", &results.answered.to_string()),
            ("total", &results.questions.to_string()),
        ],
    );
    put(h, "<p class=\"gf-hint\">", &answered, " ");
    put_t(h, env, "", "results.method", "</p>");
    if let Some(index) = again_step {
        let n = again.len().to_string();
        put(
            h,
            "<div class=\"gf-changed gf-no-print\"><p>",
            &env.fill("results.answer_again", &[("n", &n)]),
            "</p>",
        );
        let step = go(&View::Step(index + 1));
        button(
            h,
            "gf-button gf-secondary",
            &step,
            &env.t("results.answer_again_go"),
        );
        h.push_str("</div>");
    }

    // A table with more columns (the cluster's median, a change) goes under the chart. A part,
    // as are the advice below: typing a name to share with writes neither again.
    h.part("div", "chart", &mut |h| {
        h.push_str(if snapshot.is_some() || benchmark.is_some() {
            "<div class=\"gf-chart-table gf-many-columns\">"
        } else {
            "<div class=\"gf-chart-table\">"
        });
        h.push_str(&markup::chart(&Chart {
            axes: &axes,
            before: before_axes.as_deref(),
            benchmark: medians.as_deref(),
            label: &env.t("results.chart_label"),
        }));
        // A data table may scroll sideways on a narrow phone (WCAG 1.4.10 exempts it); the region
        // is focusable so keyboard users can scroll it too.
        put_t(
            h,
            env,
            "<div class=\"gf-table-wrap\" role=\"region\" tabindex=\"0\" \
         aria-labelledby=\"gf-table-caption\">\
         <table class=\"gf-table\"><caption id=\"gf-table-caption\">",
            "results.table_caption",
            "</caption><thead><tr>",
        );
        let column = |h: &mut String, text: &str| put(h, "<th scope=\"col\">", text, "</th>");
        column(h, &env.t("results.col_area"));
        column(h, &env.t("results.col_score"));
        column(h, &env.t("results.col_stage"));
        if let Some(snapshot) = snapshot {
            let date = format_date(&snapshot.taken_at, &content.lang);
            column(h, &env.fill("results.col_change", &[("date", &date)]));
        }
        if benchmark.is_some() {
            column(h, &env.t("results.col_benchmark"));
        }
        h.push_str("</tr></thead><tbody>");
        for (i, (area, result)) in content.areas.iter().zip(&results.areas).enumerate() {
            let score = match result.score {
                Some(score) => score.to_string(),
                None if result.is_not_relevant() => env.t("results.not_relevant"),
                None => env.t("results.no_score"),
            };
            put(h, "<tr data-area=\"", &area.id, "\">");
            put(h, "<th scope=\"row\">", &area.title, "</th>");
            put(
                h,
                "<td class=\"gf-num\" data-testid=\"area-score\">",
                &score,
                "</td>",
            );
            let stage = result.stage.map(|s| stage_name(env, Some(s)));
            put(h, "<td>", &stage.unwrap_or_default(), "</td>");
            if let Some(changes) = &changes {
                let change = match changes[i].delta() {
                    Some(0) => "±0".to_owned(),
                    Some(d) if d > 0 => format!("+{d}"),
                    Some(d) => format!("−{}", d.abs()),
                    None => "–".to_owned(),
                };
                put(h, "<td class=\"gf-num\">", &change, "</td>");
            }
            if let Some(medians) = &medians {
                let median = medians[i].map_or_else(|| "–".to_owned(), |m| m.to_string());
                put(
                    h,
                    "<td class=\"gf-num\" data-testid=\"area-benchmark\">",
                    &median,
                    "</td>",
                );
            }
            h.push_str("</tr>");
        }
        h.push_str("</tbody></table></div></div>");
    });
    if let Some(b) = benchmark {
        let note = env.fill(
            "results.benchmark_note",
            &[
                ("cluster", &cluster_name(env)),
                ("members", &b.members.to_string()),
                ("date", &b.created_at),
            ],
        );
        put(
            h,
            "<p class=\"gf-hint\" data-testid=\"benchmark-note\">",
            &note,
            "",
        );
        if !b.group.is_empty() {
            put(h, " (", &b.group, ")");
        }
        h.push_str("</p>");
    }

    h.push_str("<div class=\"gf-actions gf-no-print\">");
    button(h, "gf-button", "keep", &env.t("results.keep"));
    button(
        h,
        "gf-button gf-secondary",
        "print",
        &env.t("results.print"),
    );
    if env.config.share.is_some() {
        h.push_str("<button type=\"button\" class=\"gf-button gf-secondary\" data-click=\"share\"");
        attr(
            h,
            "aria-expanded",
            if ui.sharing.is_some() {
                "true"
            } else {
                "false"
            },
        );
        let open = env.fill("share.open", &[("cluster", &cluster_name(env))]);
        put(h, ">", &open, "</button>");
    }
    if env.modules.canvas && !results.priorities.is_empty() {
        button(
            h,
            "gf-button gf-secondary",
            "to-canvas",
            &env.t("results.to_canvas"),
        );
    }
    h.push_str("</div>");

    if let (Some(sharing), Some(settings)) = (&ui.sharing, &env.config.share) {
        super::share::view(h, env, doc, settings, sharing, &cluster_name(env));
    }

    put_t(h, env, "<h3>", "results.priorities", "</h3>");
    if results.priorities.is_empty() {
        put_t(h, env, "<p>", "results.no_priorities", "</p>");
    } else {
        put_t(h, env, "<p>", "results.priorities_intro", "</p>");
        h.part("ol", "priorities", &mut |h| {
            h.push_str("<ol class=\"gf-priorities\">");
            for id in &results.priorities {
                if let (Some(area), Some(result)) = (content.area(id), results.area(id)) {
                    h.push_str("<li>");
                    advice(h, env, area, result, true);
                    h.push_str("</li>");
                }
            }
            h.push_str("</ol>");
        });
    }

    find_out(h, env, &results.areas);

    put_t(h, env, "<h3>", "results.all_areas", "</h3>");
    for (area, result) in content
        .areas
        .iter()
        .zip(&results.areas)
        .filter(|(area, r)| r.score.is_some() && !results.priorities.contains(&area.id))
    {
        h.part("details", &format!("advice-{}", area.id), &mut |h| {
            h.push_str("<details class=\"gf-area-advice\">");
            put(h, "<summary>", &area.title, " · ");
            put(h, "", &stage_name(env, result.stage), "</summary>");
            advice(h, env, area, result, false);
            h.push_str("</details>");
        });
    }
    put_t(
        h,
        env,
        "<p class=\"gf-credit\">",
        "results.disclaimer",
        "</p>",
    );
    put_t(
        h,
        env,
        "<p class=\"gf-credit\">",
        "results.reviewed",
        "</p></div>",
    );
}

/// The results' actions: keep, share, the canvas from the priorities, and the sharing panel's.
pub fn on(app: &Rc<App>, verb: &str, target: &web_sys::Element) -> bool {
    match verb {
        "keep" => app.dispatch(Action::KeepSnapshot { at: now_iso() }),
        "share" => {
            let open = app.ui().sharing.is_none();
            app.update(|ui| {
                ui.sharing = open.then(|| Sharing {
                    scope: Scope::ScoresOnly,
                    member: String::new(),
                    copied: false,
                    at: now_iso(),
                });
                if open {
                    ui.focus = vec!["#gf-share-title".to_owned()];
                }
            });
        }
        "to-canvas" => {
            let env = &app.env;
            let priorities = app.state().doc.results(&env.content).priorities;
            let pains = priorities
                .iter()
                .filter_map(|id| env.content.area(id))
                .map(|area| env.fill("canvas.pain_from_area", &[("area", &area.title)]))
                .collect::<Vec<_>>();
            let canvas = crate::model::canvas::Canvas::with_pains(
                &env.t("canvas.from_results_name"),
                &pains,
            );
            app.dispatch(Action::Canvas(CanvasAction::LoadExample(Box::new(canvas))));
            app.dispatch(Action::Go(View::Canvas));
        }
        _ => return super::share::on(app, verb, target),
    }
    true
}

/// "Don't know" answers, listed so the visitor can find out.
fn find_out(h: &mut String, env: &Env, areas: &[AreaResult]) {
    let mut questions = areas
        .iter()
        .flat_map(|r| r.dont_know.iter())
        .filter_map(|id| env.content.question(id))
        .peekable();
    if questions.peek().is_none() {
        return;
    }
    put_t(h, env, "<h3>", "results.find_out", "</h3>");
    put_t(
        h,
        env,
        "<p>",
        "results.find_out_intro",
        "</p><ul class=\"gf-find-out\">",
    );
    for question in questions {
        put(h, "<li>", &question.text, "</li>");
    }
    h.push_str("</ul>");
}

/// What to do next in one area, and who helps: the cluster first, then public resources; with
/// the area's name, score and stage as a heading when `heading`.
fn advice(html: &mut String, ctx: &Env, area: &Area, result: &AreaResult, heading: bool) {
    let stage = result.stage.unwrap_or(Stage::Starting);
    let offers = ctx.config.offers_for(&area.id, Some(stage));
    let contact = &ctx.config.contact;
    html.push_str("<div class=\"gf-advice\">");
    if heading {
        let score = result.score.map(|s| s.to_string()).unwrap_or_default();
        let heading = ctx.fill(
            "results.area_heading",
            &[
                ("area", &area.title),
                ("score", &score),
                ("stage", &stage_name(ctx, result.stage)),
            ],
        );
        put(html, "<h4>", &heading, "</h4>");
    }
    let label = |html: &mut String, text: &str| put(html, "<p class=\"gf-label\">", text, "</p>");
    label(html, &ctx.t("results.next_steps"));
    html.push_str("<ul>");
    for step in area.next_steps.for_stage(stage) {
        put(html, "<li>", step, "</li>");
    }
    html.push_str("</ul>");
    if !offers.is_empty()
        || !contact.email.is_empty()
        || !contact.phone.is_empty()
        || !contact.web.is_empty()
    {
        let cluster = cluster_name(ctx);
        label(
            html,
            &ctx.fill("results.cluster_help", &[("cluster", &cluster)]),
        );
        html.push_str("<ul class=\"gf-offers\">");
        for offer in &offers {
            html.push_str("<li>");
            link_or_text(html, &offer.title, &offer.link);
            let kind = ctx.t(&format!("offer.{}", offer.kind));
            put(html, "<span class=\"gf-kind\"> (", &kind, ")</span>");
            if !offer.description.is_empty() {
                put(html, "<br>", &offer.description, "");
            }
            html.push_str("</li>");
        }
        if offers.is_empty() {
            put(html, "<li>", &ctx.t("results.contact_us"), " ");
            // A space after the e-mail address and the phone number, as the text reads.
            let phone = format!("tel:{}", contact.phone.replace(' ', ""));
            for (text, link, after) in [
                (&contact.email, format!("mailto:{}", contact.email), " "),
                (&contact.phone, phone, " "),
                (&contact.web, contact.web.clone(), ""),
            ] {
                if !text.is_empty() {
                    link_or_text(html, text, &link);
                    html.push_str(after);
                }
            }
            html.push_str("</li>");
        }
        html.push_str("</ul>");
    }
    label(html, &ctx.t("results.public_help"));
    html.push_str("<ul class=\"gf-resources\">");
    for resource in area
        .resources
        .iter()
        .filter_map(|id| ctx.content.resource(id))
    {
        html.push_str("<li>");
        link_or_text(html, &resource.name, &resource.url);
        put(html, ": ", &resource.description, "</li>");
    }
    html.push_str("</ul>");
    if let Some(vsme) = &area.vsme {
        label(html, &ctx.t("selfcheck.vsme"));
        put(html, "<p>", vsme, "</p>");
    }
    html.push_str("</div>");
}

fn cluster_name(ctx: &Env) -> String {
    if ctx.config.name.is_empty() {
        ctx.t("results.your_cluster")
    } else {
        ctx.config.name.clone()
    }
}
