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
        meta.number = number.trim().to_string();
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
    if meta.target.is_empty()
        && let Some(p) = line.find("tăng bậc")
    {
        let t = &line[p..];
        let end = t.find(['.', ';']).unwrap_or(t.len());
        meta.target = t[..end].trim().to_string();
    }
}
