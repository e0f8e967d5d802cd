//! The results: overall score, radar chart and its table, priorities with next steps and
//! where to get help, "don't know" answers to find out, kept results and printing.

use std::rc::Rc;

use yew::prelude::*;

use super::{format_date, now_iso, use_ctx, Ctx};
use crate::model::content::Area;
use crate::model::document::Document;
use crate::model::markup::{self, link_or_text, put, Chart};
use crate::model::scoring::{self, AreaResult, Stage};
use crate::model::session::{Action, CanvasAction, View};

#[derive(Properties)]
pub struct ResultsProps {
    pub doc: Rc<Document>,
    /// The cluster's benchmark, once there is one (`Env::benchmark`).
    pub benchmark: Option<Rc<crate::model::dashboard::Benchmark>>,
}

/// A benchmark is read once and never changed: the same one is the same `Rc` (comparing the
/// contents would bring in the code to compare every area's numbers, for nothing).
impl PartialEq for ResultsProps {
    fn eq(&self, other: &Self) -> bool {
        let same_benchmark = match (&self.benchmark, &other.benchmark) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        };
        same_benchmark && self.doc == other.doc
    }
}

fn stage_name(ctx: &Ctx, stage: Option<Stage>) -> String {
    match stage {
        Some(stage) => ctx.t(&format!("stage.{}", stage.id())),
        None => ctx.t("results.no_score"),
    }
}

