//! Scores for known answer sets, computed by hand.

use greenfit::model::answers::{Answer, Answers};
use greenfit::model::content::Content;
use greenfit::model::scoring::{self, Stage};

fn answers(pairs: &[(&str, Answer)]) -> Answers {
    pairs.iter().map(|(q, a)| (q.to_string(), *a)).collect()
}

use Answer::{DontKnow, Level, NotRelevant};

#[test]
fn nothing_answered_has_no_scores_rather_than_zeros() {
    let content = Content::english();
    let results = scoring::score(&content, &Answers::new());
    assert_eq!(results.overall, None);
    assert!(results
        .areas
        .iter()
        .all(|a| a.score.is_none() && a.stage.is_none()));
    assert!(results.priorities.is_empty());
    assert_eq!(results.questions, 49);
    assert_eq!(results.answered, 0);
}

#[test]
fn energy_area_by_hand() {
    // ee-use 4, ee-energy-audit 2, ee-measures 3, ee-renewable-share "don't know" (0), ee-monitor not relevant.
    // Counted: 4 questions, 4+2+3+0 = 9 of 16 points = 56.25 -> 56, stage Established.
    let content = Content::english();
    let results = scoring::score(
        &content,
        &answers(&[
            ("ee-use", Level(4)),
            ("ee-energy-audit", Level(2)),
            ("ee-measures", Level(3)),
            ("ee-renewable-share", DontKnow),
            ("ee-monitor", NotRelevant),
        ]),
    );
    let energy = results.area("energy-efficiency").unwrap();
    assert_eq!(energy.score, Some(56));
    assert_eq!(energy.stage, Some(Stage::Established));
    assert_eq!(energy.answered, 5);
    assert_eq!(energy.not_relevant, 1);
    assert_eq!(energy.dont_know, vec!["ee-renewable-share".to_string()]);
    // The only scored area: overall equals it, and it is the one priority.
    assert_eq!(results.overall, Some(56));
    assert_eq!(results.priorities, vec!["energy-efficiency".to_string()]);
}

#[test]
fn overall_weighs_areas_equally_and_priorities_are_the_weakest_three() {
    // water (4 questions): 1+1+2+0 = 4/16 = 25 -> Progressing
    // waste (5): all 4 = 100 -> Leading (not a priority)
    // carbon (5): 0,0,0,0,1 = 1/20 = 5 -> Starting
    // energy (5): 2,2,2,2,2 = 10/20 = 50 -> Established
    // circular (5): 3,3,3,3,3 = 15/20 = 75 -> Leading (not a priority: 75 is not below 75)
    // investment (5): 1,2,1,2,1 = 7/20 = 35 -> Progressing
    // overall = (25 + 100 + 5 + 50 + 75 + 35) / 6 = 290 / 6 = 48.33 -> 48
    let content = Content::english();
    let mut set = Answers::new();
    let mut put = |ids: &[&str], levels: &[u8]| {
        for (id, level) in ids.iter().zip(levels) {
            set.insert(id.to_string(), Level(*level));
        }
    };
    put(
        &["wc-use", "wc-saving", "wc-wastewater", "wc-risk"],
        &[1, 1, 2, 0],
    );
    put(
        &[
            "wm-measure",
            "wm-sort",
            "wm-hazardous-waste",
            "wm-prevent",
            "wm-packaging",
        ],
        &[4; 5],
    );
    put(
        &["cf-own", "cf-chain", "cf-target", "cf-plan", "cf-share"],
        &[0, 0, 0, 0, 1],
    );
    put(
        &[
            "ee-use",
            "ee-energy-audit",
            "ee-measures",
            "ee-renewable-share",
            "ee-monitor",
        ],
        &[2; 5],
    );
    put(
        &[
            "ce-materials",
            "ce-recycled",
            "ce-design",
            "ce-takeback",
            "ce-byproducts",
        ],
        &[3; 5],
    );
    put(
        &[
            "si-lifetime",
            "si-funding",
            "si-bank",
            "si-data",
            "si-budget",
        ],
        &[1, 2, 1, 2, 1],
    );
    let results = scoring::score(&content, &set);
    let score = |id: &str| results.area(id).unwrap().score;
    assert_eq!(score("water-consumption"), Some(25));
    assert_eq!(score("waste-management"), Some(100));
    assert_eq!(score("carbon-footprint"), Some(5));
    assert_eq!(score("energy-efficiency"), Some(50));
    assert_eq!(score("circular-economy"), Some(75));
    assert_eq!(score("sustainable-investment"), Some(35));
    assert_eq!(score("sustainable-innovation"), None);
    assert_eq!(results.overall, Some(48));
    assert_eq!(results.overall_stage, Some(Stage::Progressing));
    assert_eq!(
        results.priorities,
        vec![
            "carbon-footprint",
            "water-consumption",
            "sustainable-investment"
        ]
    );
    assert_eq!(results.answered, 29);
}

