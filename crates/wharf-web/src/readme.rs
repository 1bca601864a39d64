//! READMEs: Markdown to HTML with comrak, then sanitised with ammonia, whose output is the only
//! HTML from a publisher that a page ever contains.
//!
//! Fenced code blocks are highlighted on the server (syntect, through comrak's plugin) as CSS
//! classes prefixed `hl-`, which the style sheet colours: the Content-Security-Policy allows no
//! inline styles, and ammonia keeps only those classes.
//!
//! Relative links and images point into the crate's repository when it is on GitHub or GitLab: a
//! README is written to be read there, so `docs/guide.md` means the file in the repository, and
//! an image means its raw bytes.

use ammonia::UrlRelative;
use std::borrow::Cow;
use url::Url;

/// Renders a README; `repository` is the crate's repository URL, if any. Its headings move one
/// level down, below the page's `<h1>`.
pub fn render(markdown: &str, repository: Option<&str>) -> String {
    demote_headings(&sanitised(markdown, repository))
}

/// Renders one of the registry's own documents whose `# ` title the caller made the page's
/// `<h1>`: its `## ` sections stay `<h2>`, right under that title.
pub(crate) fn render_document(markdown: &str) -> String {
    sanitised(markdown, None)
}

/// The prefix of the highlighter's classes, the only classes a README keeps.
const HIGHLIGHT_PREFIX: &str = "hl-";

/// The highlighter, built once: loading syntect's grammars takes milliseconds.
fn highlighter() -> &'static comrak::plugins::syntect::SyntectAdapter {
    static ADAPTER: std::sync::OnceLock<comrak::plugins::syntect::SyntectAdapter> =
        std::sync::OnceLock::new();
    ADAPTER.get_or_init(|| {
        comrak::plugins::syntect::SyntectAdapterBuilder::new()
            .css_with_class_prefix(HIGHLIGHT_PREFIX)
            .build()
    })
}

/// Keeps the highlighter's classes (and the `syntax-highlighting` mark comrak puts on its `<pre>`)
/// of a `class` attribute, and drops the attribute when none is left; other attributes pass.
fn only_highlight_classes<'a>(attribute: &str, value: &'a str) -> Option<Cow<'a, str>> {
    if attribute != "class" {
        return Some(Cow::Borrowed(value));
    }
    let kept: Vec<&str> = value
        .split_ascii_whitespace()
        .filter(|class| {
            class.starts_with(HIGHLIGHT_PREFIX)
                && class.len() > HIGHLIGHT_PREFIX.len()
                && class
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                || *class == "syntax-highlighting"
        })
        .collect();
    (!kept.is_empty()).then(|| Cow::Owned(kept.join(" ")))
}

/// Markdown to HTML, and that HTML through ammonia.
fn sanitised(markdown: &str, repository: Option<&str>) -> String {
    let mut options = comrak::Options::default();
    options.extension.strikethrough = true;
    options.extension.table = true;
    options.extension.autolink = true;
    options.extension.tasklist = true;
    options.extension.footnotes = true;
    // Raw HTML is common in READMEs (centred logos, badges); it is passed on to ammonia, which
    // decides what stays. comrak's own filter would only drop it.
    options.render.unsafe_ = true;
    let mut plugins = comrak::Plugins::default();
    plugins.render.codefence_syntax_highlighter = Some(highlighter());
    let html = comrak::markdown_to_html_with_plugins(markdown, &options, &plugins);

    let mut cleaner = ammonia::Builder::default();
    cleaner.link_rel(Some("nofollow noopener noreferrer"));
    cleaner
        .add_tag_attributes("span", &["class"])
        .add_tag_attributes("pre", &["class"])
        .attribute_filter(|_, attribute, value| only_highlight_classes(attribute, value));
    match repository.and_then(Repository::parse) {
        Some(repository) => {
            cleaner.url_relative(UrlRelative::Custom(Box::new(repository)));
        }
        // Without a repository a relative URL can only mean a path on this site: harmless as a
        // link, and nothing a README should load as an image; ammonia keeps it as written.
        None => {
            cleaner.url_relative(UrlRelative::PassThrough);
        }
    }
    cleaner.clean(&html).to_string()
}

