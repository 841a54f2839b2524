//! SSH load benchmark (issue 8): written next.

fn main() {}
