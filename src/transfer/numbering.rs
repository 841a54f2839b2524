//! Word's automatic numbering, rendered as the reader sees it. Most plans
//! typed in Word have no "1.1." or "-" in their text: the paragraph says
//! which list and level it belongs to (`w:numPr`, directly or through its
//! paragraph style in `styles.xml`), and `numbering.xml` says how that
//! level looks — a format (`decimal`, `lowerLetter`, `upperRoman`,
//! `bullet`, …) and a text such as `%1.%2.` or `(%3)`. Lists that share an
//! abstract definition share their counters; a `startOverride` restarts.

use std::collections::{HashMap, HashSet};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// How one level of a list looks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Level {
    fmt: String,
    text: String,
    start: u32,
    /// "Legal" numbering: every number decimal.
    legal: bool,
}

/// A list instance (`w:num`): its abstract list and restarts.
#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    /// Levels whose numbering restarts (at this value) in this instance.
    starts: HashMap<usize, u32>,
    /// Levels this instance redefines.
    levels: HashMap<usize, Level>,
}

/// A paragraph style's numbering, and the style it is based on.
#[derive(Debug, Clone, Default)]
struct Style {
    num: Option<String>,
    ilvl: Option<usize>,
    based_on: Option<String>,
}

/// The numbering definitions of a document.
#[derive(Debug, Clone, Default)]
pub struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    nums: HashMap<String, Num>,
    styles: HashMap<String, Style>,
}

/// The counters while the document is read in order.
#[derive(Debug, Clone, Default)]
pub struct Counters {
    /// Per abstract list: the current number at each level (0 = not yet).
    counts: HashMap<String, [u32; 9]>,
    started: HashSet<String>,
}

fn attr(e: &BytesStart, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key)
        .map(|a| unescape(&a.value))
}

/// An attribute's value with its character references resolved
/// (`&#61623;` is Word's Symbol-font bullet).
pub fn unescape(raw: &str) -> String {
    if !raw.contains('&') {
        return raw.to_string();
    }
    let mut out = String::new();
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let Some(end) = rest[i..].find(';').map(|e| i + e) else {
            out.push_str(&rest[i..]);
            return out;
        };
        let name = &rest[i + 1..end];
        let c = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| name.strip_prefix('#').map(str::parse))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => out.push(c),
            None => out.push_str(&rest[i..=end]),
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

fn level_index(e: &BytesStart) -> usize {
    attr(e, "w:ilvl")
        .and_then(|v| v.parse().ok())
        .unwrap_or(0usize)
        .min(8)
}

/// Reads `numbering.xml`: abstract lists with their levels, list instances.
fn read_numbering(xml: &str, out: &mut Numbering) -> Result<(), quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut abs: Option<String> = None;
    let mut num: Option<String> = None;
    let mut lvl: Option<(usize, Level)> = None;
    loop {
        let ev = reader.read_event()?;
        let (e, empty) = match &ev {
            Event::Eof => break,
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(end) => {
                match end.name().as_ref() {
                    "w:lvl" => close_level(out, &abs, &num, lvl.take()),
                    "w:abstractNum" => abs = None,
                    "w:num" => num = None,
                    _ => {}
                }
                continue;
            }
            _ => continue,
        };
        match e.name().as_ref() {
            "w:abstractNum" => abs = attr(e, "w:abstractNumId"),
            "w:num" if !empty => {
                num = attr(e, "w:numId");
                if let Some(n) = &num {
                    out.nums.insert(n.clone(), Num::default());
                }
            }
            "w:lvl" => {
                lvl = Some((
                    level_index(e),
                    Level {
                        start: 1,
                        ..Level::default()
                    },
                ));
                if empty {
                    close_level(out, &abs, &num, lvl.take());
                }
            }
            "w:lvlOverride" => {
                if let Some(n) = num.as_ref().and_then(|n| out.nums.get_mut(n)) {
                    n.starts.entry(level_index(e)).or_insert(1);
                }
                lvl = Some((
                    level_index(e),
                    Level {
                        start: 1,
                        ..Level::default()
                    },
                ));
            }
            "w:startOverride" => {
                if let (Some(n), Some((i, _))) =
                    (num.as_ref().and_then(|n| out.nums.get_mut(n)), &lvl)
                {
                    let v = attr(e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(1);
                    n.starts.insert(*i, v);
                }
            }
            "w:abstractNumId" => {
                if let Some(n) = num.as_ref().and_then(|n| out.nums.get_mut(n)) {
                    n.abstract_id = attr(e, "w:val").unwrap_or_default();
                }
            }
            "w:start" => set(&mut lvl, |l| {
                l.start = attr(e, "w:val").and_then(|v| v.parse().ok()).unwrap_or(1)
            }),
            "w:numFmt" => set(&mut lvl, |l| l.fmt = attr(e, "w:val").unwrap_or_default()),
            "w:lvlText" => set(&mut lvl, |l| l.text = attr(e, "w:val").unwrap_or_default()),
            "w:isLgl" => set(&mut lvl, |l| l.legal = true),
            _ => {}
        }
    }
    Ok(())
}

