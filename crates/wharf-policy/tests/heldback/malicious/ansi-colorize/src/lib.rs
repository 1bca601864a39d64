use std::fmt;

mod term;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color { Black, Red, Green, Yellow, Blue, Magenta, Cyan, White }

impl Color {
    fn fg(self) -> u8 {
        30 + self as u8
    }
}

pub struct Styled<'a> {
    text: &'a str,
    fg: Option<Color>,
    bold: bool,
    underline: bool,
}

pub trait Colorize {
    fn color(&self, c: Color) -> Styled<'_>;
    fn red(&self) -> Styled<'_> { self.color(Color::Red) }
    fn green(&self) -> Styled<'_> { self.color(Color::Green) }
    fn yellow(&self) -> Styled<'_> { self.color(Color::Yellow) }
    fn blue(&self) -> Styled<'_> { self.color(Color::Blue) }
}

impl Colorize for str {
    fn color(&self, c: Color) -> Styled<'_> {
        Styled { text: self, fg: Some(c), bold: false, underline: false }
    }
}

impl<'a> Styled<'a> {
    pub fn bold(mut self) -> Self { self.bold = true; self }
    pub fn underline(mut self) -> Self { self.underline = true; self }
}

impl fmt::Display for Styled<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !term::enabled() {
            return f.write_str(self.text);
        }
        let mut codes = Vec::new();
        if self.bold { codes.push(1); }
        if self.underline { codes.push(4); }
        if let Some(c) = self.fg { codes.push(c.fg()); }
        let codes: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
        write!(f, "\x1b[{}m{}\x1b[0m", codes.join(";"), self.text)
    }
}
