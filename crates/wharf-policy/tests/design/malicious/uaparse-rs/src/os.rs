//! Operating system detection from user-agent comments.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Os {
    pub family: String,
    pub version: Option<String>,
}

impl Os {
    fn new(family: &str, version: Option<String>) -> Self {
        Os {
            family: family.to_string(),
            version,
        }
    }
}

fn windows_version(nt: &str) -> Option<String> {
    let v = match nt {
        "10.0" => "10",
        "6.3" => "8.1",
        "6.2" => "8",
        "6.1" => "7",
        "6.0" => "Vista",
        "5.1" | "5.2" => "XP",
        _ => return None,
    };
    Some(v.to_string())
}

fn after<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    s.find(prefix).map(|i| s[i + prefix.len()..].trim())
}

pub(crate) fn detect(comments: &[&str]) -> Os {
    for c in comments {
        if let Some(v) = after(c, "Windows NT ") {
            return Os::new("Windows", windows_version(v));
        }
        if let Some(v) = after(c, "iPhone OS ").or_else(|| after(c, "CPU OS ")) {
            let v = v.split_whitespace().next().unwrap_or("").replace('_', ".");
            return Os::new("iOS", Some(v));
        }
        if let Some(v) = after(c, "Mac OS X ") {
            let v = v.split_whitespace().next().unwrap_or("").replace('_', ".");
            return Os::new("macOS", Some(v));
        }
        if let Some(v) = after(c, "Android ") {
            return Os::new("Android", Some(v.to_string()));
        }
        if c.starts_with("CrOS") {
            return Os::new("ChromeOS", c.split_whitespace().nth(2).map(str::to_string));
        }
    }
    for c in comments {
        if *c == "Android" {
            return Os::new("Android", None);
        }
        if c.contains("Linux") || c.starts_with("X11") && comments.iter().any(|x| x.contains("Linux")) {
            return Os::new("Linux", None);
        }
        if c.contains("FreeBSD") {
            return Os::new("FreeBSD", None);
        }
    }
    Os::new("Other", None)
}
