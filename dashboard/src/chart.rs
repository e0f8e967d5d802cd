//! The dashboard's two charts, drawn as SVG: the members' scores per area (a dot for each
//! member over a box from the lower to the upper quartile, a bar at the median), and a radar of
//! the medians. Both are images for screen readers with a short label; the tables beside them
//! carry the numbers.

use greenfit::model::dashboard::Spread;
use greenfit::model::geometry::{point, polygon};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct StripProps {
    /// Per area: label, the members' scores, their spread.
    pub rows: Vec<(String, Vec<u8>, Option<Spread>)>,
    pub label: String,
}

const LEFT: i32 = 190;
/// Above this many members a dot per member would be a blur (and slow): the strip shows the
/// range as a line instead.
pub const MAX_DOTS: usize = 150;
const WIDTH: i32 = 400;
const ROW: i32 = 30;

/// x position of a score (0 to 100), in quarter points so quartiles land exactly.
fn x(score: f64) -> String {
    let quarters = (score * 4.0).round() as i32;
    (LEFT + quarters * WIDTH / 400).to_string()
}

#[function_component]
pub fn Strip(props: &StripProps) -> Html {
    let height = ROW * props.rows.len() as i32 + 30;
    html! {
        <svg class="gd-strip" viewBox={format!("0 0 {} {height}", LEFT + WIDTH + 20)} role="img" aria-label={props.label.clone()}>
            { for [0, 25, 50, 75, 100].iter().map(|tick| html! {
                <>
                    <line class="gd-grid" x1={x(f64::from(*tick))} x2={x(f64::from(*tick))} y1="0" y2={(height - 20).to_string()} />
                    <text class="gd-tick" x={x(f64::from(*tick))} y={(height - 5).to_string()} text-anchor="middle">{ tick }</text>
                </>
            }) }
            { for props.rows.iter().enumerate().map(|(i, (label, scores, spread))| {
                let middle = ROW * i as i32 + ROW / 2;
                html! {
                    <g>
                        <text class="gd-row-label" x={(LEFT - 10).to_string()} y={(middle + 5).to_string()} text-anchor="end">{ label }</text>
                        if let Some(s) = spread {
                            <rect class="gd-box" x={x(s.q1)} y={(middle - 9).to_string()}
                                width={((s.q3 - s.q1) * f64::from(WIDTH) / 100.0).round().max(1.0).to_string()} height="18" />
                            <line class="gd-median" x1={x(s.median)} x2={x(s.median)} y1={(middle - 12).to_string()} y2={(middle + 12).to_string()} />
                        }
                        if scores.len() > MAX_DOTS {
                            if let Some(s) = spread {
                                <line class="gd-range" x1={x(s.min)} x2={x(s.max)} y1={middle.to_string()} y2={middle.to_string()} />
                            }
                        }
                        { for scores.iter().filter(|_| scores.len() <= MAX_DOTS).enumerate().map(|(j, score)| {
                            // Three lanes, so that equal scores stay visible as several dots.
                            let lane = (j % 3) as i32 * 5 - 5;
                            html! { <circle class="gd-dot" cx={x(f64::from(*score))} cy={(middle + lane).to_string()} r="3" /> }
                        }) }
                    </g>
                }
            }) }
        </svg>
    }
}

#[derive(Properties, PartialEq)]
pub struct RadarProps {
    pub axes: Vec<(String, Option<u8>)>,
    pub label: String,
}

#[function_component]
pub fn MedianRadar(props: &RadarProps) -> Html {
    let count = props.axes.len().max(3);
    let rings = [25, 50, 75, 100].map(|score| polygon((0..count).map(|_| Some(score)), count));
    html! {
        <svg class="gd-radar" viewBox="-110 30 620 345" role="img" aria-label={props.label.clone()}>
            { for rings.iter().map(|ring| html! { <polygon class="gd-ring" points={ring.clone()} /> }) }
            { for (0..count).map(|i| {
                let (x, y) = point(i, count, 1.0);
                html! { <line class="gd-axis" x1="200" y1="200" x2={x.to_string()} y2={y.to_string()} /> }
            }) }
            <polygon class="gd-shape" points={polygon(props.axes.iter().map(|(_, s)| *s), count)} />
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
                html! { <text class="gd-label" x={x.to_string()} y={(y + 4).to_string()} text-anchor={anchor}>{ text }</text> }
            }) }
        </svg>
    }
}
