//! Getting plans in and reports out: the plan parser, the unit rules, the
//! default board built from the sample plan, importing plans (.txt, .md,
//! .docx) and task tables (.csv, .xlsx), and exporting the progress report
//! (.xlsx, .csv, .md, .json).

pub mod area_rules;
pub mod decode;
pub mod docx;
pub mod export;
pub mod generate;
pub mod grid;
pub mod import;
pub mod import_msg;
pub mod json;
pub mod json_out;
pub mod legacy;
pub mod outline;
pub mod plan;
pub mod report_table;
pub mod rules;
pub mod sample;
pub mod table;
pub mod units;
pub mod xlsx;
