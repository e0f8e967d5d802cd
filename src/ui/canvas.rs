//! The value-proposition canvas editor.

use yew::prelude::*;

use super::use_ctx;
use crate::model::answers::Answers;
use crate::model::canvas::Canvas;

#[derive(Properties, PartialEq)]
pub struct CanvasViewProps {
    pub canvases: Vec<Canvas>,
    pub current: Option<String>,
    pub can_undo: bool,
    pub answers: Answers,
}

#[function_component]
pub fn CanvasView(_props: &CanvasViewProps) -> Html {
    let ctx = use_ctx();
    html! { <h2 tabindex="-1" data-focus="">{ ctx.t("canvas.title") }</h2> }
}