/// Moves every heading one level down, so a README's `# Title` does not compete with the page's
/// one `<h1>`. Safe on ammonia's output: it writes tags in lower case and escapes every `<` in text.
fn demote_headings(html: &str) -> String {
    let mut out = html.to_string();
    for level in (1..=5).rev() {
        let next = level + 1;
        out = out
            .replace(&format!("<h{level}>"), &format!("<h{next}>"))
            .replace(&format!("<h{level} "), &format!("<h{next} "))
            .replace(&format!("</h{level}>"), &format!("</h{next}>"));
    }
    out
}

/// Where a repository's files are shown (`blob`) and served raw.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Repository {
    blob: Url,
    raw: Url,
}

const IMAGE_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "bmp", "ico",
];

impl Repository {
    /// Recognises `https://github.com/OWNER/REPO…` and `https://gitlab.com/GROUP/…/PROJECT…`.
    fn parse(repository: &str) -> Option<Repository> {
        let url = Url::parse(repository.trim()).ok()?;
        if !matches!(url.scheme(), "https" | "http") {
            return None;
        }
        let host = url
            .host_str()?
            .trim_start_matches("www.")
            .to_ascii_lowercase();
        let segments: Vec<&str> = url.path_segments()?.filter(|s| !s.is_empty()).collect();
        let (blob, raw) = match host.as_str() {
            "github.com" => {
                let [owner, repo, ..] = segments.as_slice() else {
                    return None;
                };
                let repo = repo.trim_end_matches(".git");
                (
                    format!("https://github.com/{owner}/{repo}/blob/HEAD/"),
                    format!("https://raw.githubusercontent.com/{owner}/{repo}/HEAD/"),
                )
            }
            "gitlab.com" => {
                // Projects sit in nested groups; `/-/` starts GitLab's own paths.
                let project: Vec<&str> =
                    segments.iter().copied().take_while(|s| *s != "-").collect();
                if project.len() < 2 {
                    return None;
                }
                let path = project.join("/");
                let path = path.trim_end_matches(".git");
                (
                    format!("https://gitlab.com/{path}/-/blob/HEAD/"),
                    format!("https://gitlab.com/{path}/-/raw/HEAD/"),
                )
            }
            _ => return None,
        };
        Some(Repository {
            blob: Url::parse(&blob).ok()?,
            raw: Url::parse(&raw).ok()?,
        })
    }

    /// The absolute URL for a relative one in the README; anchors within the page stay as they are.
    fn resolve(&self, relative: &str) -> Option<Cow<'static, str>> {
        if relative.starts_with('#') {
            return Some(Cow::Owned(relative.to_string()));
        }
        if relative.starts_with("//") {
            // Protocol-relative: another host, not a file of the repository.
            return Some(Cow::Owned(format!("https:{relative}")));
        }
        let path = relative.trim_start_matches("./").trim_start_matches('/');
        let file = path.split(['?', '#']).next().unwrap_or_default();
        let is_image = file
            .rsplit_once('.')
            .is_some_and(|(_, ext)| IMAGE_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()));
        let base = if is_image { &self.raw } else { &self.blob };
        base.join(path).ok().map(|url| Cow::Owned(url.to_string()))
    }
}

