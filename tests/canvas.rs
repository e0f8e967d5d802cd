//! The value-proposition canvas: edits, links and the fit check.

use greenfit::model::canvas::{
    self, check_all, fresh_canvas_id, Block, Canvas, EditError, Item, Warning,
};

fn canvas() -> Canvas {
    Canvas::new("canvas-1".into(), "Test")
}

#[test]
fn items_are_trimmed_limited_and_never_empty() {
    let mut c = canvas();
    assert_eq!(c.add(Block::Jobs, "   "), Err(EditError::Empty));
    assert_eq!(
        c.add(Block::Jobs, &"x".repeat(201)),
        Err(EditError::TooLong)
    );
    let id = c.add(Block::Jobs, "  Keep costs down  ").unwrap();
    assert_eq!(c.item(Block::Jobs, &id).unwrap().text, "Keep costs down");
    assert_eq!(c.edit(Block::Jobs, &id, " "), Err(EditError::Empty));
    c.edit(Block::Jobs, &id, "Keep energy costs down").unwrap();
    assert_eq!(c.jobs[0].text, "Keep energy costs down");
    for n in 1..canvas::MAX_ITEMS {
        c.add(Block::Jobs, &format!("job {n}")).unwrap();
    }
    assert_eq!(c.add(Block::Jobs, "one too many"), Err(EditError::Full));
}

#[test]
fn ids_stay_unique_after_deleting_the_highest_and_after_crafted_ids() {
    let mut c = canvas();
    c.add(Block::Pains, "a").unwrap();
    let b = c.add(Block::Pains, "b").unwrap();
    c.remove(Block::Pains, &b).unwrap();
    c.add(Block::Pains, "d").unwrap();
    let ids: Vec<&str> = c.pains.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(
        ids,
        ["p1", "p2"],
        "the highest id is free again once its item is gone"
    );
    assert!(check_all(std::slice::from_ref(&c)).is_ok());

    // A file may carry any ids: the next one never overflows and never repeats.
    for crafted in [
        vec!["p4294967295", "p0"],
        vec!["p18446744073709551615", "p1", "p2"],
        vec!["p+3", "p4"],
        vec!["p007", "p8"],
    ] {
        let mut c = canvas();
        for id in &crafted {
            c.pains.push(Item {
                id: (*id).into(),
                text: "x".into(),
                importance: 2,
                links: vec![],
            });
        }
        let new = c.add(Block::Pains, "new").unwrap();
        assert!(!crafted.contains(&new.as_str()), "{crafted:?} gave {new}");
        assert!(check_all(&[c]).is_ok(), "{crafted:?}");
    }
    let crafted = [
        Canvas::new("canvas-18446744073709551615".into(), "a"),
        Canvas::new("canvas-1".into(), "b"),
    ];
    assert_eq!(fresh_canvas_id(&crafted, ["canvas-2"]), "canvas-3");
}

#[test]
fn ids_stay_unique_after_deletions() {
    let mut c = canvas();
    let a = c.add(Block::Pains, "a").unwrap();
    let b = c.add(Block::Pains, "b").unwrap();
    c.remove(Block::Pains, &a).unwrap();
    let d = c.add(Block::Pains, "d").unwrap();
    assert_ne!(d, b);
    assert_eq!((a.as_str(), b.as_str(), d.as_str()), ("p1", "p2", "p3"));
}

#[test]
fn reordering_moves_within_the_block_and_stops_at_the_ends() {
    let mut c = canvas();
    let ids: Vec<_> = ["a", "b", "c"]
        .iter()
        .map(|t| c.add(Block::Gains, t).unwrap())
        .collect();
    c.shift(Block::Gains, &ids[2], -1).unwrap();
    let order = |c: &Canvas| c.gains.iter().map(|i| i.text.clone()).collect::<Vec<_>>();
    assert_eq!(order(&c), ["a", "c", "b"]);
    c.shift(Block::Gains, &ids[0], -5).unwrap();
    assert_eq!(order(&c), ["a", "c", "b"]);
    c.shift(Block::Gains, &ids[0], 9).unwrap();
    assert_eq!(order(&c), ["c", "b", "a"]);
}

#[test]
fn deleting_a_pain_removes_the_links_to_it() {
    let mut c = canvas();
    let pain = c.add(Block::Pains, "Bills").unwrap();
    let other = c.add(Block::Pains, "Time").unwrap();
    let reliever = c.add(Block::Relievers, "Audit").unwrap();
    c.set_link(Block::Relievers, &reliever, &pain, true)
        .unwrap();
    c.set_link(Block::Relievers, &reliever, &other, true)
        .unwrap();
    c.remove(Block::Pains, &pain).unwrap();
    assert_eq!(c.relievers[0].links, vec![other]);
}

#[test]
fn links_only_go_from_relievers_to_pains_and_creators_to_gains() {
    let mut c = canvas();
    let pain = c.add(Block::Pains, "Bills").unwrap();
    let gain = c.add(Block::Gains, "Savings").unwrap();
    let reliever = c.add(Block::Relievers, "Audit").unwrap();
    assert_eq!(
        c.set_link(Block::Relievers, &reliever, &gain, true),
        Err(EditError::NotFound)
    );
    assert_eq!(
        c.set_link(Block::Jobs, "j1", &pain, true),
        Err(EditError::NotFound)
    );
    c.set_link(Block::Relievers, &reliever, &pain, true)
        .unwrap();
    c.set_link(Block::Relievers, &reliever, &pain, true)
        .unwrap();
    assert_eq!(
        c.relievers[0].links.len(),
        1,
        "linking twice keeps one link"
    );
    c.set_link(Block::Relievers, &reliever, &pain, false)
        .unwrap();
    assert!(c.relievers[0].links.is_empty());
}

