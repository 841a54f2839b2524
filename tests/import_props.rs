//! No importer panics, whatever the bytes. Every entry point
//! (.txt, .md, .csv, .docx, .xlsx, .xls, .ods, and a name without an
//! extension) gets arbitrary bytes, and valid files with bytes flipped or
//! cut short; each must answer with tasks or an error naming the file.

mod office;

use chrono::NaiveDate;
use papi_board::domain::board::{Board, BoardMeta};
use papi_board::domain::unit::plan_preset;
use papi_board::transfer::import::prepare;
use proptest::prelude::*;

const NAMES: [&str; 9] = [
    "x.txt", "x.md", "x.csv", "x.docx", "x.xlsx", "x.xls", "x.ods", "x", "x.pdf",
];

fn board() -> Board {
    Board::new(
        BoardMeta {
            year: 2025,
            ..BoardMeta::default()
        },
        plan_preset(),
    )
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
}

/// Import and check the answer is well formed.
fn check(name: &str, bytes: &[u8]) {
    match prepare(name, bytes, &board(), today()) {
        Ok(p) => {
            assert_eq!(p.total, p.tasks.len() + p.existing);
            // What would be applied is accepted by the board as a whole.
            if let Some(cmd) = p.command() {
                let ctx = papi_board::domain::board::Ctx {
                    now: 1,
                    author: "t".into(),
                };
                board().apply(cmd, &ctx).expect("a prepared import applies");
            }
        }
        Err(e) => assert!(e.message(papi_board::domain::Lang::Vi).contains(name)),
    }
}

fn mutate(mut bytes: Vec<u8>, flips: &[(usize, u8)], cut: Option<usize>) -> Vec<u8> {
    for (at, b) in flips {
        if !bytes.is_empty() {
            let i = at % bytes.len();
            bytes[i] ^= b | 1;
        }
    }
    if let Some(c) = cut {
        bytes.truncate(c % (bytes.len() + 1));
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048), which in 0..NAMES.len()) {
        check(NAMES[which], &bytes);
    }

    #[test]
    fn arbitrary_text(text in "\\PC{0,400}", which in 0..3usize) {
        check(NAMES[which], text.as_bytes());
    }

    #[test]
    fn plan_like_text(lines in proptest::collection::vec(
        prop_oneof![
            Just("II. NỘI DUNG".to_string()),
            Just("III. TỔ CHỨC THỰC HIỆN".to_string()),
            Just("1.1. Nội dung “Quản trị điện tử”".to_string()),
            Just("a) Công an xã".to_string()),
            "- \\PC{0,60}",
            "• \\PC{0,60}",
            "[0-9.)]{1,6} \\PC{0,30}",
            "\\PC{0,60}",
        ],
        0..30,
    )) {
        check("x.txt", lines.join("\n").as_bytes());
    }

    #[test]
    fn table_like_csv(rows in proptest::collection::vec(
        proptest::collection::vec(
            prop_oneof![
                Just("STT".to_string()),
                Just("Nội dung".to_string()),
                Just("Đơn vị chủ trì".to_string()),
                Just("Thời hạn".to_string()),
                Just("Quý I/2025".to_string()),
                Just("II".to_string()),
                "[\\PC&&[^\"]]{0,30}",
            ],
            0..8,
        ),
        0..20,
    )) {
        let text: Vec<String> = rows.iter().map(|r| r.join(",")).collect();
        check("x.csv", text.join("\n").as_bytes());
    }

    #[test]
    fn damaged_docx(flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8), cut in proptest::option::of(any::<usize>())) {
        check("x.docx", &mutate(office::sample_docx(), &flips, cut));
    }

    #[test]
    fn damaged_pdf(flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8), cut in proptest::option::of(any::<usize>())) {
        check("x.pdf", &mutate(tanhung_pdf(), &flips, cut));
    }

    #[test]
    fn docx_numbering_on_arbitrary_definitions(numbering in "\\PC{0,300}", levels in proptest::collection::vec((0..12u32, 0..12u32), 0..20)) {
        // numbering.xml as any text (a definition broken anywhere), with
        // paragraphs that name lists and levels that may not exist.
        let body: String = levels.iter().map(|(n, l)| office::numbered(*n, *l, "Việc")).collect();
        check("x.docx", &office::docx(&body, Some(&numbering)));
        check("x.docx", &office::docx(&body, Some(office::OUTLINE_NUMBERING)));
    }

    #[test]
    fn legacy_decoders_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        use papi_board::transfer::legacy::{Legacy, detect};
        use unicode_normalization::UnicodeNormalization;
        for l in [Legacy::Tcvn3, Legacy::Vni, Legacy::Windows1258] {
            let s = l.decode(&bytes);
            prop_assert_eq!(s.nfc().collect::<String>(), s);
        }
        let _ = detect(&bytes);
    }

    #[test]
    fn damaged_xlsx(flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..8), cut in proptest::option::of(any::<usize>())) {
        check("x.xlsx", &mutate(office::table_xlsx(office::TABLE_ROWS), &flips, cut));
    }
}

/// Word documents with odd XML: entities, nesting, no paragraphs at all.
#[test]
fn odd_but_valid_docx() {
    for body in [
        "",
        "<w:p/>",
        "<w:p><w:r><w:t>&#x1F600;&lt;&gt;&amp;</w:t></w:r></w:p>",
        "<w:p><w:r><w:t>II. NỘI DUNG</w:t></w:r></w:p><w:p><w:r><w:t>1.1. Quản trị điện tử</w:t></w:r></w:p><w:p><w:r><w:t>- Việc</w:t></w:r></w:p>",
        "<w:p><w:r><w:t><![CDATA[- x]]></w:t></w:r></w:p>",
        "<w:p><w:r><w:t>&nosuch;</w:t></w:r></w:p>",
    ] {
        check("x.docx", &office::docx(body, None));
    }
    let p = prepare(
        "x.docx",
        &office::docx(
            "<w:p><w:r><w:t>II. NỘI DUNG</w:t></w:r></w:p><w:p><w:r><w:t>1.1. Quản trị điện tử</w:t></w:r></w:p><w:p><w:r><w:t>- Việc</w:t></w:r></w:p>",
            None,
        ),
        &board(),
        today(),
    )
    .unwrap();
    assert_eq!((p.tasks.len(), p.tasks[0].area.get()), (1, 8));
}

/// The committed PDF fixture, to damage.
fn tanhung_pdf() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/ke-hoach-tan-hung.pdf"
    ))
    .unwrap()
}
