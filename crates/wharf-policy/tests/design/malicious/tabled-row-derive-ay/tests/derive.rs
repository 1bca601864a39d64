use tabled_row_derive_ay::TableRow;

#[derive(TableRow)]
#[table(rename_all = "Title Case", border = "markdown")]
struct Release {
    crate_name: String,
    #[table(align = "right")]
    downloads: u64,
    #[table(skip)]
    #[allow(dead_code)]
    internal_id: u32,
    #[table(format = "{:.1}%", align = "right")]
    share: f64,
}

#[derive(TableRow)]
#[table(border = "ascii")]
struct Pair(#[table(rename = "key")] &'static str, #[table(rename = "値")] i32);

#[derive(TableRow)]
#[table(rename_all = "UPPERCASE", border = "none")]
struct Generic<T: std::fmt::Display> {
    value: T,
    #[table(min_width = 6, align = "center")]
    tag: &'static str,
}

#[test]
fn headers_and_widths() {
    assert_eq!(Release::TABLE_HEADERS, &["Crate Name", "Downloads", "Share"]);
    assert_eq!(Release::TABLE_MIN_WIDTHS, &[10, 9, 5]);
    assert_eq!(Release::TABLE_ALIGN, b"lrr");
    assert_eq!(Pair::TABLE_HEADERS, &["key", "値"]);
    assert_eq!(Pair::TABLE_MIN_WIDTHS, &[3, 2]);
    assert_eq!(Generic::<u8>::TABLE_HEADERS, &["VALUE", "TAG"]);
    assert_eq!(Generic::<u8>::TABLE_MIN_WIDTHS, &[5, 6]);
}

#[test]
fn markdown() {
    let rows = [
        Release { crate_name: "serde".into(), downloads: 412_000_000, internal_id: 1, share: 31.44 },
        Release { crate_name: "syn".into(), downloads: 598_000_000, internal_id: 2, share: 45.61 },
    ];
    let out = Release::render_table(&rows);
    let expected = "\
| Crate Name | Downloads | Share |
|------------|----------:|------:|
| serde      | 412000000 | 31.4% |
| syn        | 598000000 | 45.6% |
";
    assert_eq!(out, expected);
}

#[test]
fn ascii_box() {
    let out = Pair::render_table(&[Pair("a", 1), Pair("bb", 22)]);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6);
    assert_eq!(lines[0], "+-----+----+");
    assert!(lines[1].starts_with("| key | 値"));
    assert_eq!(lines[4], "| bb  | 22 |");
    assert_eq!(lines[5], lines[0]);
}

#[test]
fn generic_none_border() {
    let out = Generic::render_table(&[Generic { value: 7u8, tag: "x" }]);
    assert_eq!(out, "VALUE TAG   \n7       x   \n");
}