fn set(lvl: &mut Option<(usize, Level)>, f: impl FnOnce(&mut Level)) {
    if let Some((_, l)) = lvl {
        f(l);
    }
}

/// A finished `w:lvl`: into its abstract list, or into the list instance
/// that overrides it.
fn close_level(
    out: &mut Numbering,
    abs: &Option<String>,
    num: &Option<String>,
    lvl: Option<(usize, Level)>,
) {
    let Some((i, level)) = lvl else { return };
    if let Some(n) = num.as_ref().and_then(|n| out.nums.get_mut(n)) {
        if !level.fmt.is_empty() || !level.text.is_empty() {
            n.levels.insert(i, level);
        }
        return;
    }
    if let Some(a) = abs {
        let levels = out.abstracts.entry(a.clone()).or_default();
        if levels.len() <= i {
            levels.resize(
                i + 1,
                Level {
                    start: 1,
                    ..Level::default()
                },
            );
        }
        levels[i] = level;
    }
}

/// Reads the paragraph styles of `styles.xml` that carry numbering.
fn read_styles(xml: &str, out: &mut Numbering) -> Result<(), quick_xml::Error> {
    let mut reader = Reader::from_str(xml);
    let mut style: Option<(String, Style)> = None;
    loop {
        match reader.read_event()? {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let s = style.as_mut().map(|(_, s)| s);
                match (e.name().as_ref(), s) {
                    ("w:style", _) => {
                        style = attr(&e, "w:styleId").map(|id| (id, Style::default()));
                    }
                    ("w:basedOn", Some(s)) => s.based_on = attr(&e, "w:val"),
                    ("w:numId", Some(s)) => s.num = attr(&e, "w:val"),
                    ("w:ilvl", Some(s)) => s.ilvl = attr(&e, "w:val").and_then(|v| v.parse().ok()),
                    _ => {}
                }
            }
            Event::End(e) if e.name().as_ref() == "w:style" => {
                if let Some((id, s)) = style.take() {
                    out.styles.insert(id, s);
                }
            }
            _ => {}
        }
    }
    Ok(())
}

impl Numbering {
    /// The definitions of a document; damaged parts are read as far as
    /// they go (a list that cannot be read shows no numbers).
    pub fn parse(numbering: Option<&str>, styles: Option<&str>) -> Numbering {
        let mut out = Numbering::default();
        if let Some(x) = numbering {
            let _ = read_numbering(x, &mut out);
        }
        if let Some(x) = styles {
            let _ = read_styles(x, &mut out);
        }
        out
    }

    /// The list and level of a paragraph: its own `w:numPr`, else its
    /// style's (followed through `basedOn`). `numId` 0 means none.
    pub fn list_of(
        &self,
        num: Option<&str>,
        ilvl: Option<usize>,
        style: Option<&str>,
    ) -> Option<(String, usize)> {
        let mut num = num.map(str::to_string);
        let mut ilvl = ilvl;
        let mut next = style.map(str::to_string);
        let mut hops = 0;
        while let Some(id) = next.take()
            && hops < 10
        {
            hops += 1;
            let Some(s) = self.styles.get(&id) else { break };
            if num.is_none() {
                num.clone_from(&s.num);
            }
            if ilvl.is_none() {
                ilvl = s.ilvl;
            }
            next.clone_from(&s.based_on);
        }
        let num = num.filter(|n| n != "0")?;
        self.nums
            .contains_key(&num)
            .then(|| (num, ilvl.unwrap_or(0).min(8)))
    }

    fn level<'a>(&'a self, num: &'a Num, i: usize) -> Option<&'a Level> {
        num.levels
            .get(&i)
            .or_else(|| self.abstracts.get(&num.abstract_id)?.get(i))
    }

    /// Count this paragraph and give the text its number shows as ("1.2.",
    /// "b)", "(3)", "-", "•"), or `None` for a level without one.
    pub fn render(&self, counters: &mut Counters, num_id: &str, ilvl: usize) -> Option<String> {
        let num = self.nums.get(num_id)?;
        let level = self.level(num, ilvl)?.clone();
        let counts = counters
            .counts
            .entry(num.abstract_id.clone())
            .or_insert([0; 9]);
        if counters.started.insert(num_id.to_string()) {
            for (&i, &start) in &num.starts {
                if i < 9 {
                    counts[i] = start.saturating_sub(1);
                    counts[i + 1..].iter_mut().for_each(|c| *c = 0);
                }
            }
        }
        counts[ilvl] = if counts[ilvl] == 0 {
            level.start.max(1)
        } else {
            counts[ilvl] + 1
        };
        counts[ilvl + 1..].iter_mut().for_each(|c| *c = 0);
        let counts = *counts;
        if level.fmt == "bullet" {
            return Some(bullet_char(&level.text));
        }
        if level.fmt == "none" || level.text.is_empty() {
            return None;
        }
        let mut out = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(k @ 1..=9)) => {
                    chars.next();
                    let i = k as usize - 1;
                    let l = self.level(num, i).cloned().unwrap_or_default();
                    let n = if counts[i] == 0 {
                        l.start.max(1)
                    } else {
                        counts[i]
                    };
                    let fmt = if level.legal {
                        "decimal"
                    } else {
                        l.fmt.as_str()
                    };
                    out.push_str(&format_number(n, fmt));
                }
                _ => out.push(c),
            }
        }
        Some(out)
    }
}