#[function_component]
pub fn Results(props: &ResultsProps) -> Html {
    let ctx = use_ctx();
    let sharing = use_state(|| false);
    let content = &ctx.content;
    let results = props.doc.results(content);
    let go = |view: View| {
        let dispatch = ctx.dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::Go(view.clone())))
    };

    if results.answered == 0 {
        return html! {
            <div class="gf-results">
                <h2 tabindex="-1" data-focus="">{ ctx.t("results.title") }</h2>
                <p>{ ctx.t("results.empty") }</p>
                <button type="button" class="gf-button" onclick={go(View::Step(1))}>{ ctx.t("selfcheck.start") }</button>
            </div>
        };
    }

    let snapshot = props.doc.snapshots.last();
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

    let keep = {
        let dispatch = ctx.dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::KeepSnapshot { at: now_iso() }))
    };
    let print = {
        let env = ctx.env.clone();
        Callback::from(move |_| super::print_widget(&env.host))
    };
    let to_canvas = {
        let dispatch = ctx.dispatch.clone();
        let ctx = ctx.clone();
        let priorities = results.priorities.clone();
        Callback::from(move |_| {
            let pains = priorities
                .iter()
                .filter_map(|id| ctx.content.area(id))
                .map(|area| ctx.fill("canvas.pain_from_area", &[("area", &area.title)]))
                .collect::<Vec<_>>();
            let canvas = crate::model::canvas::Canvas::with_pains(
                &ctx.t("canvas.from_results_name"),
                &pains,
            );
            dispatch.emit(Action::Canvas(CanvasAction::LoadExample(Box::new(canvas))));
            dispatch.emit(Action::Go(View::Canvas));
        })
    };
    let profile = &props.doc.profile;
    let profile_line = [
        profile.sector.clone(),
        super::size_label(&ctx, &profile.size),
        profile.country.clone(),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" · ");
    let cluster = (!ctx.config.name.is_empty()).then(|| ctx.config.name.clone());
    let benchmark = props.benchmark.as_deref();
    // The cluster's median per area, rounded for the chart and the table.
    let medians: Option<Vec<Option<u8>>> = benchmark.map(|b| {
        content
            .areas
            .iter()
            .map(|area| b.areas.get(&area.id).map(|s| s.median.round() as u8))
            .collect()
    });
    let toggle_share = {
        let sharing = sharing.clone();
        Callback::from(move |_| sharing.set(!*sharing))
    };
    // Questions that replaced ones whose earlier answers did not carry over, and the step of
    // the first of them.
    let again = props.doc.to_answer_again(content);
    let again_step = again.first().and_then(|id| content.area_index_of(id));
    let close_share = {
        let sharing = sharing.clone();
        Callback::from(move |_| sharing.set(false))
    };

    html! {
        <div class="gf-results">
            <h2 tabindex="-1" data-focus="">{ ctx.t("results.title") }</h2>
            <p class="gf-meta">
                { for cluster.map(|name| html! { <><strong>{ name }</strong>{ " · " }</> }) }
                { format_date(&now_iso(), &content.lang) }
                if !profile_line.is_empty() { { " · " }{ profile_line } }
            </p>
            <p class="gf-overall" data-testid="overall">
                { match results.overall {
                    Some(overall) => ctx.fill("results.overall", &[
                        ("score", &overall.to_string()),
                        ("stage", &stage_name(&ctx, results.overall_stage)),
                    ]),
                    None => ctx.t("results.overall_none"),
                } }
            </p>
            <p class="gf-hint">
                { ctx.fill("results.answered", &[("n", &results.answered.to_string()), ("total", &results.questions.to_string())]) }
                { " " }{ ctx.t("results.method") }
            </p>
            if let Some(index) = again_step {
                <div class="gf-changed gf-no-print">
                    <p>{ ctx.fill("results.answer_again", &[("n", &again.len().to_string())]) }</p>
                    <button type="button" class="gf-button gf-secondary" onclick={go(View::Step(index + 1))}>
                        { ctx.t("results.answer_again_go") }
                    </button>
                </div>
            }

            // A table with more columns (the cluster's median, a change) goes under the chart.
            <div class={classes!("gf-chart-table", (snapshot.is_some() || benchmark.is_some()).then_some("gf-many-columns"))}>
                // Drawn as one string of SVG (src/model/markup.rs): the browser makes its
                // elements in one step.
                { Html::from_html_unchecked(markup::chart(&Chart {
                    axes: &axes,
                    before: before_axes.as_deref(),
                    benchmark: medians.as_deref(),
                    label: &ctx.t("results.chart_label"),
                }).into()) }
                // A data table may scroll sideways on a narrow phone (WCAG 1.4.10 exempts it);
                // the region is focusable so keyboard users can scroll it too.
                <div class="gf-table-wrap" role="region" tabindex="0" aria-labelledby="gf-table-caption">
                <table class="gf-table">
                    <caption id="gf-table-caption">{ ctx.t("results.table_caption") }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ ctx.t("results.col_area") }</th>
                            <th scope="col">{ ctx.t("results.col_score") }</th>
                            <th scope="col">{ ctx.t("results.col_stage") }</th>
                            if let Some(snapshot) = snapshot {
                                <th scope="col">{ ctx.fill("results.col_change", &[("date", &format_date(&snapshot.taken_at, &content.lang))]) }</th>
                            }
                            if benchmark.is_some() {
                                <th scope="col">{ ctx.t("results.col_benchmark") }</th>
                            }
                        </tr>
                    </thead>
                    <tbody>
                    { for content.areas.iter().zip(&results.areas).enumerate().map(|(i, (area, result))| {
                        let score = match result.score {
                            Some(score) => score.to_string(),
                            None if result.is_not_relevant() => ctx.t("results.not_relevant"),
                            None => ctx.t("results.no_score"),
                        };
                        let change = changes.as_ref().map(|changes| match changes[i].delta() {
                            Some(0) => "±0".to_owned(),
                            Some(d) if d > 0 => format!("+{d}"),
                            Some(d) => format!("−{}", d.abs()),
                            None => "–".to_owned(),
                        });
                        html! {
                            <tr data-area={area.id.clone()}>
                                <th scope="row">{ &area.title }</th>
                                <td class="gf-num" data-testid="area-score">{ score }</td>
                                <td>{ result.stage.map(|s| stage_name(&ctx, Some(s))).unwrap_or_default() }</td>
                                { for change.map(|c| html! { <td class="gf-num">{ c }</td> }) }
                                if let Some(medians) = &medians {
                                    <td class="gf-num" data-testid="area-benchmark">{ medians[i].map(|m| m.to_string()).unwrap_or_else(|| "–".to_owned()) }</td>
                                }
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
                </div>
            </div>
            if let Some(b) = benchmark {
                <p class="gf-hint" data-testid="benchmark-note">{ ctx.fill("results.benchmark_note", &[
                    ("cluster", &cluster_name(&ctx)),
                    ("members", &b.members.to_string()),
                    ("date", &b.created_at),
                ]) }{ if b.group.is_empty() { String::new() } else { format!(" ({})", b.group) } }</p>
            }

            <div class="gf-actions gf-no-print">
                <button type="button" class="gf-button" onclick={keep}>{ ctx.t("results.keep") }</button>
                <button type="button" class="gf-button gf-secondary" onclick={print}>{ ctx.t("results.print") }</button>
                if ctx.config.share.is_some() {
                    <button type="button" class="gf-button gf-secondary" aria-expanded={sharing.to_string()} onclick={toggle_share}>
                        { ctx.fill("share.open", &[("cluster", &cluster_name(&ctx))]) }
                    </button>
                }
                if ctx.modules.canvas && !results.priorities.is_empty() {
                    <button type="button" class="gf-button gf-secondary" onclick={to_canvas}>{ ctx.t("results.to_canvas") }</button>
                }
            </div>

            if let (true, Some(settings)) = (*sharing, ctx.config.share.clone()) {
                <super::share::SharePanel doc={props.doc.clone()} {settings} cluster={cluster_name(&ctx)} onclose={close_share} />
            }

            <h3>{ ctx.t("results.priorities") }</h3>
            if results.priorities.is_empty() {
                <p>{ ctx.t("results.no_priorities") }</p>
            } else {
                <p>{ ctx.t("results.priorities_intro") }</p>
                <ol class="gf-priorities">
                { for results.priorities.iter().filter_map(|id| {
                    let area = content.area(id)?;
                    let result = results.area(id)?;
                    Some(html! { <li>{ advice(&ctx, area, result, true) }</li> })
                }) }
                </ol>
            }

            { find_out(&ctx, &results.areas) }

            <h3>{ ctx.t("results.all_areas") }</h3>
            { for content.areas.iter().zip(&results.areas)
                .filter(|(area, r)| r.score.is_some() && !results.priorities.contains(&area.id))
                .map(|(area, result)| html! {
                    <details class="gf-area-advice">
                        <summary>{ format!("{} · {}", area.title, stage_name(&ctx, result.stage)) }</summary>
                        { advice(&ctx, area, result, false) }
                    </details>
                }) }
            <p class="gf-credit">{ ctx.t("results.disclaimer") }</p>
            <p class="gf-credit">{ ctx.t("results.reviewed") }</p>
        </div>
    }
}

/// "Don't know" answers, listed so the visitor can find out.
fn find_out(ctx: &Ctx, areas: &[AreaResult]) -> Html {
    let questions: Vec<_> = areas
        .iter()
        .flat_map(|r| r.dont_know.iter())
        .filter_map(|id| ctx.content.question(id))
        .collect();
    if questions.is_empty() {
        return html! {};
    }
    html! {
        <>
            <h3>{ ctx.t("results.find_out") }</h3>
            <p>{ ctx.t("results.find_out_intro") }</p>
            <ul class="gf-find-out">
                { for questions.iter().map(|q| html! { <li>{ &q.text }</li> }) }
            </ul>
        </>
    }
}

/// What to do next in one area, and who helps: the cluster first, then public resources; with
/// the area's name, score and stage as a heading when `heading`. Written as one string of HTML
/// (it has no listeners; src/model/markup.rs): the results show it for up to ten areas.
fn advice(ctx: &Ctx, area: &Area, result: &AreaResult, heading: bool) -> Html {
    let stage = result.stage.unwrap_or(Stage::Starting);
    let offers = ctx.config.offers_for(&area.id, Some(stage));
    let contact = &ctx.config.contact;
    let mut html = String::with_capacity(2048);
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
        put(&mut html, "<h4>", &heading, "</h4>");
    }
    let label = |html: &mut String, text: &str| put(html, "<p class=\"gf-label\">", text, "</p>");
    label(&mut html, &ctx.t("results.next_steps"));
    html.push_str("<ul>");
    for step in area.next_steps.for_stage(stage) {
        put(&mut html, "<li>", step, "</li>");
    }
    html.push_str("</ul>");
    if !offers.is_empty()
        || !contact.email.is_empty()
        || !contact.phone.is_empty()
        || !contact.web.is_empty()
    {
        let cluster = cluster_name(ctx);
        label(
            &mut html,
            &ctx.fill("results.cluster_help", &[("cluster", &cluster)]),
        );
        html.push_str("<ul class=\"gf-offers\">");
        for offer in &offers {
            html.push_str("<li>");
            link_or_text(&mut html, &offer.title, &offer.link);
            let kind = ctx.t(&format!("offer.{}", offer.kind));
            put(&mut html, "<span class=\"gf-kind\"> (", &kind, ")</span>");
            if !offer.description.is_empty() {
                put(&mut html, "<br>", &offer.description, "");
            }
            html.push_str("</li>");
        }
        if offers.is_empty() {
            put(&mut html, "<li>", &ctx.t("results.contact_us"), " ");
            // A space after the e-mail address and the phone number, as the text reads.
            let phone = format!("tel:{}", contact.phone.replace(' ', ""));
            for (text, link, after) in [
                (&contact.email, format!("mailto:{}", contact.email), " "),
                (&contact.phone, phone, " "),
                (&contact.web, contact.web.clone(), ""),
            ] {
                if !text.is_empty() {
                    link_or_text(&mut html, text, &link);
                    html.push_str(after);
                }
            }
            html.push_str("</li>");
        }
        html.push_str("</ul>");
    }
    label(&mut html, &ctx.t("results.public_help"));
    html.push_str("<ul class=\"gf-resources\">");
    for resource in area
        .resources
        .iter()
        .filter_map(|id| ctx.content.resource(id))
    {
        html.push_str("<li>");
        link_or_text(&mut html, &resource.name, &resource.url);
        put(&mut html, ": ", &resource.description, "</li>");
    }
    html.push_str("</ul>");
    if let Some(vsme) = &area.vsme {
        label(&mut html, &ctx.t("selfcheck.vsme"));
        put(&mut html, "<p>", vsme, "</p>");
    }
    html.push_str("</div>");
    Html::from_html_unchecked(html.into())
}

fn cluster_name(ctx: &Ctx) -> String {
    if ctx.config.name.is_empty() {
        ctx.t("results.your_cluster")
    } else {
        ctx.config.name.clone()
    }
}
