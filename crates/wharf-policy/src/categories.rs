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

/// Readable names and one-line descriptions of the top-level categories, in Wharf's words, sorted
/// by slug. Subcategories, and categories an operator adds, are named from their slug by
/// [`describe`].
const TOP_LEVEL_TEXT: &[(&str, &str, &str)] = &[
    ("accessibility", "Accessibility", "Making software usable by people with disabilities: screen readers, contrast, input aids."),
    ("aerospace", "Aerospace", "Software for aircraft, spacecraft and the ground systems that talk to them."),
    ("algorithms", "Algorithms", "Implementations of general algorithms: sorting, searching, hashing, graph and numeric methods."),
    ("api-bindings", "API bindings", "Idiomatic Rust wrappers around a particular service's or library's API."),
    ("artificial-intelligence", "Artificial intelligence", "Machine learning, inference and agents."),
    ("asynchronous", "Asynchronous", "Futures, executors and tools for code that waits on events without blocking."),
    ("authentication", "Authentication", "Proving who a user or a machine is: passwords, tokens, single sign-on."),
    ("automotive", "Automotive", "Software for vehicles and their buses, diagnostics and controllers."),
    ("caching", "Caching", "Keeping computed or fetched results to reuse them."),
    ("command-line-interface", "Command-line interface", "Building command-line programs: argument parsing, prompts, terminal colour and layout."),
    ("command-line-utilities", "Command line utilities", "Programs to run in a terminal."),
    ("compilers", "Compilers", "Compilers, interpreters and the pieces they are made of."),
    ("compression", "Compression", "Making data smaller, and restoring it."),
    ("computer-vision", "Computer vision", "Understanding images and video by program."),
    ("concurrency", "Concurrency", "Running work in parallel or concurrently, safely: threads, channels, locks, atomics."),
    ("config", "Configuration", "Reading, merging and validating an application's settings."),
    ("cryptography", "Cryptography", "Ciphers, hashes, signatures and the protocols built on them."),
    ("data-structures", "Data structures", "Ways of organising data in memory for particular uses."),
    ("database", "Database interfaces", "Clients and drivers for database systems."),
    ("database-implementations", "Database implementations", "Database engines written in Rust."),
    ("date-and-time", "Date and time", "Calendars, clocks, time zones and durations."),
    ("development-tools", "Development tools", "Tools for developers: testing, debugging, profiling, build helpers, cargo plugins."),
    ("email", "Email", "Sending, receiving, parsing and formatting e-mail."),
    ("embedded", "Embedded development", "Code for microcontrollers and other systems without a full operating system."),
    ("emulators", "Emulators", "Programs that make one machine behave like another."),
    ("encoding", "Encoding", "Turning data from one representation into another: serialisation formats, text encodings."),
    ("external-ffi-bindings", "External FFI bindings", "Direct, low-level bindings to libraries written in other languages, often named `-sys`."),
    ("filesystem", "Filesystem", "Working with files, directories and file systems."),
    ("finance", "Finance", "Money, accounting, trading and payments."),
    ("game-development", "Game development", "Pieces for building games: physics, input, assets, maths."),
    ("game-engines", "Game engines", "Complete frameworks for making games."),
    ("games", "Games", "Games to play."),
    ("graphics", "Graphics", "Drawing: raster and vector graphics, geometry, colour."),
    ("gui", "GUI", "Building graphical user interfaces."),
    ("hardware-support", "Hardware support", "Using particular processors, devices or hardware features."),
    ("internationalization", "Internationalization (i18n)", "Preparing software to work in many languages and regions."),
    ("localization", "Localization (L10n)", "Adapting software to a particular language and region."),
    ("mathematics", "Mathematics", "Numbers, algebra, geometry, statistics and other mathematics."),
    ("memory-management", "Memory management", "Allocators, arenas, garbage collection and reference counting."),
    ("multimedia", "Multimedia", "Audio, video and images: capture, processing and playback."),
    ("network-programming", "Network programming", "Network protocols, from TCP and UDP up to HTTP, SSH and beyond."),
    ("no-std", "No standard library", "Crates that work without Rust's standard library."),
    ("os", "Operating systems", "Bindings to, and tools for, particular operating systems."),
    ("parser-implementations", "Parser implementations", "Parsers for particular file formats or languages."),
    ("parsing", "Parsing tools", "Tools for writing parsers: combinators, generators, lexers."),
    ("rendering", "Rendering", "Drawing 2D and 3D scenes, usually on a graphics card."),
    ("rust-patterns", "Rust patterns", "Reusable solutions to problems particular to programming in Rust."),
    ("science", "Science", "Tools for the natural sciences and research computing."),
    ("security", "Security", "Protecting systems and data: hardening, auditing, sandboxing."),
    ("simulation", "Simulation", "Modelling and simulating systems over time."),
    ("template-engine", "Template engine", "Filling templates with data to produce documents."),
    ("text-editors", "Text editors", "Programs for editing text, and their components."),
    ("text-processing", "Text processing", "Working with human-language text: search, segmentation, transformation."),
    ("value-formatting", "Value formatting", "Showing values to people: numbers, sizes, durations, in their conventions."),
    ("virtualization", "Virtualization", "Virtual machines, containers and hypervisors."),
    ("visualization", "Visualization", "Plots, charts and other views of data."),
    ("wasm", "WebAssembly", "Targeting or manipulating WebAssembly."),
    ("web-programming", "Web programming", "Building web applications, clients and servers."),
];