#[test]
fn an_area_answered_only_not_relevant_is_left_out() {
    let content = Content::english();
    let set = answers(&[
        ("wc-use", NotRelevant),
        ("wc-saving", NotRelevant),
        ("ee-use", Level(1)),
    ]);
    let results = scoring::score(&content, &set);
    let water = results.area("water-consumption").unwrap();
    assert!(water.is_not_relevant());
    assert_eq!(water.score, None);
    // Energy: 1 of 4 = 25.
    assert_eq!(results.overall, Some(25));
    assert_eq!(results.priorities, vec!["energy-efficiency"]);
}

#[test]
fn dont_know_counts_as_zero() {
    let content = Content::english();
    let set = answers(&[("cf-own", DontKnow), ("cf-chain", Level(4))]);
    let carbon = scoring::score(&content, &set);
    assert_eq!(carbon.area("carbon-footprint").unwrap().score, Some(50));
}

#[test]
fn stage_boundaries() {
    assert_eq!(Stage::from_score(0), Stage::Starting);
    assert_eq!(Stage::from_score(24), Stage::Starting);
    assert_eq!(Stage::from_score(25), Stage::Progressing);
    assert_eq!(Stage::from_score(49), Stage::Progressing);
    assert_eq!(Stage::from_score(50), Stage::Established);
    assert_eq!(Stage::from_score(74), Stage::Established);
    assert_eq!(Stage::from_score(75), Stage::Leading);
    assert_eq!(Stage::from_score(100), Stage::Leading);
}

#[test]
fn rounding_is_half_up() {
    // 3 of 8 points = 37.5 -> 38 (water: two questions at levels 2 and 1).
    let content = Content::english();
    let set = answers(&[("wc-use", Level(2)), ("wc-saving", Level(1))]);
    let results = scoring::score(&content, &set);
    assert_eq!(results.area("water-consumption").unwrap().score, Some(38));
}

/// Answers to the five questions of an area, with these levels.
fn area_levels(ids: [&str; 5], levels: [u8; 5]) -> Vec<(&str, Answer)> {
    ids.into_iter()
        .zip(levels)
        .map(|(id, level)| (id, Level(level)))
        .collect()
}

const RBM: [&str; 5] = [
    "rbm-risks",
    "rbm-suppliers",
    "rbm-customers",
    "rbm-revenue",
    "rbm-goals",
];
const GBP: [&str; 5] = [
    "gbp-map",
    "gbp-purchasing",
    "gbp-transport",
    "gbp-staff",
    "gbp-management-system",
];
const CE: [&str; 5] = [
    "ce-materials",
    "ce-recycled",
    "ce-design",
    "ce-takeback",
    "ce-byproducts",
];
const EE: [&str; 5] = [
    "ee-use",
    "ee-energy-audit",
    "ee-measures",
    "ee-renewable-share",
    "ee-monitor",
];

#[test]
fn exact_halves_of_the_overall_score_round_up() {
    // The review's cases, which floating point rounded down. Areas at exactly 20 and 95
    // average 57.5: the overall is 58.
    let content = Content::english();
    let mut set = area_levels(RBM, [1, 1, 1, 1, 0]); // 4 of 20 = 20
    set.extend(area_levels(GBP, [4, 4, 4, 4, 3])); // 19 of 20 = 95
    let results = scoring::score(&content, &answers(&set));
    assert_eq!(
        results.area("resilient-business-models").unwrap().score,
        Some(20)
    );
    assert_eq!(
        results.area("greening-business-processes").unwrap().score,
        Some(95)
    );
    assert_eq!(results.overall, Some(58));

    // Unrounded areas at 37.5, 50, 10, 10 and 15 average 24.5: 25, so "progressing".
    let mut set = vec![("wc-use", Level(2)), ("wc-saving", Level(1))]; // 3 of 8 = 37.5
    set.extend(area_levels(RBM, [2, 2, 2, 2, 2])); // 10 of 20 = 50
    set.extend(area_levels(GBP, [1, 1, 0, 0, 0])); // 2 of 20 = 10
    set.extend(area_levels(CE, [2, 0, 0, 0, 0])); // 2 of 20 = 10
    set.extend(area_levels(EE, [1, 1, 1, 0, 0])); // 3 of 20 = 15
    let results = scoring::score(&content, &answers(&set));
    assert_eq!(results.area("water-consumption").unwrap().score, Some(38));
    assert_eq!(results.overall, Some(25));
    assert_eq!(results.overall_stage, Some(scoring::Stage::Progressing));
}

