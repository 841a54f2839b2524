//! The eight PAPI dimensions (chỉ số nội dung) plus area 0 "Chung", with
//! their Vietnamese and English names, the short forms plans use, and the
//! sub-dimensions as catalog data.

use serde::{Deserialize, Serialize};

/// An area by its number: 0 = Chung (general), 1–8 = the PAPI dimensions.
/// Stored as the bare number (bincode and JSON see a `u8`). Any number can
/// be held, since stored data and typed input may name one the catalog
/// does not have; `Board::apply` refuses those (`is_known`).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct AreaId(u8);

impl AreaId {
    /// Area 0, "Chung": tasks of no single dimension.
    pub const GENERAL: AreaId = AreaId(0);

    pub const fn new(n: u8) -> AreaId {
        AreaId(n)
    }

    /// The area's number.
    pub const fn get(self) -> u8 {
        self.0
    }

    /// The area's number as an index (tables of the nine areas by number).
    pub const fn index(self) -> usize {
        self.0 as usize
    }

    /// Whether the catalog has this area (0–8).
    pub const fn is_known(self) -> bool {
        self.0 <= MAX_AREA.0
    }

    /// Whether it is one of the eight scored PAPI dimensions (1–8).
    pub const fn is_dimension(self) -> bool {
        self.0 >= 1 && self.0 <= MAX_AREA.0
    }

    /// The area a digit or number names ("3", " 8 "), if the catalog has it.
    pub fn parse(s: &str) -> Option<AreaId> {
        let n: u8 = s.trim().parse().ok()?;
        Some(AreaId(n)).filter(|a| a.is_known())
    }

    /// The area of a digit key ('0'–'8').
    pub fn from_digit(c: char) -> Option<AreaId> {
        let n = c.to_digit(10)?;
        Some(AreaId(n as u8)).filter(|a| a.is_known())
    }
}

impl From<u8> for AreaId {
    fn from(n: u8) -> AreaId {
        AreaId(n)
    }
}

impl std::fmt::Display for AreaId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// Highest area number.
pub const MAX_AREA: AreaId = AreaId(8);

/// One dimension of the catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Area {
    pub id: AreaId,
    /// Full Vietnamese name as PAPI publishes it.
    pub vi: &'static str,
    /// English name.
    pub en: &'static str,
    /// Short name for narrow screens.
    pub short_vi: &'static str,
    pub short_en: &'static str,
    /// Other wordings plans use for the same dimension (matched accent-insensitively).
    pub aliases: &'static [&'static str],
    /// Sub-dimensions (nội dung thành phần); editable catalog data, not hard truth.
    pub subs: &'static [&'static str],
}

/// All areas, in display order 1–8 then 0.
pub const AREAS: [Area; 9] = [
    Area {
        id: AreaId(1),
        vi: "Tham gia của người dân ở cấp cơ sở",
        en: "Participation at local levels",
        short_vi: "Tham gia",
        short_en: "Participation",
        aliases: &["Tham gia của người dân ở cơ sở", "Tham gia của người dân"],
        subs: &[
            "Tri thức công dân",
            "Cơ hội tham gia",
            "Chất lượng bầu cử",
            "Đóng góp tự nguyện",
        ],
    },
    Area {
        id: AreaId(2),
        vi: "Công khai, minh bạch trong việc ra quyết định ở địa phương",
        en: "Transparency in local decision-making",
        short_vi: "Công khai, minh bạch",
        short_en: "Transparency",
        aliases: &[
            "Công khai, minh bạch trong hoạch định chính sách",
            "Công khai, minh bạch",
        ],
        subs: &[
            "Tiếp cận thông tin",
            "Công khai danh sách hộ nghèo",
            "Công khai thu chi ngân sách cấp xã",
            "Công khai quy hoạch, kế hoạch sử dụng đất và khung giá đất",
        ],
    },
    Area {
        id: AreaId(3),
        vi: "Trách nhiệm giải trình với người dân",
        en: "Vertical accountability towards citizens",
        short_vi: "Trách nhiệm giải trình",
        short_en: "Accountability",
        aliases: &["Trách nhiệm giải trình"],
        subs: &[
            "Tương tác với chính quyền",
            "Giải quyết khiếu nại, tố cáo",
            "Tiếp cận dịch vụ tư pháp",
        ],
    },
    Area {
        id: AreaId(4),
        vi: "Kiểm soát tham nhũng trong khu vực công",
        en: "Control of corruption in the public sector",
        short_vi: "Kiểm soát tham nhũng",
        short_en: "Control of corruption",
        aliases: &["Kiểm soát tham nhũng"],
        subs: &[
            "Kiểm soát tham nhũng trong chính quyền địa phương",
            "Kiểm soát tham nhũng trong cung ứng dịch vụ công",
            "Công bằng trong tuyển dụng vào khu vực nhà nước",
            "Quyết tâm chống tham nhũng",
        ],
    },
    Area {
        id: AreaId(5),
        vi: "Thủ tục hành chính công",
        en: "Public administrative procedures",
        short_vi: "Thủ tục hành chính",
        short_en: "Admin. procedures",
        aliases: &["Thủ tục hành chính"],
        subs: &[
            "Dịch vụ chứng thực, xác nhận",
            "Cấp phép xây dựng",
            "Cấp giấy chứng nhận quyền sử dụng đất",
            "Thủ tục hành chính cấp xã",
        ],
    },
    Area {
        id: AreaId(6),
        vi: "Cung ứng dịch vụ công",
        en: "Public service delivery",
        short_vi: "Dịch vụ công",
        short_en: "Public services",
        aliases: &["Cung ứng dịch vụ công"],
        subs: &[
            "Y tế công lập",
            "Giáo dục tiểu học công lập",
            "Cơ sở hạ tầng căn bản",
            "An ninh, trật tự khu dân cư",
        ],
    },
    Area {
        id: AreaId(7),
        vi: "Quản trị môi trường",
        en: "Environmental governance",
        short_vi: "Môi trường",
        short_en: "Environment",
        aliases: &["Quản trị môi trường"],
        subs: &[
            "Mức độ nghiêm túc trong bảo vệ môi trường",
            "Chất lượng không khí",
            "Chất lượng nước",
        ],
    },
    Area {
        id: AreaId(8),
        vi: "Quản trị điện tử",
        en: "E-governance",
        short_vi: "Quản trị điện tử",
        short_en: "E-governance",
        aliases: &["Quản trị điện tử"],
        subs: &[
            "Sử dụng cổng thông tin điện tử của chính quyền",
            "Tiếp cận và sử dụng Internet",
        ],
    },
    Area {
        id: AreaId(0),
        vi: "Chung",
        en: "General",
        short_vi: "Chung",
        short_en: "General",
        aliases: &[],
        subs: &[],
    },
];

