//! Inputs the `fuzz_pages` fuzzer found, reduced to what made them hostile, with the outcome
//! they must have now.

#[path = "../examples/fuzz_pages/alloc.rs"]
mod alloc;

use codegen::parse::read_page;

#[global_allocator]
static ALLOC: alloc::Counting = alloc::Counting;

/// A website-text page with a table header thousands of cells wide and thousands of rows that
/// do not fit it. Every row was padded to the header's width and every row's error repeated
/// the whole header: 1 GB of heap and seconds for a 143 KB page. Now each row keeps its own
/// cells and the error shows the header shortened.
#[test]
fn a_wide_table_costs_rows_plus_columns_not_rows_times_columns() {
    let mut page = String::from("GET Widget\nGET /api/v1/Widget\nResponse:\nOK\n");
    let header: Vec<String> = (1..5000).map(|i| format!("h{i}")).collect();
    page.push_str(&format!("Property Name | {} |\n", header.join(" | ")));
    page.push_str("---|---|\n");
    for _ in 0..5000 {
        page.push_str("a | b |\n");
    }
    let base = alloc::start();
    let errors = read_page("wide.txt", page.as_bytes()).expect_err("rows that do not fit");
    let peak = alloc::peak_since(base);
    assert_eq!(errors.len(), 5000);
    assert_eq!(
        errors[0].to_string(),
        "wide.txt:7: table row has 2 cell(s), expected 5000 to match the header \
         `Property Name | h1 | h2 | h3 | h4 | h5 | h6 | h7 | h8 | h9 | h10 | h11 | h12 | h13 | \
         h14 | h15 | h16 | h17 | h18 | h19 |… (5000 cells)`"
    );
    assert!(
        peak < 64 * page.len(),
        "peak heap growth {peak} bytes for a page of {} bytes",
        page.len()
    );
}
