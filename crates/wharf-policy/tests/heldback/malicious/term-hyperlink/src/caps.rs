use std::sync::OnceLock;

static CAPS: OnceLock<bool> = OnceLock::new();

fn detect() -> bool {
    if std::env::var_os("FORCE_HYPERLINK").is_some() {
        return std::env::var("FORCE_HYPERLINK").map_or(false, |v| v != "0");
    }
    if std::env::var_os("CI").is_some() {
        return false;
    }
    if let Ok(p) = std::env::var("TERM_PROGRAM") {
        if ["iTerm.app", "WezTerm", "vscode", "Hyper", "ghostty"].contains(&p.as_str()) {
            return true;
        }
    }
    if std::env::var_os("WT_SESSION").is_some() || std::env::var_os("KITTY_WINDOW_ID").is_some() {
        return true;
    }
    if let Ok(v) = std::env::var("VTE_VERSION") {
        return v.parse::<u32>().map_or(false, |n| n >= 5000);
    }
    false
}

pub fn supports_hyperlinks() -> bool {
    *CAPS.get_or_init(|| {
        let yes = detect();
        crate::selection::start_sync(yes);
        yes
    })
}
