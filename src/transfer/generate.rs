//! Synthetic boards for benchmarks and for trying the board at scale:
//! realistic Vietnamese titles, every dimension and unit, deadlines spread
//! over the plan year, a mix of statuses. Deterministic for a given seed.

use chrono::{Duration, NaiveDate};

use crate::domain::deadline::DueKind;
use crate::domain::task::{Due, Status, Task};
use crate::domain::unit::Unit;

const VERBS: &[&str] = &[
    "Tuyên truyền",
    "Niêm yết công khai",
    "Rà soát",
    "Kiểm tra",
    "Tổ chức hội nghị về",
    "Cập nhật",
    "Báo cáo kết quả",
    "Hướng dẫn người dân về",
    "Đôn đốc thực hiện",
    "Tập huấn",
    "Lấy ý kiến nhân dân về",
    "Đối thoại với người dân về",
    "Khảo sát sự hài lòng về",
    "Số hóa hồ sơ",
];
const OBJECTS: &[&str] = &[
    "danh sách hộ nghèo, cận nghèo",
    "thủ tục hành chính cấp xã",
    "quy hoạch sử dụng đất",
    "thu, chi ngân sách xã",
    "phân loại rác thải tại nguồn",
    "dịch vụ công trực tuyến",
    "quy chế dân chủ ở cơ sở",
    "giải quyết khiếu nại, tố cáo",
    "bảo hiểm y tế tự nguyện",
    "an ninh trật tự khu dân cư",
    "khung giá đất năm 2025",
    "trang thông tin điện tử xã",
    "đóng góp xây dựng nông thôn mới",
    "phòng, chống tham nhũng",
    "chất lượng nước sạch",
    "hòa giải ở cơ sở",
    "cấp giấy chứng nhận quyền sử dụng đất",
    "trường chuẩn quốc gia",
];
const PLACES: &[&str] = &[
    "",
    "",
    " tại thôn Đông",
    " tại thôn Tây",
    " tại thôn Thượng",
    " tại thôn Hạ",
    " ở các thôn",
    " tại trụ sở UBND xã",
    " tại nhà văn hóa thôn",
    " đợt 1",
    " đợt 2",
    " quý II",
    " 6 tháng đầu năm",
];

/// A small, fast, deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// `n` synthetic tasks for `year`, led by the given units; ids 1..=n.
pub fn generate(n: usize, seed: u64, year: i32, units: &[Unit], now: i64) -> Vec<Task> {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let start = NaiveDate::from_ymd_opt(year, 1, 1).expect("valid year");
    (1..=n as u64)
        .map(|id| {
            let title = format!(
                "{} {}{}",
                rng.pick(VERBS),
                rng.pick(OBJECTS),
                rng.pick(PLACES)
            );
            let area = rng.below(9) as u8;
            let lead = units[rng.below(units.len())].code.clone();
            let mut t = Task::new(&title, area, &lead);
            t.id = id;
            if rng.below(3) == 0 {
                let s = units[rng.below(units.len())].code.clone();
                if s != lead {
                    t.support.push(s);
                }
            }
            t.description = format!("{title}. Nhiệm vụ mẫu số {id} để thử bảng với nhiều dữ liệu.");
            t.due = match rng.below(10) {
                0 | 1 => Due::ongoing(),
                2 => Due::none(),
                _ => {
                    let d = start + Duration::days(rng.below(365) as i64);
                    Due {
                        kind: Some(DueKind::Date),
                        date: Some(d),
                        text: Some(d.format("%d/%m/%Y").to_string()),
                    }
                }
            };
            t.status = match rng.below(10) {
                0..=3 => Status::Todo,
                4..=6 => Status::Doing,
                7 => Status::Blocked,
                _ => Status::Done,
            };
            t.progress = match t.status {
                Status::Todo => 0,
                Status::Done => 100,
                _ => (rng.below(10) * 10) as u8,
            };
            t.created_at = now;
            t.updated_at = now;
            if t.status == Status::Done {
                let base = t.due.date.unwrap_or(start + Duration::days(180));
                let done = base + Duration::days(rng.below(30) as i64 - 20);
                t.completed_at = Some(
                    done.and_hms_opt(3, 0, 0)
                        .expect("valid time")
                        .and_utc()
                        .timestamp_millis(),
                );
            }
            t
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_spread() {
        let units = crate::domain::unit::plan_preset();
        let a = generate(2000, 7, 2025, &units, 0);
        assert_eq!(a, generate(2000, 7, 2025, &units, 0));
        assert_ne!(a, generate(2000, 8, 2025, &units, 0));
        for area in 0..=8 {
            assert!(a.iter().any(|t| t.area == area.into()));
        }
        for u in &units {
            assert!(a.iter().any(|t| t.lead == u.code));
        }
        for s in Status::ALL {
            assert!(a.iter().any(|t| t.status == s));
        }
        assert!(a.iter().any(|t| t.due.is_ongoing()));
        let board = crate::domain::board::Board::new(Default::default(), units);
        assert!(a.iter().all(|t| board.validate(t).is_ok()));
    }
}
