//! `papi-board scores`: record, list and clear the published PAPI score of
//! each dimension per year. Arguments are read here (not by clap) so that
//! a typo gets a plain message in the user's language; a refused change
//! writes nothing.

use clap::Subcommand;
use serde_json::json;

use crate::app::views::{area_label, describe_score};
use crate::domain::area::AreaId;
use crate::domain::board::Refusal;
use crate::domain::command::Command;
use crate::domain::score::{
    Scores, format_score, is_dimension, latest_year, of_year, parse_score, valid_year,
};
use crate::i18n::S;

use std::io::Write;

use crate::store::Store;

use super::{Env, Fail};

#[derive(Subcommand, Debug, serde::Serialize, serde::Deserialize)]
pub enum ScoresCmd {
    /// Record a score: `scores set 2024 8 3,05` (dimension 1–8, score 1–10)
    Set {
        #[arg(allow_hyphen_values = true)]
        year: String,
        #[arg(allow_hyphen_values = true)]
        dim: String,
        #[arg(allow_hyphen_values = true)]
        score: String,
    },
    /// List the recorded scores, one row per year
    List {
        #[arg(long)]
        json: bool,
    },
    /// Remove a recorded score: `scores clear 2024 8`
    Clear {
        #[arg(allow_hyphen_values = true)]
        year: String,
        #[arg(allow_hyphen_values = true)]
        dim: String,
    },
}

fn year_arg(s: &str, env: &Env) -> Result<i32, Fail> {
    s.trim()
        .parse()
        .map_err(|_| Fail(format!("{}: {s}", S::ScoreArgYear.t(env.lang))))
}

fn dim_arg(s: &str, env: &Env) -> Result<u8, Fail> {
    s.trim()
        .parse()
        .map_err(|_| Fail(format!("{}: {s}", S::ScoreArgDim.t(env.lang))))
}

pub fn run(env: &Env, cmd: ScoresCmd, store: &mut Store, out: &mut dyn Write) -> Result<(), Fail> {
    match cmd {
        ScoresCmd::Set { year, dim, score } => {
            let year = year_arg(&year, env)?;
            let area = dim_arg(&dim, env)?;
            let score = parse_score(&score)
                .ok_or_else(|| Fail(format!("{}: {score}", S::ScoreInvalid.t(env.lang))))?;
            change(env, year, area, Some(score), store, out)
        }
        ScoresCmd::Clear { year, dim } => {
            let year = year_arg(&year, env)?;
            let area = dim_arg(&dim, env)?;
            change(env, year, area, None, store, out)
        }
        ScoresCmd::List { json } => {
            list(env, &store.board().scores, json, out);
            Ok(())
        }
    }
}

fn change(
    env: &Env,
    year: i32,
    area: u8,
    score: Option<u16>,
    store: &mut Store,
    out: &mut dyn Write,
) -> Result<(), Fail> {
    let area = AreaId::from(area);
    if !valid_year(year) {
        return Err(Fail(Refusal::BadYear(year).message(env.lang)));
    }
    if !is_dimension(area) {
        return Err(Fail(Refusal::NotADimension(area).message(env.lang)));
    }
    if score.is_none() && !store.board().scores.contains_key(&(year, area)) {
        return Err(Fail(format!(
            "{} {year} · {area}",
            S::ScoreNone.t(env.lang)
        )));
    }
    store
        .apply(Command::SetScore { year, area, score }, &env.ctx())
        .map_err(|e| Fail(e.message(env.lang)))?;
    writeln!(
        out,
        "{}: {}",
        S::MsgSaved.t(env.lang),
        describe_score(year, area, score, env.lang)
    )
    .ok();
    Ok(())
}

fn list(env: &Env, scores: &Scores, json: bool, out: &mut dyn Write) {
    if json {
        let v: Vec<serde_json::Value> = scores
            .iter()
            .map(
                |((year, area), s)| json!({"year": year, "area": area, "score": *s as f64 / 100.0}),
            )
            .collect();
        super::output::print_json(out, &v);
        return;
    }
    let l = env.lang;
    if latest_year(scores).is_none() {
        writeln!(out, "{}", S::ScoresEmpty.t(l)).ok();
        return;
    }
    // One row per year: eight dimensions and, when all are there, the total (8–80).
    let mut head = format!("{:<6}", S::Year.t(l));
    for a in 1..=8 {
        head.push_str(&format!("{a:>6}"));
    }
    head.push_str(&format!("{:>8}", S::Total.t(l)));
    writeln!(out, "{}", head.trim_end()).ok();
    let mut years: Vec<i32> = scores.keys().map(|(y, _)| *y).collect();
    years.dedup();
    for y in years {
        let row = of_year(scores, y);
        let mut line = format!("{y:<6}");
        for s in &row[1..] {
            let cell = s.map_or_else(|| "—".to_string(), |s| format_score(s, l));
            line.push_str(&format!("{cell:>6}"));
        }
        let total = row[1..]
            .iter()
            .try_fold(0u32, |acc, s| s.map(|s| acc + s as u32));
        let total = total.map_or_else(
            || "—".to_string(),
            |t| format_score(u16::try_from(t).unwrap_or(u16::MAX), l),
        );
        line.push_str(&format!("{total:>8}"));
        writeln!(out, "{line}").ok();
    }
    writeln!(out).ok();
    for a in (1..=8u8).map(AreaId::from) {
        writeln!(out, "  {}", area_label(a, true, l)).ok();
    }
}

/// The latest year's scores for `status`, wrapped to `width` columns:
/// "Điểm PAPI 2024: 1. 5,12 · 2. 4,80 · 8. 3,05 — thấp nhất: 8". None
/// recorded: no lines.
pub fn status_lines(scores: &Scores, l: crate::domain::Lang, width: usize) -> Vec<String> {
    let Some(year) = latest_year(scores) else {
        return Vec::new();
    };
    let row = of_year(scores, year);
    let low = crate::domain::score::weakest(&row);
    let mut parts: Vec<String> = (1..=8usize)
        .filter_map(|a| row[a].map(|s| format!("{a}. {}", format_score(s, l))))
        .collect();
    if let Some(low) = low {
        let dims: Vec<String> = (1..=8usize)
            .filter(|a| row[*a] == Some(low))
            .map(|a| a.to_string())
            .collect();
        parts.push(format!("— {}: {}", S::Weakest.t(l), dims.join(", ")));
    }
    let mut lines = vec![format!("{} {year}:", S::PapiScore.t(l))];
    for p in parts {
        let last = lines.last_mut().expect("one line");
        if crate::domain::text::width(last) + 3 + crate::domain::text::width(&p) > width {
            lines.push(format!("  {p}"));
        } else if last.ends_with(':') {
            last.push(' ');
            last.push_str(&p);
        } else {
            last.push_str(if p.starts_with('—') { " " } else { " · " });
            last.push_str(&p);
        }
    }
    lines
}
