//! Geometry of the radar charts (the widget's results and the cluster's dashboard): points on
//! the axes in whole SVG units, without floating-point formatting or libm trigonometry.

/// The centre of the chart in SVG units (the view box is laid out around it).
pub const CENTRE: f32 = 200.0;
pub const RADIUS: f32 = 125.0;

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
pub fn point(index: usize, count: usize, fraction: f32) -> (i32, i32) {
    let angle = -std::f32::consts::FRAC_PI_2 + std::f32::consts::TAU * index as f32 / count as f32;
    let (sin, cos) = sin_cos(angle);
    (
        (CENTRE + RADIUS * fraction * cos).round() as i32,
        (CENTRE + RADIUS * fraction * sin).round() as i32,
    )
}

pub fn polygon(scores: impl Iterator<Item = Option<u8>>, count: usize) -> String {
    scores
        .enumerate()
        .map(|(i, score)| {
            let (x, y) = point(i, count, f32::from(score.unwrap_or(0)) / 100.0);
            format!("{x},{y}")
        })
        .collect::<Vec<_>>()
        .join(" ")
}
