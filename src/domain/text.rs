//! Text helpers for Vietnamese titles and notes: NFC normalisation,
//! accent-insensitive search folding and highlighting, display width,
//! truncation and padding by terminal cells, and sanitising untrusted text
//! before it is drawn. The Vietnamese dictionary order is in `collate`.
//!
//! All width arithmetic is done per extended grapheme cluster with
//! `unicode-width`, so a wide (CJK) character or a base letter with its
//! combining marks is never split.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

pub use super::collate::vi_sort_key;

/// NFC-normalise (every inserted, pasted, imported and loaded string goes through this).
pub fn nfc(s: &str) -> String {
    if unicode_normalization::is_nfc(s) {
        s.to_owned()
    } else {
        s.nfc().collect()
    }
}

/// Appends the search fold of one char: canonical decomposition, combining
/// marks dropped, `đ`/`Đ` → `d`, lowercased. May push zero or several chars.
fn fold_char_into(c: char, out: &mut String) {
    decompose_canonical(c, |d| {
        if !is_combining_mark(d) {
            let d = if matches!(d, 'đ' | 'Đ') { 'd' } else { d };
            out.extend(d.to_lowercase());
        }
    });
}

/// Accent- and case-insensitive fold for search: NFD, drop combining marks,
/// `đ`→`d`, `Đ`→`D`, lowercase.
///
/// For NFC Vietnamese input each char folds to exactly one char, so char
/// positions map back to the original (see [`fold_aligned`] for a version
/// that guarantees this for any input).
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char_into(c, &mut out);
    }
    out
}

/// Folds each char of `s` to exactly one char, so that
/// `fold_aligned(s).chars().count() == s.chars().count()`.
///
/// Rule: a char whose [`fold`] is exactly one char becomes that char (this is
/// every Vietnamese letter in NFC). A char that would fold to zero chars (a
/// lone combining mark) or to several (e.g. a Hangul syllable, which
/// decomposes into jamo) is kept as the first char of its own lowercase.
pub fn fold_aligned(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut buf = String::new();
    for c in s.chars() {
        buf.clear();
        fold_char_into(c, &mut buf);
        let mut folded = buf.chars();
        match (folded.next(), folded.next()) {
            (Some(f), None) => out.push(f),
            _ => out.push(c.to_lowercase().next().unwrap_or(c)),
        }
    }
    out
}

/// True when every whitespace-separated word of `query` (folded with
/// [`fold`]) occurs in `haystack_folded` (which must already be folded).
/// An empty query matches everything.
pub fn matches_all(haystack_folded: &str, query: &str) -> bool {
    query
        .split_whitespace()
        .all(|word| haystack_folded.contains(fold(word).as_str()))
}

