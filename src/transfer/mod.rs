//! Getting plans in and reports out: the plan reader, the unit rules, the
//! default board built from the sample plan, importing plans (.docx, .pdf,
//! .doc, .txt, .md) and task tables (.xlsx, .xls, .ods, .csv), and
//! exporting the progress report (.xlsx, .csv, .md, .json).

pub mod area_rules;
pub mod decode;
pub mod document;
pub mod docx;
pub mod export;
pub mod generate;
pub mod grid;
pub mod import;
pub mod import_msg;
pub mod import_plan;
pub mod import_table;
pub mod json;
pub mod json_out;
pub mod legacy;
pub mod numbering;
pub mod outline;
pub mod pdf;
mod pdf_layout;
pub mod plan;
pub mod report_docx;
pub mod report_rows;
pub mod report_table;
pub mod review;
pub mod rules;
pub mod sample;
pub mod table;
pub mod units;
pub mod xlsx;
