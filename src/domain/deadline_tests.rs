//! Tests of the deadline parser (`deadline.rs`): the wordings it reads, those
//! it refuses, the canonical and English wordings, and properties.

use super::*;
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

/// "Thường xuyên" decomposed (NFD).
const NFD_ONGOING: &str = "Thu\u{31b}o\u{31b}\u{300}ng xuye\u{302}n";

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn variant(e: &DueError) -> &'static str {
    match e {
        DueError::Empty => "Empty",
        DueError::BadDate { .. } => "BadDate",
        DueError::NoYear { .. } => "NoYear",
        DueError::Unrecognized { .. } => "Unrecognized",
    }
}

fn good_cases() -> Vec<(&'static str, DueKind, Option<NaiveDate>)> {
    use DueKind::*;
    vec![
        ("Thường xuyên", Ongoing, None),
        ("thường xuyên, liên tục", Ongoing, None),
        ("THƯỜNG XUYÊN", Ongoing, None),
        (NFD_ONGOING, Ongoing, None),
        ("thuong xuyen", Ongoing, None),
        ("Hoàn thành thường xuyên", Ongoing, None),
        ("Hằng năm", Annual, None),
        ("Hàng năm", Annual, None),
        ("Quý I/2025", Quarter, ymd(2025, 3, 31)),
        ("quý II/2025", Quarter, ymd(2025, 6, 30)),
        ("quý 3/2025", Quarter, ymd(2025, 9, 30)),
        ("Quý IV/2025", Quarter, ymd(2025, 12, 31)),
        ("quý II năm 2025", Quarter, ymd(2025, 6, 30)),
        ("Quý I, II/2025", Quarter, ymd(2025, 6, 30)),
        ("quý III và IV năm 2026", Quarter, ymd(2026, 12, 31)),
        ("tháng 11-12/2025", Month, ymd(2025, 12, 31)),
        ("Quý II", Quarter, ymd(2025, 6, 30)),
        (
            "quý II và 06 tháng đầu năm 2025",
            HalfYear,
            ymd(2025, 6, 30),
        ),
        ("6 tháng đầu năm", HalfYear, ymd(2025, 6, 30)),
        ("6 tháng đầu năm 2026", HalfYear, ymd(2026, 6, 30)),
        ("6 tháng cuối năm 2025", HalfYear, ymd(2025, 12, 31)),
        ("Tháng 11/2025", Month, ymd(2025, 11, 30)),
        ("trong tháng 11/2025", Month, ymd(2025, 11, 30)),
        ("tháng 11 năm 2025", Month, ymd(2025, 11, 30)),
        ("Tháng 2/2024", Month, ymd(2024, 2, 29)),
        ("Trước 30/6/2025", Before, ymd(2025, 6, 30)),
        ("trước ngày 20.7.2025", Before, ymd(2025, 7, 20)),
        ("trước ngày 10/12/2025", Before, ymd(2025, 12, 10)),
        ("chậm nhất ngày 30/6/2025", Before, ymd(2025, 6, 30)),
        ("15/12/2025", Date, ymd(2025, 12, 15)),
        ("15.12.2025", Date, ymd(2025, 12, 15)),
        ("15-12-2025", Date, ymd(2025, 12, 15)),
        ("ngày 15/12/2025.", Date, ymd(2025, 12, 15)),
        ("ngày 15 tháng 12 năm 2025", Date, ymd(2025, 12, 15)),
        ("2025-12-15", Date, ymd(2025, 12, 15)),
        ("30/9/25", Date, ymd(2025, 9, 30)),
        ("trước ngày 5.1.26", Before, ymd(2026, 1, 5)),
        ("Thời hạn: 15/12/2025;", Date, ymd(2025, 12, 15)),
        ("  Hạn:   30/6  ", Date, ymd(2025, 6, 30)),
        ("30/6", Date, ymd(2025, 6, 30)),
        ("Năm 2025", Year, ymd(2025, 12, 31)),
        ("cuối năm 2025", Year, ymd(2025, 12, 31)),
        ("trong năm 2025", Year, ymd(2025, 12, 31)),
    ]
}

#[test]
fn parses_wordings() {
    assert_eq!(NFD_ONGOING, "Thường xuyên".nfd().collect::<String>());
    for (text, kind, date) in good_cases() {
        assert_eq!(parse_due(text, Some(2025)), Ok(due(kind, date)), "{text:?}");
    }
}

#[test]
fn rejects_malformed() {
    let table = [
        ("", Some(2025), "Empty"),
        ("   ", Some(2025), "Empty"),
        ("31/2/2025", Some(2025), "BadDate"),
        ("29/2/2025", Some(2025), "BadDate"),
        ("32/1/2025", Some(2025), "BadDate"),
        ("0/5/2025", Some(2025), "BadDate"),
        ("15/13/2025", Some(2025), "BadDate"),
        ("Quý V/2025", Some(2025), "BadDate"),
        ("Quý 0/2025", Some(2025), "BadDate"),
        ("tháng 13/2025", Some(2025), "BadDate"),
        ("tháng 11/25", Some(2025), "BadDate"),
        ("30/6/125", Some(2025), "BadDate"),
        ("30/6.2025", Some(2025), "BadDate"),
        ("99999999999999999999/1/2025", Some(2025), "BadDate"),
        ("1/1/99999", Some(2025), "BadDate"),
        ("1/1/1899", Some(2025), "BadDate"),
        ("30/6", Some(99999), "BadDate"),
        ("abc", Some(2025), "Unrecognized"),
        ("9 tháng đầu năm 2025", Some(2025), "Unrecognized"),
        ("30/6", None, "NoYear"),
        ("Quý I", None, "NoYear"),
        ("6 tháng đầu năm", None, "NoYear"),
    ];
    for (text, default_year, want) in table {
        match parse_due(text, default_year) {
            Err(e) => assert_eq!(variant(&e), want, "{text:?}: {e}"),
            Ok(p) => panic!("{text:?} parsed as {p:?}, expected {want}"),
        }
    }
}