#[test]
fn importance_is_for_pains_and_gains_from_one_to_three() {
    let mut c = canvas();
    let pain = c.add(Block::Pains, "Bills").unwrap();
    assert_eq!(c.pains[0].importance, canvas::DEFAULT_IMPORTANCE);
    assert!(c.set_importance(Block::Pains, &pain, 4).is_err());
    let job = c.add(Block::Jobs, "Job").unwrap();
    assert!(c.set_importance(Block::Jobs, &job, 3).is_err());
    c.set_importance(Block::Pains, &pain, 3).unwrap();
    assert_eq!(c.pains[0].importance, 3);
}

#[test]
fn the_fit_weighs_addressed_pains_and_gains_by_importance() {
    // Pains: high (3, relieved), medium (2, not), low (1, relieved). Gains: high (3, not).
    // Covered 3 + 1 = 4 of 3 + 2 + 1 + 3 = 9 -> 44.4 -> 44.
    let mut c = canvas();
    c.add(Block::Jobs, "Run a bakery").unwrap();
    c.add(Block::Products, "Oven check").unwrap();
    let high = c.add(Block::Pains, "Bills").unwrap();
    let medium = c.add(Block::Pains, "Time").unwrap();
    let low = c.add(Block::Pains, "Paperwork").unwrap();
    let gain = c.add(Block::Gains, "Savings").unwrap();
    c.set_importance(Block::Pains, &high, 3).unwrap();
    c.set_importance(Block::Pains, &low, 1).unwrap();
    c.set_importance(Block::Gains, &gain, 3).unwrap();
    let r = c.add(Block::Relievers, "Audit").unwrap();
    c.set_link(Block::Relievers, &r, &high, true).unwrap();
    c.set_link(Block::Relievers, &r, &low, true).unwrap();
    let idle = c.add(Block::Creators, "Newsletter").unwrap();
    let fit = canvas::fit(&c);
    assert_eq!(fit.score, Some(44));
    assert_eq!(fit.addressed, vec![high.clone(), low]);
    assert_eq!(fit.unaddressed, vec![medium, gain]);
    assert_eq!(fit.idle, vec![idle]);
    assert_eq!(
        fit.warnings,
        vec![
            Warning::TopGainUncreated("Savings".into()),
            Warning::IdleCreator("Newsletter".into()),
        ]
    );
}

#[test]
fn the_top_pain_without_a_reliever_is_named_first() {
    let mut c = canvas();
    let first = c.add(Block::Pains, "Bills").unwrap();
    let top = c.add(Block::Pains, "Staff shortage").unwrap();
    let also_high = c.add(Block::Pains, "Rules").unwrap();
    c.set_importance(Block::Pains, &first, 1).unwrap();
    c.set_importance(Block::Pains, &top, 3).unwrap();
    c.set_importance(Block::Pains, &also_high, 3).unwrap();
    let fit = canvas::fit(&c);
    assert_eq!(fit.score, Some(0));
    assert!(fit
        .warnings
        .contains(&Warning::TopPainUnrelieved("Staff shortage".into())));
    assert!(fit
        .warnings
        .contains(&Warning::PainUnrelieved("Rules".into())));
    assert!(fit.warnings.contains(&Warning::NoJobs));
    assert!(fit.warnings.contains(&Warning::NoProducts));
    // Relieving it makes the warning go away and the fit rise: 3 of 7 -> 43.
    let r = c.add(Block::Relievers, "Training").unwrap();
    c.set_link(Block::Relievers, &r, &top, true).unwrap();
    let fit = canvas::fit(&c);
    assert_eq!(fit.score, Some(43));
    assert!(!fit
        .warnings
        .iter()
        .any(|w| matches!(w, Warning::TopPainUnrelieved(_))));
}

#[test]
fn an_empty_canvas_has_no_fit_score() {
    assert_eq!(canvas::fit(&canvas()).score, None);
}

#[test]
fn a_duplicate_keeps_items_and_links() {
    let mut c = canvas();
    let pain = c.add(Block::Pains, "Bills").unwrap();
    let r = c.add(Block::Relievers, "Audit").unwrap();
    c.set_link(Block::Relievers, &r, &pain, true).unwrap();
    let copy = c.duplicate("canvas-2".into(), "Copy");
    assert_eq!(copy.relievers[0].links, vec![pain]);
    assert_eq!(canvas::fit(&copy), canvas::fit(&c));
}

#[test]
fn a_canvas_from_self_check_results_starts_with_high_pains() {
    let c = Canvas::with_pains(
        "From results",
        &["Weak in energy".into(), "Weak in water".into()],
    );
    assert_eq!(c.pains.len(), 2);
    assert!(c.pains.iter().all(|p| p.importance == 3));
}

#[test]
fn the_example_canvas_is_valid_and_fits_as_documented() {
    let example: Canvas =
        greenfit::model::json::from_str(include_str!("../src/content/example-canvas.en.json"))
            .unwrap();
    canvas::check_all(std::slice::from_ref(&example)).unwrap();
    // Pains 3 + 2 + 2 all relieved; gains: only the medium one created. 9 of 12 = 75.
    assert_eq!(canvas::fit(&example).score, Some(75));
}