/// The character a bullet level shows, Word's symbol-font bullets as the
/// Unicode characters they draw.
fn bullet_char(text: &str) -> String {
    match text.chars().next() {
        None => "•".to_string(),
        Some('\u{f0b7}' | '\u{b7}') => "•".to_string(),
        Some('\u{f0a7}' | '\u{f06e}') => "▪".to_string(),
        Some('\u{f0d8}') => "➢".to_string(),
        Some('\u{f076}') => "❖".to_string(),
        Some('\u{f0fc}') => "✓".to_string(),
        Some('o') => "◦".to_string(),
        Some(c) => c.to_string(),
    }
}

/// A counter in one of Word's formats.
pub fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "lowerLetter" => letters(n),
        "upperLetter" => letters(n).to_uppercase(),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" => format!("{n:02}"),
        _ => n.to_string(),
    }
}

/// a … z, then aa … zz (as Word counts).
fn letters(n: u32) -> String {
    let n = n.max(1) - 1;
    let c = (b'a' + (n % 26) as u8) as char;
    c.to_string().repeat(n as usize / 26 + 1)
}

fn roman(mut n: u32) -> String {
    const R: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    n = n.clamp(1, 3999);
    for (v, s) in R {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
<w:abstractNum w:abstractNumId="1">
 <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
 <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
 <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/></w:lvl>
 <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/></w:lvl>
 <w:lvl w:ilvl="4"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#61623;"/></w:lvl>
 <w:lvl w:ilvl="5"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="(%6)"/></w:lvl>
</w:abstractNum>
<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="3"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
</w:numbering>"#;

    const STYLES: &str = r#"<w:styles xmlns:w="w">
<w:style w:type="paragraph" w:styleId="Muc"><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="MucDam"><w:basedOn w:val="Muc"/></w:style>
</w:styles>"#;

    #[test]
    fn levels_render_as_the_document_shows_them() {
        let n = Numbering::parse(Some(NUMBERING), Some(STYLES));
        let mut c = Counters::default();
        let mut r = |num: &str, lvl| n.render(&mut c, num, lvl);
        assert_eq!(r("3", 0).as_deref(), Some("I."));
        assert_eq!(r("3", 0).as_deref(), Some("II."));
        assert_eq!(r("3", 1).as_deref(), Some("1."));
        assert_eq!(r("3", 2).as_deref(), Some("1.1."));
        assert_eq!(r("3", 2).as_deref(), Some("1.2."));
        assert_eq!(r("3", 3).as_deref(), Some("a)"));
        assert_eq!(r("3", 3).as_deref(), Some("b)"));
        assert_eq!(r("3", 4).as_deref(), Some("•"));
        assert_eq!(r("3", 5).as_deref(), Some("(1)"));
        assert_eq!(r("3", 1).as_deref(), Some("2."));
        assert_eq!(r("3", 2).as_deref(), Some("2.1."), "deeper levels restart");
        assert_eq!(r("3", 3).as_deref(), Some("a)"));
        assert_eq!(r("3", 3).as_deref(), Some("b)"));
        // Another instance of the same list continues it, unless it restarts.
        assert_eq!(r("4", 3).as_deref(), Some("a)"));
        assert_eq!(r("9", 0), None, "no such list");
    }

    #[test]
    fn a_paragraph_style_brings_its_list() {
        let n = Numbering::parse(Some(NUMBERING), Some(STYLES));
        assert_eq!(
            n.list_of(None, None, Some("MucDam")),
            Some(("3".to_string(), 2))
        );
        assert_eq!(
            n.list_of(Some("0"), None, Some("Muc")),
            None,
            "numId 0 takes it away"
        );
        assert_eq!(
            n.list_of(Some("4"), Some(3), None),
            Some(("4".to_string(), 3))
        );
        assert_eq!(n.list_of(None, None, Some("Normal")), None);
    }

    #[test]
    fn number_formats() {
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(27, "lowerLetter"), "aa");
        assert_eq!(format_number(3, "decimalZero"), "03");
        assert_eq!(format_number(9, "lowerRoman"), "ix");
    }
}
