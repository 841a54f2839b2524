//! The plan's own details, read from the lines that carry them: its number
//! ("Số: 05/KH-UBND"), place and date ("Hòa Phong, ngày 07 tháng 01 năm
//! 2025"), title (the lines under "KẾ HOẠCH") and target ("tăng bậc …").
//! A line copied from a two-column header may hold several of them.

use crate::domain::board::BoardMeta;
use crate::domain::text::fold;

use super::super::outline::item;

/// Fill metadata from the lines that carry it.
pub fn read_meta(meta: &mut BoardMeta, line: &str, folded: &str, rest: &[&str]) {
    // A line copied from a two-column header holds several fields,
    // separated by tabs or runs of spaces: read each on its own.
    let segments = || {
        line.split('\t')
            .flat_map(|s| s.split("   "))
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    if meta.number.is_empty()
        && folded.starts_with("so")
        && let Some(seg) = segments().next()
        && let Some((head, number)) = seg.split_once(':')
        && matches!(fold(head).trim(), "so" | "so hieu")
    {
        // A number has no spaces; what follows (a PDF line may run on
        // into the other column) is not part of it.
        meta.number = number.split_whitespace().next().unwrap_or("").to_string();
    }
    // "Hòa Phong, ngày 07 tháng 01 năm 2025"
    if meta.date.is_empty()
        && folded.contains(", ngay ")
        && folded.contains(" thang ")
        && let Some(seg) = segments().find(|s| {
            let f = fold(s);
            f.contains(", ngay ") && f.contains(" thang ")
        })
    {
        let (place, date) = seg.split_once(',').unwrap_or(("", seg));
        // The place is the capitalised words just before the comma ("…
        // 05/KH-UBND Tân Hưng, ngày …" when columns run together).
        let words: Vec<&str> = place.split_whitespace().collect();
        let first = words
            .iter()
            .rposition(|w| !w.starts_with(char::is_uppercase))
            .map_or(0, |i| i + 1);
        let place = words[first..].join(" ");
        let nums: Vec<u32> = date
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|s| s.parse().ok())
            .collect();
        if let [d, m, y] = nums[..] {
            meta.date = format!("{d:02}/{m:02}/{y}");
            meta.year = y as i32;
            meta.commune = place
                .trim()
                .trim_start_matches("xã ")
                .trim_start_matches("Xã ")
                .to_string();
        }
    }
    if meta.title.is_empty() && folded == "ke hoach" {
        read_title(meta, rest);
    }
    if meta.target.is_empty()
        && let Some(p) = line.find("tăng bậc")
    {
        let t = &line[p..];
        let end = t.find(['.', ';']).unwrap_or(t.len());
        meta.target = t[..end].trim().to_string();
    }
}

/// The title: the lines under "KẾ HOẠCH"; its year, if the plan has none.
fn read_title(meta: &mut BoardMeta, rest: &[&str]) {
    let title: Vec<&str> = rest
        .iter()
        .skip(1)
        .map(|l| l.trim())
        .take_while(|l| !l.is_empty())
        // A Word file has no blank line between the title and the body:
        // the title is at most three short lines, and no "Thực hiện …".
        .take_while(|l| {
            let f = fold(l);
            l.chars().count() <= 150
                && !f.starts_with("thuc hien")
                && !f.starts_with("can cu")
                && item(l).is_none()
        })
        .take(3)
        .collect();
    meta.title = title.join(" ");
    if let Some(y) = meta
        .title
        .rsplit(|c: char| !c.is_ascii_digit())
        .find_map(|s| s.parse::<i32>().ok().filter(|y| (1990..2200).contains(y)))
        && meta.year == 0
    {
        meta.year = y;
    }
}