impl<'a> ammonia::UrlRelativeEvaluate<'a> for Repository {
    fn evaluate<'url>(&self, url: &'url str) -> Option<Cow<'url, str>> {
        self.resolve(url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_and_handlers_are_removed() {
        let html = render(
            "# Hi\n\n<script>alert(1)</script>\n\n<a href=\"javascript:alert(1)\" onclick=\"x()\">x</a>\n",
            None,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(!html.contains("onclick"), "{html}");
        assert!(html.contains("<h2>Hi</h2>"), "{html}");
    }

    #[test]
    fn relative_urls_point_into_github() {
        let html = render(
            "[guide](docs/guide.md) ![logo](./img/logo.png) [top](#top) [abs](https://example.org/)\n\n<img src=\"/banner.svg\" alt=\"b\">\n",
            Some("https://github.com/owner/repo.git"),
        );
        assert!(
            html.contains("href=\"https://github.com/owner/repo/blob/HEAD/docs/guide.md\""),
            "{html}"
        );
        assert!(
            html.contains("src=\"https://raw.githubusercontent.com/owner/repo/HEAD/img/logo.png\""),
            "{html}"
        );
        assert!(
            html.contains("src=\"https://raw.githubusercontent.com/owner/repo/HEAD/banner.svg\""),
            "{html}"
        );
        assert!(html.contains("href=\"#top\""), "{html}");
        assert!(html.contains("href=\"https://example.org/\""), "{html}");
    }

    #[test]
    fn gitlab_groups_and_other_hosts() {
        let gitlab = Repository::parse("https://gitlab.com/group/sub/project/-/tree/main").unwrap();
        assert_eq!(
            gitlab.resolve("a.md").unwrap(),
            "https://gitlab.com/group/sub/project/-/blob/HEAD/a.md"
        );
        assert_eq!(
            gitlab.resolve("a.png").unwrap(),
            "https://gitlab.com/group/sub/project/-/raw/HEAD/a.png"
        );
        assert!(Repository::parse("https://example.org/owner/repo").is_none());
        assert!(Repository::parse("https://github.com/owner").is_none());
        assert!(Repository::parse("javascript:alert(1)").is_none());
    }

    #[test]
    fn code_blocks_are_highlighted_with_classes_not_styles() {
        let html = render(
            "```rust\n// a comment\nfn main() { let s = \"text\"; }\n```\n",
            None,
        );
        assert!(
            html.contains("<pre class=\"syntax-highlighting\">"),
            "{html}"
        );
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(html.contains("hl-comment"), "{html}");
        assert!(html.contains("hl-string"), "{html}");
        assert!(!html.contains("style="), "{html}");
        // A block in an unknown language is plain text, still escaped.
        let plain = render("```nosuchlang\n<b>x</b>\n```\n", None);
        assert!(plain.contains("&lt;b&gt;x&lt;/b&gt;"), "{plain}");
    }

    #[test]
    fn a_readme_keeps_only_the_highlighter_s_classes() {
        let html = render(
            "<span class=\"evil hl-keyword hl-\" style=\"color:red\" onclick=\"x()\">a</span>\n\
             <span class=\"evil\">b</span> <div class=\"hl-keyword\">c</div>\n\
             <pre class=\"hl-x\\\" onload\">d</pre>",
            None,
        );
        assert!(
            html.contains("<span class=\"hl-keyword\">a</span>"),
            "{html}"
        );
        assert!(html.contains("<span>b</span>"), "{html}");
        assert!(html.contains("<div>c</div>"), "{html}");
        for gone in ["evil", "style", "onclick", "onload", "color:red"] {
            assert!(!html.contains(gone), "{gone}: {html}");
        }
    }

    #[test]
    fn documents_keep_their_heading_levels() {
        let html = render_document("## Reporting\n\n### By e-mail\n");
        assert!(html.contains("<h2>Reporting</h2>"), "{html}");
        assert!(html.contains("<h3>By e-mail</h3>"), "{html}");
    }

    #[test]
    fn every_heading_level_moves_down_once() {
        assert_eq!(
            demote_headings("<h1>a</h1><h2 id=\"x\">b</h2><h6>c</h6>"),
            "<h2>a</h2><h3 id=\"x\">b</h3><h6>c</h6>"
        );
    }
}
