use termhue::{Color, Colorize, Style};

fn main() {
    println!("{} {}", "error:".red().bold(), "could not open config");
    println!("{} {}", "warning:".yellow().bold(), "deprecated flag --foo");
    println!("{}", "  ok  ".on_green().black());
    for i in 0..16u8 {
        print!("{}", Style::new().bg(Color::Fixed(i)).paint("  "));
    }
    println!();
    for r in (0..=255u32).step_by(32) {
        print!("{}", "█".rgb(r as u8, 128, 255 - r as u8));
    }
    println!();
}
