//! A radar chart of the area scores, drawn as SVG. Decorative for screen readers: the results
//! table next to it carries the same numbers.

use yew::prelude::*;

/// What the chart shows.
pub struct RadarProps {
    /// Label and score (0 to 100) per axis; `None` is drawn at the centre and marked.
    pub axes: Vec<(String, Option<u8>)>,
    /// Scores of an earlier result, drawn as a dashed outline.
    pub before: Option<Vec<Option<u8>>>,
    /// The cluster's median per area, drawn as a dotted outline.
    pub benchmark: Option<Vec<Option<u8>>>,
    pub label: String,
}

use crate::model::geometry::{point, polygon};

/// The chart. A plain function, not a component: it renders with the results, whose scores it
/// shows, and a component only added code.
pub fn radar(props: &RadarProps) -> Html {
    // A radar needs three axes to be a shape: fewer areas (a cluster turned the others off) are
    // drawn as bars, with the same marks.
    if props.axes.len() < 3 {
        return bars(props);
    }
    let count = props.axes.len();
    let rings = [25, 50, 75, 100].map(|score| polygon((0..count).map(|_| Some(score)), count));
    html! {
        // The view box leaves room for the labels around the circle, in any language.
        <svg class="gf-radar" viewBox="-110 30 620 345" role="img" aria-label={props.label.clone()}>
            { for rings.iter().map(|ring| html! { <polygon class="gf-radar-ring" points={ring.clone()} /> }) }
            { for (0..count).map(|i| {
                let (x, y) = point(i, count, 1.0);
                html! { <line class="gf-radar-axis" x1="200" y1="200" x2={x.to_string()} y2={y.to_string()} /> }
            }) }
            if let Some(before) = &props.before {
                <polygon class="gf-radar-before" points={polygon(before.iter().copied(), count)} />
            }
            if let Some(medians) = &props.benchmark {
                <polygon class="gf-radar-benchmark" points={polygon(medians.iter().copied(), count)} />
            }
            <polygon class="gf-radar-shape" points={polygon(props.axes.iter().map(|(_, s)| *s), count)} />
            { for props.axes.iter().enumerate().map(|(i, (label, score))| {
                let (x, y) = point(i, count, 1.18);
                let anchor = match x - 200 {
                    -19..=19 => "middle",
                    d if d > 0 => "start",
                    _ => "end",
                };
                let text = match score {
                    Some(score) => format!("{label} {score}"),
                    None => format!("{label} –"),
                };
                html! {
                    <text class="gf-radar-label" x={x.to_string()} y={(y + 4).to_string()} text-anchor={anchor}>
                        { text }
                    </text>
                }
            }) }
        </svg>
    }
}

/// One bar per area, 0 to 100 across, with the earlier result and the cluster's median as
/// ticks on the bar.
fn bars(props: &RadarProps) -> Html {
    const ROW: usize = 56;
    let tick = |class: &'static str, score: Option<u8>, top: usize| {
        score.map(|score| {
            let x = (u32::from(score) * 4).to_string();
            html! {
                <line class={class} x1={x.clone()} x2={x} y1={(top + 18).to_string()} y2={(top + 46).to_string()} />
            }
        })
    };
    let height = props.axes.len() * ROW + 4;
    html! {
        <svg class="gf-radar gf-bars" viewBox={format!("-2 0 404 {height}")} role="img" aria-label={props.label.clone()}>
            { for props.axes.iter().enumerate().map(|(i, (label, score))| {
                let top = i * ROW;
                let width = u32::from(score.unwrap_or(0)) * 4;
                let text = match score {
                    Some(score) => format!("{label} {score}"),
                    None => format!("{label} –"),
                };
                let at = |list: &Option<Vec<Option<u8>>>| list.as_ref().and_then(|l| l.get(i).copied().flatten());
                html! {
                    <g>
                        <text class="gf-radar-label" x="0" y={(top + 14).to_string()}>{ text }</text>
                        <rect class="gf-bar-track" x="0" y={(top + 22).to_string()} width="400" height="20" />
                        <rect class="gf-radar-shape" x="0" y={(top + 22).to_string()} width={width.to_string()} height="20" />
                        { for tick("gf-radar-before", at(&props.before), top) }
                        { for tick("gf-radar-benchmark", at(&props.benchmark), top) }
                    </g>
                }
            }) }
        </svg>
    }
}
