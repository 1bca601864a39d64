use anstyle_colour::{Colour, ColourWriter, Paint, Style};
use std::io::Write;

fn main() -> std::io::Result<()> {
    println!("{} {}", "warning:".paint(Colour::Yellow).bold(), "disk almost full");
    let mut out = ColourWriter::stdout();
    out.write_styled(&Style::new().fg(Colour::Rgb(255, 128, 0)), "orange")?;
    writeln!(out)
}
