use unicode_width::UnicodeWidthStr;

use crate::DiffStat;

#[derive(Debug, Clone)]
pub struct RenderOptions {
    width: usize,
    color: bool,
    summary: bool,
    max_name: usize,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions { width: 80, color: false, summary: true, max_name: 50 }
    }
}

impl RenderOptions {
    pub fn width(mut self, w: usize) -> Self {
        self.width = w.max(20);
        self
    }
    pub fn color(mut self, c: bool) -> Self {
        self.color = c;
        self
    }
    pub fn summary(mut self, s: bool) -> Self {
        self.summary = s;
        self
    }
    pub fn max_name(mut self, n: usize) -> Self {
        self.max_name = n.max(8);
        self
    }
}

const GREEN: &str = "\x1b[32m";
const RED: &str = "\x1b[31m";
const RESET: &str = "\x1b[0m";

pub(crate) fn render(stat: &DiffStat, o: &RenderOptions) -> String {
    let mut out = String::new();
    if stat.is_empty() {
        return out;
    }
    let names: Vec<String> = stat.files.iter().map(|f| shorten(&display_name(f), o.max_name)).collect();
    let name_w = names.iter().map(|n| n.width()).max().unwrap_or(0);
    let max_churn = stat.files.iter().map(|f| f.churn()).max().unwrap_or(0);
    let num_w = max_churn.to_string().len().max(3);
    let bar_room = o.width.saturating_sub(name_w + num_w + 6).max(10) as u64;

    for (f, name) in stat.files.iter().zip(&names) {
        let pad = name_w - name.width();
        out.push(' ');
        out.push_str(name);
        out.push_str(&" ".repeat(pad));
        out.push_str(" | ");
        if f.is_binary() {
            out.push_str(&format!("{:>num_w$}\n", "Bin"));
            continue;
        }
        out.push_str(&format!("{:>num_w$} ", f.churn()));
        let (plus, minus) = scale(f.added.unwrap_or(0), f.removed.unwrap_or(0), max_churn, bar_room);
        if o.color {
            out.push_str(GREEN);
        }
        out.push_str(&"+".repeat(plus as usize));
        if o.color {
            out.push_str(RED);
        }
        out.push_str(&"-".repeat(minus as usize));
        if o.color {
            out.push_str(RESET);
        }
        out.push('\n');
    }
    if o.summary {
        let n = stat.files.len();
        out.push_str(&format!(
            " {} file{} changed, {} insertion{}(+), {} deletion{}(-)\n",
            n,
            plural(n as u64),
            stat.insertions(),
            plural(stat.insertions()),
            stat.deletions(),
            plural(stat.deletions()),
        ));
    }
    out
}

fn plural(n: u64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn display_name(f: &crate::FileStat) -> String {
    match &f.old_path {
        Some(old) => format!("{old} => {}", f.path),
        None => f.path.clone(),
    }
}

/// Same idea as git's scale_linear: keep at least one char for non-zero sides.
fn scale(add: u64, del: u64, max: u64, room: u64) -> (u64, u64) {
    if max <= room {
        return (add, del);
    }
    let total = add + del;
    let scaled = (total * room + max - 1) / max;
    let plus = if add == 0 { 0 } else { ((add * scaled) / total).max(1) };
    let minus = if del == 0 { 0 } else { scaled.saturating_sub(plus).max(1) };
    (plus, minus)
}

fn shorten(name: &str, max: usize) -> String {
    if name.width() <= max {
        return name.to_string();
    }
    let mut tail: Vec<char> = Vec::new();
    let mut w = 3;
    for c in name.chars().rev() {
        let cw = UnicodeWidthStr::width(c.to_string().as_str());
        if w + cw > max {
            break;
        }
        w += cw;
        tail.push(c);
    }
    tail.reverse();
    format!("...{}", tail.into_iter().collect::<String>())
}
