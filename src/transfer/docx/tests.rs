use super::*;

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

fn body(inner: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><w:document {NS}><w:body>{inner}</w:body></w:document>"#
    )
}

fn texts(d: &DocxText) -> Vec<String> {
    d.blocks
        .iter()
        .map(|b| match b {
            Block::Para { text, .. } => text.clone(),
            Block::Table { rows, .. } => format!("{rows:?}"),
        })
        .collect()
}

#[test]
fn runs_join_and_entities_resolve() {
    let xml = body(
        r#"<w:p><w:r><w:t>Kế ho</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ạch &amp; “PAPI”</w:t></w:r></w:p>
<w:p/>
<w:p><w:r><w:t xml:space="preserve">Số: 05/KH-UBND</w:t><w:tab/><w:t>Hòa Phong</w:t><w:br/><w:t>&#273;ã</w:t></w:r></w:p>
<w:p><w:r><w:delText>xóa</w:delText><w:instrText>PAGE</w:instrText></w:r></w:p>"#,
    );
    let d = read_body(&xml, &Numbering::default()).unwrap();
    assert_eq!(
        texts(&d),
        ["Kế hoạch & “PAPI”", "", "Số: 05/KH-UBND\tHòa Phong\nđã", ""]
    );
}

#[test]
fn tables_keep_their_rows_and_merged_cells() {
    let cell = |t: &str, extra: &str| {
        format!(r#"<w:tc><w:tcPr>{extra}</w:tcPr><w:p><w:r><w:t>{t}</w:t></w:r></w:p></w:tc>"#)
    };
    let xml = body(&format!(
        "<w:p><w:r><w:t>Trước</w:t></w:r></w:p><w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        cell("STT", ""),
        cell("Nội dung", r#"<w:gridSpan w:val="2"/>"#),
        cell("1", r#"<w:vMerge/>"#),
        cell("Họp dân", ""),
    ));
    let d = read_body(&xml, &Numbering::default()).unwrap();
    assert_eq!(
        d.blocks[1],
        Block::Table {
            index: 2,
            rows: vec![
                vec!["STT".into(), "Nội dung".into(), String::new()],
                vec![String::new(), "Họp dân".into()]
            ]
        }
    );
}

#[test]
fn word_numbering_is_put_in_front() {
    let numbering = r#"<w:numbering xmlns:w="w">
<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="-"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="4"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="3"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="4"/></w:num>
</w:numbering>"#;
    let n = Numbering::parse(Some(numbering), None);
    let para = |num: &str, text: &str| {
        format!(
            r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>{text}</w:t></w:r></w:p>"#
        )
    };
    let xml = body(&format!(
        "{}{}{}",
        para("2", "Mục một"),
        para("1", "Việc một"),
        para("2", "Mục hai")
    ));
    let d = read_body(&xml, &n).unwrap();
    assert_eq!(texts(&d), ["a) Mục một", "- Việc một", "b) Mục hai"]);
    assert_eq!(d.numbered, 3);
}

#[test]
fn runs_in_legacy_fonts_are_converted() {
    // "Kế hoạch" typed in .VnTime (TCVN3) and "Tư pháp" in VNI-Times, as
    // Word stores them: the Windows-1252 readings of the legacy bytes.
    let xml = body(
        r#"<w:p><w:r><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr><w:t>KÕ ho¹ch</w:t></w:r></w:p>
<w:p><w:r><w:rPr><w:rFonts w:ascii="VNI-Times" w:hAnsi="VNI-Times"/></w:rPr><w:t>Tö phaùp</w:t></w:r><w:r><w:t> xã</w:t></w:r></w:p>"#,
    );
    let d = read_body(&xml, &Numbering::default()).unwrap();
    assert_eq!(texts(&d), ["Kế hoạch", "Tư pháp xã"]);
    assert_eq!(d.legacy, Some(Legacy::Tcvn3));
}

#[test]
fn broken_input_is_an_error() {
    assert!(matches!(read_docx(b"not a zip"), Err(DocxError::NotZip(_))));
    assert!(matches!(
        read_body("<w:p><w:t>x</w:p>", &Numbering::default()),
        Err(DocxError::BadXml(_))
    ));
}