/// Char ranges (in chars of `original`) where any word of `query` occurs,
/// accent- and case-insensitively; sorted, with overlapping or touching ranges
/// merged. A range that ends on a base letter is extended over the combining
/// marks that follow it, so NFD input is never highlighted mid-grapheme.
pub fn match_ranges(original: &str, query: &str) -> Vec<Range<usize>> {
    let words: Vec<Vec<char>> = query
        .split_whitespace()
        .map(|w| fold(w).chars().collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        return Vec::new();
    }

    // Folded chars, each with the index of the original char it came from.
    let mut folded = Vec::with_capacity(original.len());
    let mut origin = Vec::with_capacity(original.len());
    let mut folds_to_nothing = Vec::new();
    let mut buf = String::new();
    for (i, c) in original.chars().enumerate() {
        buf.clear();
        fold_char_into(c, &mut buf);
        folds_to_nothing.push(buf.is_empty());
        for f in buf.chars() {
            folded.push(f);
            origin.push(i);
        }
    }

    let mut ranges = Vec::new();
    for word in &words {
        if word.len() > folded.len() {
            continue;
        }
        for (start, window) in folded.windows(word.len()).enumerate() {
            if window == word.as_slice() {
                let mut end = origin[start + word.len() - 1] + 1;
                while folds_to_nothing.get(end) == Some(&true) {
                    end += 1;
                }
                ranges.push(origin[start]..end);
            }
        }
    }

    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Display width in terminal cells: the sum of the `unicode-width` widths of
/// the extended grapheme clusters of `s`.
pub fn width(s: &str) -> usize {
    s.graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// Cuts `s` to at most `max` display cells, keeping whole graphemes only (a
/// wide char or a letter with its combining marks is never split). When
/// anything is cut the result ends with `'…'` (1 cell) and still fits in
/// `max` cells. `max == 0` gives `""`. Never panics.
pub fn truncate(s: &str, max: usize) -> String {
    if max == 0 {
        return String::new();
    }
    if width(s) <= max {
        return s.to_owned();
    }
    // Budget for the kept prefix; shrunk in the (exotic) case where appending
    // '…' re-joins graphemes and changes the measured width.
    let mut budget = max - 1;
    while budget > 0 {
        let mut used = 0;
        let mut end = 0;
        for (i, g) in s.grapheme_indices(true) {
            let w = g.width();
            if used + w > budget {
                break;
            }
            used += w;
            end = i + g.len();
        }
        let mut out = String::with_capacity(end + '…'.len_utf8());
        out.push_str(&s[..end]);
        out.push('…');
        if width(&out) <= max {
            return out;
        }
        budget -= 1;
    }
    "…".to_owned()
}

/// Breaks `s` into lines of at most `w` cells (`w` ≥ 1), between words
/// where it can, inside a word only when the word alone is wider than a
/// line; whole graphemes only (one wider than `w` gets a line of its own).
/// Always at least one line.
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut lines = Vec::new();
    let (mut cur, mut used) = (String::new(), 0);
    for word in s.split(' ') {
        let ww = width(word);
        if !cur.is_empty() && used + 1 + ww <= w {
            cur.push(' ');
            cur.push_str(word);
            used += 1 + ww;
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
            used = 0;
        }
        for g in word.graphemes(true) {
            let gw = g.width();
            if !cur.is_empty() && used + gw > w {
                lines.push(std::mem::take(&mut cur));
                used = 0;
            }
            cur.push_str(g);
            used += gw;
        }
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Pads `s` with spaces, or cuts it with [`truncate`], to exactly `w` cells.
pub fn fit(s: &str, w: usize) -> String {
    let mut out = truncate(s, w);
    let pad = w.saturating_sub(width(&out));
    out.extend(std::iter::repeat_n(' ', pad));
    out
}

/// What [`sanitize`] does with one char.
enum Fix {
    Keep,
    Drop,
    Replace(char),
}

fn fix(c: char) -> Fix {
    match c {
        '\n' | '\t' => Fix::Replace(' '),
        // C0 controls → control pictures (ESC 0x1B → '␛' U+241B).
        '\0'..='\u{1f}' => Fix::Replace(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}')),
        '\u{7f}' => Fix::Replace('␡'),
        '\u{80}'..='\u{9f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{061c}' => Fix::Replace('\u{fffd}'),
        '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => Fix::Drop,
        _ => Fix::Keep,
    }
}

/// Makes text inert where line breaks are kept (a report's cells, a
/// file): as [`sanitize`], except that `'\n'` and `'\t'` stay, and `"\r\n"`
/// and a lone `'\r'` become `'\n'`.
pub fn inert(s: &str) -> Cow<'_, str> {
    let keeps = |c: char| matches!(c, '\n' | '\t') || matches!(fix(c), Fix::Keep);
    if s.chars().all(keeps) {
        return Cow::Borrowed(s);
    }
    let s = s.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            c => match fix(c) {
                Fix::Keep => out.push(c),
                Fix::Drop => {}
                Fix::Replace(r) => out.push(r),
            },
        }
    }
    Cow::Owned(out)
}

/// Makes text safe to draw in a terminal.
///
/// `'\n'` and `'\t'` become spaces; other C0 controls become their control
/// picture (U+2400 + code, so ESC → `'␛'`); DEL → `'␡'`; C1 controls and
/// bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
/// U+061C) → `'�'`; zero-width chars (U+200B–U+200D, U+2060, U+FEFF) are
/// removed. Returns [`Cow::Borrowed`] when nothing needs changing.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    let Some(first) = s
        .char_indices()
        .find(|&(_, c)| !matches!(fix(c), Fix::Keep))
    else {
        return Cow::Borrowed(s);
    };
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str(&s[..first.0]);
    for c in s[first.0..].chars() {
        match fix(c) {
            Fix::Keep => out.push(c),
            Fix::Drop => {}
            Fix::Replace(r) => out.push(r),
        }
    }
    Cow::Owned(out)
}