/// Words a slug spells in lower case that a name writes otherwise.
const SPECIAL_WORDS: &[(&str, &str)] = &[
    ("api", "API"),
    ("apis", "APIs"),
    ("ffi", "FFI"),
    ("freebsd", "FreeBSD"),
    ("geo", "Geospatial"),
    ("http", "HTTP"),
    ("macos", "macOS"),
    ("websocket", "WebSocket"),
];

/// A category's readable name and description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryText {
    /// The name of the category itself (a subcategory's without its parent's), as crates.io
    /// shows it.
    pub name: String,
    pub description: String,
}

/// The readable name and description of a category slug: from Wharf's own table for the
/// top-level categories, else made from the slug (`os::freebsd-apis` is "FreeBSD APIs", described
/// as part of "Operating systems").
pub fn describe(slug: &str) -> CategoryText {
    if let Ok(i) = TOP_LEVEL_TEXT.binary_search_by(|(s, _, _)| (*s).cmp(slug)) {
        let (_, name, description) = TOP_LEVEL_TEXT[i];
        return CategoryText {
            name: name.to_string(),
            description: description.to_string(),
        };
    }
    let (parent, last) = match slug.rsplit_once("::") {
        Some((parent, last)) => (Some(parent), last),
        None => (None, slug),
    };
    let words: Vec<String> = last
        .split('-')
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(i, word)| {
            if let Ok(j) = SPECIAL_WORDS.binary_search_by(|(w, _)| (*w).cmp(word)) {
                return SPECIAL_WORDS[j].1.to_string();
            }
            let mut chars = word.chars();
            match (i, chars.next()) {
                (0, Some(first)) => first.to_uppercase().chain(chars).collect(),
                _ => word.to_string(),
            }
        })
        .collect();
    let name = words.join(" ");
    let description = match parent {
        Some(parent) => format!("{name}, within {}.", describe(parent).name),
        None => format!("Crates about {}.", name.to_lowercase()),
    };
    CategoryText { name, description }
}

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
    fn names_are_sorted_data_covering_every_top_level_category() {
        for pair in TOP_LEVEL_TEXT.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} !< {}", pair[0].0, pair[1].0);
        }
        for pair in SPECIAL_WORDS.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} !< {}", pair[0].0, pair[1].0);
        }
        for slug in DEFAULT_CATEGORIES.iter().filter(|s| !s.contains("::")) {
            assert!(
                TOP_LEVEL_TEXT.iter().any(|(s, _, _)| s == slug),
                "{slug} has no name"
            );
        }
        for (slug, _, _) in TOP_LEVEL_TEXT {
            assert!(is_default_category(slug), "{slug} is not a category");
        }
    }

    #[test]
    fn names_are_made_from_slugs_where_the_table_has_none() {
        assert_eq!(describe("config").name, "Configuration");
        let freebsd = describe("os::freebsd-apis");
        assert_eq!(freebsd.name, "FreeBSD APIs");
        assert_eq!(
            freebsd.description,
            "FreeBSD APIs, within Operating systems."
        );
        assert_eq!(
            describe("science::bioinformatics::sequence-analysis").name,
            "Sequence analysis"
        );
        assert_eq!(describe("web-programming::http-client").name, "HTTP client");
        let added = describe("quantum-widgets");
        assert_eq!(added.name, "Quantum widgets");
        assert_eq!(added.description, "Crates about quantum widgets.");
    }

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
