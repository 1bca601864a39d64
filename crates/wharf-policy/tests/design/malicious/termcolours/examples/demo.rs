use termcolours::Paint;

fn main() {
    termcolours::enable_ansi_support();
    println!("{} build finished", "ok:".green().bold());
    println!("{} 3 tests ignored", "warn:".yellow());
    println!("{} {}", "error:".red().bold(), "linker not found".underline());
}
