//! The plan's details kept with the board: its number, date, commune,
//! year, title and target, as the plan document gives them; and who signs
//! the reports sent up on it.

use serde::{Deserialize, Serialize};

/// Plan details kept with the board.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardMeta {
    /// "05/KH-UBND"
    pub number: String,
    /// Issue date as written, dd/mm/yyyy.
    pub date: String,
    /// "Hòa Phong"
    pub commune: String,
    pub year: i32,
    pub title: String,
    /// "tăng bậc so với năm 2024"
    pub target: String,
    /// Who signs the reports and where they go. Added in schema 3.
    #[serde(default)]
    pub signing: super::signing::Signing,
}
