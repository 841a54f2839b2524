//! papi-board: a terminal task board for a commune's PAPI improvement plan.
//!
//! Layers, each importing only those below it:
//! `domain` (pure rules) ← `store` (sled), `transfer` (plans in, reports out)
//! ← `app` (state and update, no I/O) ← `ui` (drawing) ← `term` (terminal
//! drivers) ← `cli` (the command line). `config` (the user's settings
//! file) sits between `ui` and `term`: it turns the file into a key table
//! and the settings a board session starts with.

pub mod app;
pub mod cli;
pub mod config;
pub mod domain;
pub mod i18n;
pub mod store;
pub mod term;
pub mod transfer;
pub mod ui;
