//! Getting plans in and reports out: the plan parser, the unit rules, and
//! the default board built from the sample plan.

pub mod generate;
pub mod json;
pub mod plan;
pub mod rules;
pub mod sample;
