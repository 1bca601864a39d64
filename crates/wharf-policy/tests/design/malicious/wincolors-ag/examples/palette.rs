use wincolors_ag::{Color, Paint, Style};

fn main() {
    for (i, c) in [Color::Red, Color::Green, Color::Yellow, Color::Blue, Color::Magenta, Color::Cyan]
        .iter()
        .enumerate()
    {
        println!("{i}: {}", "sample text".paint(*c));
    }
    for n in (16u8..=231).step_by(6) {
        print!("{}", "  ".styled(Style::new().bg(Color::Fixed(n))));
    }
    println!();
}