#[test]
fn error_messages() {
    let e = parse_due("31/2/2025", None).unwrap_err();
    assert_eq!(e.to_string(), "invalid date: 31/2/2025");
    let table = [
        ("31/2/2025", "Ngày không hợp lệ: 31/2/2025"),
        ("abc", "Không hiểu thời hạn: abc"),
        ("Quý I", "Thời hạn thiếu năm: Quý I"),
        (" ", "Thời hạn trống"),
    ];
    for (text, want) in table {
        assert_eq!(parse_due(text, None).unwrap_err().message_vi(), want);
    }
}

#[test]
fn parses_markers() {
    use DueKind::*;
    let table = [
        ("30/6/2025", Date, ymd(2025, 6, 30)),
        ("30/6", Date, ymd(2025, 6, 30)),
        ("q2/2025", Quarter, ymd(2025, 6, 30)),
        ("q2", Quarter, ymd(2025, 6, 30)),
        ("Q4/2026", Quarter, ymd(2026, 12, 31)),
        ("t11/2025", Month, ymd(2025, 11, 30)),
        ("t11", Month, ymd(2025, 11, 30)),
        ("tx", Ongoing, None),
        ("hn", Annual, None),
        ("2025-06-30", Date, ymd(2025, 6, 30)),
        ("30/9/25", Date, ymd(2025, 9, 30)),
        ("!30/6", Date, ymd(2025, 6, 30)),
    ];
    for (text, kind, date) in table {
        assert_eq!(
            parse_due_marker(text, Some(2025)),
            Ok(due(kind, date)),
            "{text:?}"
        );
    }
    assert!(matches!(
        parse_due_marker("q5", Some(2025)),
        Err(DueError::BadDate { .. })
    ));
    assert!(matches!(
        parse_due_marker("t11", None),
        Err(DueError::NoYear { .. })
    ));
}

#[test]
fn canonical_texts() {
    use DueKind::*;
    let table = [
        (Date, ymd(2025, 6, 30), "30/06/2025"),
        (Before, ymd(2025, 6, 30), "Trước 30/06/2025"),
        (Month, ymd(2025, 11, 30), "Tháng 11/2025"),
        (Quarter, ymd(2025, 6, 30), "Quý II/2025"),
        (HalfYear, ymd(2025, 6, 30), "6 tháng đầu năm 2025"),
        (HalfYear, ymd(2025, 12, 31), "6 tháng cuối năm 2025"),
        (Year, ymd(2025, 12, 31), "Năm 2025"),
        (Ongoing, None, "Thường xuyên"),
        (Annual, None, "Hằng năm"),
        (Year, None, ""),
    ];
    for (kind, date, want) in table {
        assert_eq!(canonical_text(&due(kind, date)), want);
    }
}

/// The deadline words in English hold no Vietnamese letter, for every
/// kind, and neither do the English messages.
#[test]
fn english_deadline_words_hold_no_vietnamese() {
    use DueKind::*;
    let vi = |s: &str| s.chars().any(|c| c.is_alphabetic() && !c.is_ascii());
    for (kind, date) in [
        (Ongoing, None),
        (Annual, None),
        (Date, ymd(2025, 6, 30)),
        (Before, ymd(2025, 6, 30)),
        (Month, ymd(2025, 11, 30)),
        (Quarter, ymd(2025, 9, 30)),
        (HalfYear, ymd(2025, 6, 30)),
        (HalfYear, ymd(2025, 12, 31)),
        (Year, ymd(2025, 12, 31)),
    ] {
        let en = canonical_text_in(&due(kind, date), crate::domain::Lang::En);
        assert!(!en.is_empty() && !vi(&en), "{kind:?}: {en}");
    }
    for text in ["", "31/2/2025", "abc", "q2"] {
        let e = parse_due(text, None).unwrap_err();
        let en = e.message(crate::domain::Lang::En);
        assert!(!vi(&en), "{en}");
    }
}

#[test]
fn canonical_text_round_trips() {
    for (text, ..) in good_cases() {
        let p = parse_due(text, Some(2025)).unwrap();
        assert_eq!(parse_due(&canonical_text(&p), None), Ok(p), "{text:?}");
    }
}

/// Pieces for deadline-like strings, separated by `|`.
const PIECES: &str = "0|1|2|3|6|9|12|31|2025|99999999999|/|.|-| |,|:|quý|Quý|tháng|trước|\
    ngày|năm|đầu|cuối|và|I|V|t|q|thường xuyên|hằng năm|chậm nhất|Hạn:|\u{301}|đ";

fn piece() -> impl Strategy<Value = &'static str> {
    prop::sample::select(PIECES.split('|').collect::<Vec<_>>())
}

proptest! {
    #[test]
    fn never_panics_on_any_text(s in "\\PC*", y in proptest::option::of(any::<i32>())) {
        let _ = parse_due(&s, y);
        let _ = parse_due_marker(&s, y);
    }

    #[test]
    fn deadline_like_text_is_consistent(
        parts in prop::collection::vec(piece(), 0..14),
        y in proptest::option::of(prop_oneof![Just(2025), any::<i32>()]),
    ) {
        let s = parts.concat();
        let _ = parse_due_marker(&s, y);
        if let Ok(p) = parse_due(&s, y) {
            let undated = matches!(p.kind, DueKind::Ongoing | DueKind::Annual);
            prop_assert_eq!(p.date.is_none(), undated);
            prop_assert_eq!(parse_due(&canonical_text(&p), None), Ok(p));
        }
    }
}
