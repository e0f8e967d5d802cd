//! A radar chart of the area scores, drawn as SVG. Decorative for screen readers: the results
//! table next to it carries the same numbers.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RadarProps {
    /// Label and score (0 to 100) per axis; `None` is drawn at the centre and marked.
    pub axes: Vec<(String, Option<u8>)>,
    /// Scores of an earlier result, drawn as a dashed outline.
    #[prop_or_default]
    pub before: Option<Vec<Option<u8>>>,
    /// The cluster's median per area, drawn as a dotted outline.
    #[prop_or_default]
    pub benchmark: Option<Vec<Option<u8>>>,
    pub label: String,
}

use crate::model::geometry::{point, polygon};

#[function_component]
pub fn Radar(props: &RadarProps) -> Html {
    let count = props.axes.len().max(3);
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
