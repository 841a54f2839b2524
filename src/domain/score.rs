//! Published PAPI scores: each of the eight dimensions is scored 1–10 per
//! year (PAPI publishes them with decimals, e.g. 5,23). The board keeps
//! the scores the user records, in hundredths of a point, so that the
//! weakest dimensions can be read beside the tasks that should raise them.

use std::collections::BTreeMap;

use super::Lang;
use super::area::AreaId;

/// A score in hundredths of a point: 523 is 5,23.
pub type Centi = u16;

/// Lowest and highest score of one dimension (1,00 and 10,00).
pub const MIN_SCORE: Centi = 100;
pub const MAX_SCORE: Centi = 1000;

/// PAPI was first published for 2009; a year outside this range is a typo.
pub const FIRST_YEAR: i32 = 2009;
pub const LAST_YEAR: i32 = 2100;

/// Scores by (year, dimension 1–8).
pub type Scores = BTreeMap<(i32, AreaId), Centi>;

/// Whether `area` is a scored dimension (1–8; area 0 "Chung" is not).
pub fn is_dimension(area: AreaId) -> bool {
    area.is_dimension()
}

pub fn valid_year(year: i32) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&year)
}

pub fn valid_score(score: Centi) -> bool {
    (MIN_SCORE..=MAX_SCORE).contains(&score)
}

/// Read a score as people write it: "5", "5.2", "5,23" (at most two
/// decimals). Returns hundredths; range is checked by `valid_score`.
pub fn parse_score(s: &str) -> Option<Centi> {
    let s = s.trim();
    let (int, frac) = match s.find([',', '.']) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, ""),
    };
    let digits = |x: &str| !x.is_empty() && x.len() <= 4 && x.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || (!frac.is_empty() && (!digits(frac) || frac.len() > 2)) {
        return None;
    }
    if s.ends_with([',', '.']) {
        return None;
    }
    let whole: u32 = int.parse().ok()?;
    let hundredths: u32 = match frac.len() {
        0 => 0,
        1 => frac.parse::<u32>().ok()? * 10,
        _ => frac.parse().ok()?,
    };
    u16::try_from(whole * 100 + hundredths).ok()
}

/// "5,23" in Vietnamese, "5.23" in English.
pub fn format_score(score: Centi, lang: Lang) -> String {
    let sep = if lang.is_vi() { ',' } else { '.' };
    format!("{}{sep}{:02}", score / 100, score % 100)
}

/// The most recent year with at least one score.
pub fn latest_year(scores: &Scores) -> Option<i32> {
    scores.keys().next_back().map(|(y, _)| *y)
}

/// The scores of one year, indexed by area id (0 is always `None`).
pub fn of_year(scores: &Scores, year: i32) -> [Option<Centi>; 9] {
    let mut out = [None; 9];
    for ((_, a), s) in scores.range((year, AreaId::GENERAL)..=(year, AreaId::new(u8::MAX))) {
        if let Some(slot) = out.get_mut(a.index()) {
            *slot = Some(*s);
        }
    }
    out
}

/// The lowest score of a year, if any was recorded.
pub fn weakest(year_scores: &[Option<Centi>; 9]) -> Option<Centi> {
    year_scores.iter().flatten().copied().min()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_read_as_written() {
        assert_eq!(parse_score("5"), Some(500));
        assert_eq!(parse_score("5,2"), Some(520));
        assert_eq!(parse_score("5.23"), Some(523));
        assert_eq!(parse_score(" 10 "), Some(1000));
        assert_eq!(parse_score("11"), Some(1100)); // parsed; refused by range
        assert!(!valid_score(1100) && !valid_score(99) && valid_score(100));
        for bad in [
            "", "abc", "5,", ",5", "5,234", "5.2.3", "-3", "1e3", "99999",
        ] {
            assert_eq!(parse_score(bad), None, "{bad:?}");
        }
        assert_eq!(format_score(523, Lang::Vi), "5,23");
        assert_eq!(format_score(1000, Lang::En), "10.00");
        assert_eq!(format_score(507, Lang::Vi), "5,07");
    }

    #[test]
    fn the_latest_year_and_its_weakest_dimension() {
        let mut s = Scores::new();
        s.insert((2023, 1.into()), 500);
        s.insert((2024, 2.into()), 612);
        s.insert((2024, 8.into()), 301);
        assert_eq!(latest_year(&s), Some(2024));
        let y = of_year(&s, 2024);
        assert_eq!((y[1], y[2], y[8]), (None, Some(612), Some(301)));
        assert_eq!(weakest(&y), Some(301));
        assert_eq!(latest_year(&Scores::new()), None);
    }
}