/// For one-line fields: NFC, then every run of line breaks and tabs (`\n`,
/// `\r`, `\t`, VT, FF, NEL, U+2028, U+2029) becomes a single space (ordinary
/// spaces are kept as they are), then leading/trailing whitespace is trimmed.
pub fn one_line(s: &str) -> String {
    let s = nfc(s);
    let mut out = String::with_capacity(s.len());
    let mut in_break = false;
    for c in s.chars() {
        if matches!(
            c,
            '\n' | '\r' | '\t' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        ) {
            if !in_break {
                out.push(' ');
            }
            in_break = true;
        } else {
            out.push(c);
            in_break = false;
        }
    }
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn wrap_breaks_between_words_and_inside_a_word_too_long() {
        assert_eq!(
            wrap("Việc này chỉ làm được trên máy", 12),
            ["Việc này chỉ", "làm được", "trên máy"]
        );
        assert_eq!(wrap("abcdefgh ij", 3), ["abc", "def", "gh", "ij"]);
        assert_eq!(wrap("", 5), [""]);
        // A wide character is never split, nor put past the edge.
        assert_eq!(wrap("漢字漢字", 3), ["漢", "字", "漢", "字"]);
        // Found by the property below: a mark of no width is kept, and a
        // grapheme wider than the line gets its own line.
        assert_eq!(wrap("a \u{cbf}", 1), ["a", "\u{cbf}"]);
        assert_eq!(wrap("\u{1100}", 1), ["\u{1100}"]);
        assert_eq!(wrap("\u{816}\u{1100}", 1), ["\u{816}", "\u{1100}"]);
    }

    proptest! {
        #[test]
        fn wrap_fits_and_keeps_every_letter(s in "[a-zà-ỹ ]{0,80}", w in 1usize..30) {
            let lines = wrap(&s, w);
            for l in &lines {
                let one = l.graphemes(true).count() == 1;
                prop_assert!(width(l) <= w || one, "{l:?} wider than {w}");
            }
            let letters = |t: &str| t.replace(' ', "");
            prop_assert_eq!(letters(&lines.concat()), letters(&s));
        }
    }

    #[test]
    fn fold_vietnamese() {
        assert_eq!(fold("Tuyên truyền"), "tuyen truyen");
        assert_eq!(fold("đất đai"), "dat dai");
        assert_eq!(fold("Đăng ký"), "dang ky");
        assert_eq!(fold("hộ nghèo"), "ho ngheo");
        let nfd: String = "Việt".nfd().collect();
        assert_ne!(nfd, "Việt");
        assert_eq!(fold(&nfd), fold("Việt"));
        assert_eq!(fold("Việt"), "viet");
    }

    #[test]
    fn fold_aligned_keeps_char_count() {
        let s = nfc(concat!(
            "Ủy ban nhân dân xã tổ chức đối thoại với người dân về quy hoạch sử dụng đất, ",
            "công khai ngân sách và danh sách hộ nghèo; Đảng ủy chỉ đạo thực hiện."
        ));
        let f = fold_aligned(&s);
        assert_eq!(f.chars().count(), s.chars().count());
        assert_eq!(f, fold(&s));
        // Lone combining mark and a Hangul syllable keep one char each.
        assert_eq!(fold_aligned("a\u{301}한B"), "a\u{301}한b");
    }

    #[test]
    fn matches_all_cases() {
        assert!(matches_all(&fold("Tuyên truyền pháp luật"), "tuyen truyen"));
        assert!(matches_all(&fold("Đăng ký"), "DANG KY"));
        assert!(matches_all(&fold("đất đai"), "dat dai"));
        assert!(matches_all(&fold("dat"), "đất"));
        let list = fold("công khai danh sách hộ nghèo");
        assert!(matches_all(&list, "ho ngheo"));
        assert!(matches_all(&list, "ngheo  cong"));
        assert!(!matches_all(&list, "ngheo dat"));
        assert!(matches_all(&fold("bất kỳ"), ""));
        assert!(matches_all(&fold("bất kỳ"), "   "));
    }

    #[test]
    fn match_ranges_map_back() {
        let s = "Công khai danh sách hộ nghèo";
        let ranges = match_ranges(s, "ho ngheo");
        assert_eq!(ranges, vec![20..22, 23..28]);
        let chars: Vec<char> = s.chars().collect();
        let hit = |r: &Range<usize>| chars[r.clone()].iter().collect::<String>();
        assert_eq!(hit(&ranges[0]), "hộ");
        assert_eq!(hit(&ranges[1]), "nghèo");
        assert_eq!(match_ranges(s, "KHAI kh"), vec![5..9]);
        assert!(match_ranges(s, "").is_empty());
        assert!(match_ranges(s, "xyz").is_empty());
        // NFD input: the range covers the trailing combining marks.
        let nfd: String = "hộ".nfd().collect();
        assert_eq!(match_ranges(&nfd, "ho"), vec![0..4]);
    }

    #[test]
    fn width_and_fit() {
        assert_eq!(width("Tham gia"), 8);
        assert_eq!(width("漢字"), 4);
        assert_eq!(width(&"Việt".nfd().collect::<String>()), 4);
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("漢字漢", 4), "漢… ");
        for w in 0..12 {
            assert_eq!(width(&fit("Tham gia của", w)), w);
        }
    }

    #[test]
    fn truncate_every_width() {
        let s = "Tham gia của người dân";
        for w in 0..=25 {
            let t = truncate(s, w);
            assert!(width(&t) <= w, "{w}: {t:?}");
            if width(s) <= w {
                assert_eq!(t, s);
            } else if w > 0 {
                assert!(t.ends_with('…'));
                assert!(s.starts_with(t.trim_end_matches('…')));
            }
        }
        assert_eq!(truncate(s, 0), "");
        assert_eq!(truncate(s, 1), "…");
        assert_eq!(truncate(s, 5), "Tham…");
    }

    #[test]
    fn truncate_wide_and_combining() {
        let cjk = "漢字漢字漢字";
        assert_eq!(truncate(cjk, 5), "漢字…");
        assert_eq!(truncate(cjk, 4), "漢…");
        assert_eq!(truncate(cjk, 2), "…");
        let nfd: String = "Tiếng Việt ở đây".nfd().collect();
        for w in 0..=20 {
            let t = truncate(&nfd, w);
            assert!(width(&t) <= w);
            let kept = t.trim_end_matches('…');
            assert!(nfd.starts_with(kept));
            let next = nfd[kept.len()..].chars().next();
            assert!(
                !next.is_some_and(is_combining_mark),
                "split grapheme at {w}"
            );
        }
    }

    #[test]
    fn sanitize_cases() {
        let s = sanitize("\x1b[31mred");
        assert!(!s.contains('\x1b'));
        assert_eq!(s, "␛[31mred");
        assert!(!sanitize("\u{202E}abc").contains('\u{202E}'));
        assert_eq!(sanitize("a\u{7}\u{7f}\u{85}b\n\tc"), "a␇␡\u{fffd}b  c");
        assert_eq!(sanitize("a\u{200b}b\u{feff}"), "ab");
        assert!(matches!(
            sanitize("Tuyên truyền pháp luật"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(sanitize(""), Cow::Borrowed(_)));
    }

    #[test]
    fn one_line_cases() {
        assert_eq!(one_line("  a\r\n\r\nb\tc \n"), "a b c");
        let nfd: String = "Việt".nfd().collect();
        assert_eq!(one_line(&nfd), "Việt");
        assert_eq!(nfc(&nfd), "Việt");
    }

    /// Chars that must never survive [`sanitize`].
    fn unsafe_for_terminal(c: char) -> bool {
        matches!(
            c,
            '\0'..='\u{1f}'
                | '\u{7f}'..='\u{9f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200b}'..='\u{200f}'
                | '\u{2060}'
                | '\u{feff}'
                | '\u{61c}'
        )
    }

    fn vi_letters() -> Vec<char> {
        let mut letters = vec![' '];
        for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY".chars() {
            letters.push(base);
            for tone in ['\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}'] {
                let composed: String = [base, tone].iter().collect::<String>().nfc().collect();
                letters.extend(composed.chars());
            }
        }
        letters.extend("bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX".chars());
        letters
    }

    proptest! {
        #[test]
        fn prop_truncate_fits(chars in prop::collection::vec(any::<char>(), 0..40), w in 0usize..300) {
            let s: String = chars.into_iter().collect();
            let t = truncate(&s, w);
            prop_assert!(width(&t) <= w);
        }

        #[test]
        fn prop_truncate_fits_text(s in "\\PC{0,60}", w in 0usize..80) {
            prop_assert!(width(&truncate(&s, w)) <= w);
        }

        #[test]
        fn prop_sanitize_clean(chars in prop::collection::vec(any::<char>(), 0..60)) {
            let s: String = chars.into_iter().collect();
            let out = sanitize(&s);
            for c in out.chars() {
                prop_assert!(!unsafe_for_terminal(c), "{:?} in {:?}", c, out);
            }
        }

        #[test]
        fn prop_fold_aligned_vietnamese(
            chars in prop::collection::vec(prop::sample::select(vi_letters()), 0..60)
        ) {
            let s: String = chars.into_iter().collect();
            prop_assert_eq!(nfc(&s), s.clone());
            let f = fold_aligned(&s);
            prop_assert_eq!(f.chars().count(), s.chars().count());
            prop_assert_eq!(f, fold(&s));
        }

        #[test]
        fn prop_fold_aligned_any(s in "\\PC{0,40}") {
            let s = nfc(&s);
            prop_assert_eq!(fold_aligned(&s).chars().count(), s.chars().count());
        }
    }

    #[test]
    fn inert_keeps_lines_and_letters_and_disarms_the_rest() {
        assert!(matches!(inert("Họp dân\nthôn 3\tdc"), Cow::Borrowed(_)));
        assert_eq!(
            inert("a\u{1b}]0;x\u{7}b\u{9b}2Jc\u{202e}d\u{200b}e\r\nf\rg"),
            "a␛]0;x␇b\u{fffd}2Jc\u{fffd}de\nf\ng"
        );
    }
}
