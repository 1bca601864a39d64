use gh_annotations::{group, set_output, summary, Annotation};

fn main() -> std::io::Result<()> {
    let issues = [("src/lib.rs", 12, "unused variable `x`"), ("src/main.rs", 3, "needless borrow")];
    {
        let _g = group("lint");
        for (file, line, msg) in issues {
            Annotation::warning(msg).file(file).line(line).emit();
        }
    }
    set_output("warnings", &issues.len().to_string())?;
    let count = issues.len().to_string();
    summary().heading(2, "Lint").table(&[["warnings", count.as_str()]]).write()
}
