//! The area picker (`app/overlay/pick_area.rs`) draws nothing over the
//! view: its question ("press 0–8") takes the status bar's hints
//! (`Layer::status`, drawn by `ui/bars.rs`).

use ratatui::Frame;

use super::{Canvas, Draw};
use crate::app::overlay::pick_area::PickArea;

impl Draw for PickArea {
    fn draw(&self, _f: &mut Frame, _c: &Canvas) {}
}
