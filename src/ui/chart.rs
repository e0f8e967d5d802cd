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
    pub label: String,
}

const CENTRE: f32 = 200.0;
const RADIUS: f32 = 125.0;

/// Sine and cosine by Taylor series around 0, for angles folded into [-pi, pi]: accurate to
/// well under a pixel here, and it keeps the software trigonometry of libm out of the wasm.
fn sin_cos(angle: f32) -> (f32, f32) {
    use std::f32::consts::{PI, TAU};
    let mut a = angle % TAU;
    if a > PI {
        a -= TAU;
    } else if a < -PI {
        a += TAU;
    }
    // Fold into [-pi/2, pi/2], where the series converges fast.
    let (a, flip) = if a > PI / 2.0 {
        (PI - a, true)
    } else if a < -PI / 2.0 {
        (-PI - a, true)
    } else {
        (a, false)
    };
    let a2 = a * a;
    let sin = a * (1.0 - a2 / 6.0 * (1.0 - a2 / 20.0 * (1.0 - a2 / 42.0 * (1.0 - a2 / 72.0))));
    let cos = 1.0 - a2 / 2.0 * (1.0 - a2 / 12.0 * (1.0 - a2 / 30.0 * (1.0 - a2 / 56.0)));
    (sin, if flip { -cos } else { cos })
}

/// The point at `fraction` of the radius on axis `index`, in whole SVG units.
fn point(index: usize, count: usize, fraction: f32) -> (i32, i32) {
    let angle = -std::f32::consts::FRAC_PI_2 + std::f32::consts::TAU * index as f32 / count as f32;
    let (sin, cos) = sin_cos(angle);
    (
        (CENTRE + RADIUS * fraction * cos).round() as i32,
        (CENTRE + RADIUS * fraction * sin).round() as i32,
    )
}

fn polygon(scores: impl Iterator<Item = Option<u8>>, count: usize) -> String {
    scores
        .enumerate()
        .map(|(i, score)| {
            let (x, y) = point(i, count, f32::from(score.unwrap_or(0)) / 100.0);
            format!("{x},{y}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

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
