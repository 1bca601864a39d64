//! The category slugs a crate may list in `package.categories`.
//!
//! crates.io keeps its categories in a `categories.toml` (served at
//! <https://crates.io/category_slugs>); [`DEFAULT_CATEGORIES`] is a snapshot of its slugs,
//! subcategories written `parent::child` as in manifests. A registry may accept another list:
//! [`check_metadata`](crate::metadata::check_metadata) takes the accepted slugs as input, and an
//! unknown slug only ever produces a warning, never a refusal.

/// crates.io's category slugs, sorted (so [`is_default_category`] can binary-search them).
pub const DEFAULT_CATEGORIES: &[&str] = &[
    "accessibility",
    "aerospace",
    "aerospace::drones",
    "aerospace::protocols",
    "aerospace::simulation",
    "aerospace::space-protocols",
    "aerospace::unmanned-aerial-vehicles",
    "algorithms",
    "api-bindings",
    "artificial-intelligence",
    "asynchronous",
    "authentication",
    "automotive",
    "caching",
    "command-line-interface",
    "command-line-utilities",
    "compilers",
    "compression",
    "computer-vision",
    "concurrency",
    "config",
    "cryptography",
    "cryptography::cryptocurrencies",
    "data-structures",
    "database",
    "database-implementations",
    "date-and-time",
    "development-tools",
    "development-tools::build-utils",
    "development-tools::cargo-plugins",
    "development-tools::debugging",
    "development-tools::ffi",
    "development-tools::procedural-macro-helpers",
    "development-tools::profiling",
    "development-tools::testing",
    "email",
    "embedded",
    "emulators",
    "encoding",
    "external-ffi-bindings",
    "filesystem",
    "finance",
    "game-development",
    "game-engines",
    "games",
    "graphics",
    "gui",
    "hardware-support",
    "internationalization",
    "localization",
    "mathematics",
    "memory-management",
    "multimedia",
    "multimedia::audio",
    "multimedia::encoding",
    "multimedia::images",
    "multimedia::video",
    "network-programming",
    "no-std",
    "no-std::no-alloc",
    "os",
    "os::android-apis",
    "os::freebsd-apis",
    "os::linux-apis",
    "os::macos-apis",
    "os::unix-apis",
    "os::windows-apis",
    "parser-implementations",
    "parsing",
    "rendering",
    "rendering::data-formats",
    "rendering::engine",
    "rendering::graphics-api",
    "rust-patterns",
    "science",
    "science::bioinformatics",
    "science::bioinformatics::genomics",
    "science::bioinformatics::proteomics",
    "science::bioinformatics::sequence-analysis",
    "science::computational-biology",
    "science::computational-biology::structural-modeling",
    "science::computational-biology::systems-biology",
    "science::computational-chemistry",
    "science::computational-chemistry::cheminformatics",
    "science::computational-chemistry::electronic-structure",
    "science::computational-chemistry::molecular-simulation",
    "science::geo",
    "science::materials",
    "science::neuroscience",
    "science::quantum-computing",
    "science::robotics",
    "security",
    "simulation",
    "template-engine",
    "text-editors",
    "text-processing",
    "value-formatting",
    "virtualization",
    "visualization",
    "wasm",
    "web-programming",
    "web-programming::http-client",
    "web-programming::http-server",
    "web-programming::websocket",
];

/// Whether `slug` is one of [`DEFAULT_CATEGORIES`] (exact spelling).
pub fn is_default_category(slug: &str) -> bool {
    DEFAULT_CATEGORIES.binary_search(&slug).is_ok()
}

/// [`DEFAULT_CATEGORIES`] as owned strings, the form
/// [`MetadataInput::known_categories`](crate::metadata::MetadataInput::known_categories) takes.
pub fn default_categories() -> Vec<String> {
    DEFAULT_CATEGORIES.iter().map(|s| (*s).to_owned()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_unique_and_well_formed() {
        for pair in DEFAULT_CATEGORIES.windows(2) {
            assert!(pair[0] < pair[1], "{} !< {}", pair[0], pair[1]);
        }
        for slug in DEFAULT_CATEGORIES {
            // Every subcategory's parent is listed too.
            if let Some((parent, _)) = slug.rsplit_once("::") {
                assert!(is_default_category(parent), "{slug} has no parent");
            }
            assert!(slug.split("::").all(|part| !part.is_empty()
                && part.bytes().all(|b| b.is_ascii_lowercase() || b == b'-')));
        }
        assert!(DEFAULT_CATEGORIES.len() > 80);
        assert!(is_default_category("development-tools::testing"));
        assert!(!is_default_category("Development-Tools"));
        assert!(!is_default_category("testing"));
    }
}