#[test]
fn every_exact_half_rounds_up() {
    use greenfit::model::scoring::Fraction;
    // n / 200 for every odd n is an exact half of a percent.
    for n in (1..200u128).step_by(2) {
        assert_eq!(
            u128::from(Fraction::new(n, 200).percent()),
            n / 2 + 1,
            "{n}/200"
        );
    }
    assert_eq!(Fraction::new(1, 3).percent(), 33);
    assert_eq!(Fraction::new(2, 3).percent(), 67);
    assert_eq!(Fraction::new(1, 1).percent(), 100);
    assert_eq!(Fraction::new(0, 7).percent(), 0);
}

#[test]
fn equal_scores_keep_the_content_order_in_priorities() {
    let content = Content::english();
    let set = answers(&[
        ("ee-use", Level(1)),
        ("rbm-risks", Level(1)),
        ("wc-use", Level(1)),
    ]);
    let results = scoring::score(&content, &set);
    assert_eq!(
        results.priorities,
        vec![
            "resilient-business-models",
            "energy-efficiency",
            "water-consumption"
        ]
    );
}

#[test]
fn comparison_shows_the_change_per_area() {
    let content = Content::english();
    let before = scoring::score(&content, &answers(&[("ee-use", Level(1))]));
    let now = scoring::score(
        &content,
        &answers(&[("ee-use", Level(3)), ("wc-use", Level(2))]),
    );
    let changes = scoring::compare(&before, &now);
    let change = |id: &str| changes.iter().find(|c| c.area == id).unwrap().clone();
    assert_eq!(change("energy-efficiency").delta(), Some(50));
    assert_eq!(change("water-consumption").before, None);
    assert_eq!(change("water-consumption").delta(), None);
}

/// The answer set that tests/e2e/selfcheck.test.mjs enters through the UI: the n-th question
/// of the questionnaire (from 0) gets level n % 7 for 0 to 4, "not relevant" for 5 and
/// "don't know" for 6. The e2e test checks that the widget shows exactly these numbers.
#[test]
fn the_answer_set_of_the_end_to_end_test() {
    let content = Content::english();
    let set: Answers = content
        .areas
        .iter()
        .flat_map(|a| a.questions.iter())
        .enumerate()
        .map(|(n, q)| {
            let answer = match n % 7 {
                5 => NotRelevant,
                6 => DontKnow,
                level => Level(level as u8),
            };
            (q.id.clone(), answer)
        })
        .collect();
    let results = scoring::score(&content, &set);
    let scores: Vec<_> = results.areas.iter().map(|a| a.score.unwrap()).collect();
    // By hand, e.g. business models: levels 0+1+2+3+4 = 10 of 20 = 50; processes: not relevant,
    // don't know (0), 0, 1, 2 = 3 of 16 = 18.75 -> 19.
    assert_eq!(scores, [50, 19, 44, 63, 30, 31, 56, 50, 19, 58]);
    // (10/20 + 3/16 + 7/16 + 10/16 + 6/20 + 5/16 + 9/16 + 10/20 + 3/16 + 7/12) / 10 = 41.96
    assert_eq!(results.overall, Some(42));
    assert_eq!(
        results.priorities,
        [
            "greening-business-processes",
            "waste-management",
            "sustainable-investment"
        ]
    );
}

#[test]
fn the_radar_geometry_starts_at_the_top_and_goes_clockwise() {
    use greenfit::model::geometry::{point, polygon};
    assert_eq!(point(0, 4, 1.0), (200, 75));
    assert_eq!(point(1, 4, 1.0), (325, 200));
    assert_eq!(point(2, 4, 0.5), (200, 263));
    assert_eq!(point(3, 4, 0.0), (200, 200));
    assert_eq!(
        polygon([Some(100), None, Some(50), Some(0)].into_iter(), 4),
        "200,75 200,200 200,263 200,200"
    );
}
