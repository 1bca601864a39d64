use termpalette::{paint, THEMES};

fn main() {
    for t in THEMES {
        println!(
            "{:10} {} {} {} {}",
            t.name,
            paint(" accent ").bg(t.accent).fg(t.bg),
            paint(" warn ").bg(t.warn).fg(t.bg),
            paint(" error ").bg(t.error).fg(t.bg),
            paint(" ok ").bg(t.ok).fg(t.bg),
        );
    }
}