/// The area with this number, if it exists.
pub fn area(id: AreaId) -> Option<&'static Area> {
    AREAS.iter().find(|a| a.id == id)
}

/// Name in the given language (`true` = Vietnamese).
pub fn area_name(id: AreaId, vi: bool) -> &'static str {
    match area(id) {
        Some(a) if vi => a.vi,
        Some(a) => a.en,
        None => "?",
    }
}

/// Find the area a heading names, by its full name or a short form
/// (accent- and case-insensitive, the text may hold more words around it).
pub fn area_from_heading(heading: &str) -> Option<AreaId> {
    let h = super::text::fold(heading);
    // Longest names first so "Tham gia của người dân ở cấp cơ sở" wins over shorter ones.
    let mut best: Option<(usize, AreaId)> = None;
    for a in AREAS.iter().filter(|a| a.id.is_dimension()) {
        for name in std::iter::once(&a.vi).chain(a.aliases.iter()) {
            let f = super::text::fold(name);
            if h.contains(&f) && best.is_none_or(|(len, _)| f.len() > len) {
                best = Some((f.len(), a.id));
            }
        }
    }
    best.map(|(_, id)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_has_nine_distinct_areas_with_names() {
        let mut ids: Vec<u8> = AREAS.iter().map(|a| a.id.get()).collect();
        ids.sort();
        assert_eq!(ids, (0..=8).collect::<Vec<_>>());
        for a in AREAS.iter().filter(|a| a.id.is_dimension()) {
            assert!(!a.vi.is_empty() && !a.en.is_empty() && !a.subs.is_empty());
        }
        let subs: usize = AREAS.iter().map(|a| a.subs.len()).sum();
        assert_eq!(subs, 28, "PAPI has 28 sub-dimensions since 2018");
    }

    #[test]
    fn headings_of_the_plan_map_to_their_dimension() {
        let cases = [
            ("1.1. Nội dung “Tham gia của người dân ở cơ sở”", 1),
            (
                "Nội dung “Công khai, minh bạch trong hoạch định chính sách”",
                2,
            ),
            ("Trách nhiệm giải trình với người dân", 3),
            ("KIỂM SOÁT THAM NHŨNG TRONG KHU VỰC CÔNG", 4),
            ("1.5. Nội dung “Thủ tục hành chính”", 5),
            ("Cung ung dich vu cong", 6),
            ("Quản trị môi trường", 7),
            ("Quản trị điện tử", 8),
        ];
        for (h, want) in cases {
            assert_eq!(area_from_heading(h), Some(AreaId::new(want)), "{h}");
        }
        assert_eq!(area_from_heading("Công tác thông tin, tuyên truyền"), None);
    }
}
