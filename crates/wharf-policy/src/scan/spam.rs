//! Forbidden content in what people read: the README, the description, the name, and HTML files.
//!
//! Spam (link farms, get-rich-quick and gambling or crypto promotion, pharmacy and adult
//! advertising, fake support numbers), phishing pages (credential or seed-phrase forms dressed as
//! a brand's login), offers to sell the crate's name, and licence-key generators, cracks and
//! licence-check bypasses. Phrases are matched case-insensitively as whole words; one stray phrase
//! proves nothing, so findings need several, or an unambiguous one.

use std::collections::BTreeSet;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::score::rules;
use super::vocabulary::{
    ACCOUNT_ALARMS, CRACK_PHRASES, DEVELOPER_SITES, FORM_COLLECTORS, LICENCE_WORDS,
    NAME_REFERENCES, PHISHING_CUES, SEED_PHRASES, SPAM_ADULT, SPAM_CRYPTO_PROMOTION,
    SPAM_FAKE_SUPPORT, SPAM_GAMBLING, SPAM_GET_RICH, SPAM_PHARMACY, SPAM_SEO, TRADE_WORDS,
    URGENT_PHRASES, WEAK_CRACK_WORDS,
};
use crate::verdict::{Finding, Verdict};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Theme {
    Gambling,
    GetRich,
    CryptoPromotion,
    Pharmacy,
    Adult,
    Seo,
    FakeSupport,
}

/// Every spam phrase of the [`vocabulary`](super::vocabulary), with its theme. Pattern ids do not
/// matter: a leftmost-longest search finds the same matches whatever the order of distinct
/// patterns, and the phrases and themes found are collected into sets.
static SPAM_PHRASES: LazyLock<Vec<(&str, Theme)>> = LazyLock::new(|| {
    [
        (Theme::Gambling, SPAM_GAMBLING),
        (Theme::GetRich, SPAM_GET_RICH),
        (Theme::CryptoPromotion, SPAM_CRYPTO_PROMOTION),
        (Theme::Pharmacy, SPAM_PHARMACY),
        (Theme::Adult, SPAM_ADULT),
        (Theme::Seo, SPAM_SEO),
        (Theme::FakeSupport, SPAM_FAKE_SUPPORT),
    ]
    .into_iter()
    .flat_map(|(theme, phrases)| phrases.iter().map(move |&phrase| (phrase, theme)))
    .collect()
});

static SPAM_MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(SPAM_PHRASES.iter().map(|(p, _)| p))
        .expect("spam phrases build")
});

/// Every [`CRACK_PHRASES`] entry, found in one pass over the lower-cased prose: most texts hold
/// none, and only the phrases that occur somewhere are then checked one by one, as words.
static CRACK_MATCHER: LazyLock<AhoCorasick> =
    LazyLock::new(|| AhoCorasick::new(CRACK_PHRASES).expect("crack phrases build"));

/// Everything a person reads about the package.
pub struct Texts<'a> {
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub readme: Option<&'a str>,
    pub readme_path: Option<&'a str>,
    /// HTML files in the package: path and text.
    pub html: Vec<(&'a str, String)>,
}

pub fn content_findings(texts: &Texts<'_>, code_items: u32) -> Vec<Finding> {
    let mut findings = Vec::new();
    let name_words = texts.name.replace(['-', '_'], " ");
    let mut prose = String::new();
    for part in [Some(name_words.as_str()), texts.description, texts.readme]
        .into_iter()
        .flatten()
    {
        prose.push_str(part);
        prose.push('\n');
    }
    let where_ = texts
        .readme_path
        .map(|p| format!("the description or {p}"))
        .unwrap_or_else(|| "the description".to_owned());

    // Spam phrases and link farms.
    let mut phrases: BTreeSet<&str> = BTreeSet::new();
    let mut themes: BTreeSet<Theme> = BTreeSet::new();
    for m in SPAM_MATCHER.find_iter(&prose) {
        if !word_bounded(&prose, m.start(), m.end()) {
            continue;
        }
        let (phrase, theme) = SPAM_PHRASES[m.pattern().as_usize()];
        phrases.insert(phrase);
        themes.insert(theme);
    }
    let farm = texts.readme.and_then(link_farm);
    let tiny = code_items < 3;
    let score = phrases.len() + if farm.is_some() { 2 } else { 0 };
    if score >= 3
        || (score >= 2 && (themes.len() >= 2 || tiny))
        || (score >= 1 && tiny && farm.is_some())
    {
        let severity = if score >= 4 || (score >= 3 && tiny) {
            Verdict::Hold
        } else {
            Verdict::Flag
        };
        let mut evidence = format!("{where_} reads like spam");
        if !phrases.is_empty() {
            evidence.push_str(&format!(
                ": {}",
                phrases
                    .iter()
                    .map(|p| format!("\"{p}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if let Some(farm) = farm {
            evidence.push_str(&format!("; {farm}"));
        }
        findings.push(Finding {
            rule: rules::SPAM.to_owned(),
            severity,
            file: texts.readme_path.map(str::to_owned),
            line: None,
            evidence,
        });
    }

    // Lower-cased once for the checks below (and as a quick test for the sentence-by-sentence
    // one: a phrase in a lower-cased sentence is in the lower-cased whole).
    let lower = prose.to_lowercase();

    // Selling the name.
    if let Some(sentence) = name_trade_sentence(&prose, &lower) {
        findings.push(Finding {
            rule: rules::NAME_TRADING.to_owned(),
            severity: Verdict::Hold,
            file: texts.readme_path.map(str::to_owned),
            line: None,
            evidence: format!(
                "{where_} offers the crate's name for sale or trade (\"{sentence}\"); names are not \
                 traded on this registry"
            ),
        });
    }

    // Licence cracking.
    let mut present = [false; CRACK_PHRASES.len()];
    for m in CRACK_MATCHER.find_overlapping_iter(&lower) {
        present[m.pattern().as_usize()] = true;
    }
    let strong = CRACK_PHRASES
        .iter()
        .zip(present)
        .filter(|(_, present)| *present)
        .map(|(p, _)| p)
        .find(|p| {
            lower
                .match_indices(*p)
                .any(|(at, _)| word_bounded(&lower, at, at + p.len()))
        });
    // A weak word counts only with a licence word in the same sentence: "resistant to cracking"
    // in one paragraph and "License: MIT" in another say nothing about cracking licences.
    let weak_pair = if strong.is_none() && WEAK_CRACK_WORDS.iter().any(|w| lower.contains(w)) {
        lower.split(['.', '!', '?', '\n']).find_map(|sentence| {
            let weak = WEAK_CRACK_WORDS.iter().find(|w| {
                sentence
                    .match_indices(*w)
                    .any(|(at, _)| !sentence[..at].ends_with(|c: char| c.is_alphanumeric()))
            })?;
            let licence = LICENCE_WORDS.iter().find(|l| sentence.contains(*l))?;
            Some((*weak, *licence))
        })
    } else {
        None
    };
    let licence = weak_pair.map(|(_, licence)| licence);
    let cracking = strong.copied().or(weak_pair.map(|(weak, _)| weak));
    if let Some(phrase) = cracking {
        findings.push(Finding {
            rule: rules::LICENCE_CRACKING.to_owned(),
            // Words in prose alone are for people to judge: they flag, never hold.
            severity: Verdict::Flag,
            file: texts.readme_path.map(str::to_owned),
            line: None,
            evidence: format!(
                "{where_} offers licence keys, cracks or a way around licence checks (\"{phrase}\"{})",
                licence
                    .filter(|_| strong.is_none())
                    .map(|l| format!(" with \"{l}\""))
                    .unwrap_or_default()
            ),
        });
    }

    // Phishing pages.
    for (path, html) in &texts.html {
        if let Some((severity, why)) = phishing(html) {
            findings.push(Finding {
                rule: rules::PHISHING.to_owned(),
                severity,
                file: Some((*path).to_owned()),
                line: None,
                evidence: format!("{path} {why}"),
            });
        }
    }
    // The readme is part of the prose: lower-cased apart only when the whole holds a phrase.
    let readme_lower = texts
        .readme
        .filter(|_| URGENT_PHRASES.iter().any(|p| lower.contains(p)))
        .map(str::to_lowercase)
        .unwrap_or_default();
    let urgent = URGENT_PHRASES.iter().find(|p| readme_lower.contains(*p));
    if let Some(phrase) = urgent {
        if readme_lower.contains("http") {
            findings.push(Finding {
                rule: rules::PHISHING.to_owned(),
                severity: Verdict::Flag,
                file: texts.readme_path.map(str::to_owned),
                line: None,
                evidence: format!("{where_} urges readers to \"{phrase}\" through a link"),
            });
        }
    }
    findings
}

fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// "a README of N links to M different sites with little text" when it is one.
fn link_farm(readme: &str) -> Option<String> {
    let mut hosts = BTreeSet::new();
    let mut links = 0usize;
    for (at, _) in readme.match_indices("http") {
        let rest = &readme[at..];
        let Some(after) = rest
            .strip_prefix("https://")
            .or_else(|| rest.strip_prefix("http://"))
        else {
            continue;
        };
        links += 1;
        let host: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '.' || *c == '-')
            .collect();
        let host = host.trim_start_matches("www.").to_lowercase();
        let developer = DEVELOPER_SITES.iter().any(|d| host.contains(d));
        if !developer {
            hosts.insert(host);
        }
    }
    if links < 15 || hosts.len() < 10 {
        return None;
    }
    let words = readme.split_whitespace().count().max(1);
    (links * 6 >= words).then(|| {
        format!(
            "{links} links to {} different non-developer sites in {words} words",
            hosts.len()
        )
    })
}

/// A sentence that offers the name for sale; `lower` is `text` lower-cased.
fn name_trade_sentence(text: &str, lower: &str) -> Option<String> {
    // A sentence can only hold both kinds of words if the whole text does (the phrases are ASCII,
    // and lower-casing maps each character alone, but for a final sigma, which is not ASCII); most
    // texts fail this, and then no sentence is lower-cased on its own.
    if !NAME_REFERENCES.iter().any(|r| lower.contains(r))
        || !TRADE_WORDS.iter().any(|w| lower.contains(w))
    {
        return None;
    }
    text.split(['.', '!', '?', '\n'])
        .map(str::trim)
        .find(|sentence| {
            let lower = sentence.to_lowercase();
            NAME_REFERENCES.iter().any(|r| lower.contains(r))
                && TRADE_WORDS.iter().any(|w| lower.contains(w))
        })
        .map(|s| s.chars().take(120).collect())
}

/// Whether an HTML page collects credentials the way phishing pages do.
fn phishing(html: &str) -> Option<(Verdict, String)> {
    let lower = html.to_lowercase();
    if !lower.contains("<form") && !lower.contains("<input") && !lower.contains("<textarea") {
        return None;
    }
    let password = lower.contains("type=\"password\"")
        || lower.contains("type='password'")
        || lower.contains("type=password");
    let seed = SEED_PHRASES.iter().find(|p| lower.contains(*p));
    let external_action = lower.match_indices("action=").any(|(at, _)| {
        let value = lower[at + 7..].trim_start_matches(['"', '\'']);
        value.starts_with("http://") || value.starts_with("https://") || value.starts_with("//")
    }) || FORM_COLLECTORS.iter().any(|c| lower.contains(c));
    // The first cue in the list's order: it is quoted, and decides the last case below.
    let brand = PHISHING_CUES.iter().find(|b| lower.contains(*b));
    match (password, seed, external_action, brand) {
        (_, Some(seed), _, _) => Some((
            Verdict::Hold,
            format!("asks for a wallet's {seed}, which no legitimate page does"),
        )),
        (true, None, true, Some(brand)) => Some((
            Verdict::Hold,
            format!("is a password form that posts to another site and mentions \"{brand}\": a look-alike login page"),
        )),
        (true, None, true, None) => Some((
            Verdict::Flag,
            "is a password form that posts to another site".to_owned(),
        )),
        (true, None, false, Some(brand)) if ACCOUNT_ALARMS.contains(brand) => Some((
            Verdict::Hold,
            format!("is a password form that says \"{brand}\": a phishing page"),
        )),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(description: &'a str, readme: &'a str) -> Texts<'a> {
        Texts {
            name: "demo",
            description: Some(description),
            readme: Some(readme),
            readme_path: Some("README.md"),
            html: Vec::new(),
        }
    }

    fn rules_of(findings: &[Finding]) -> Vec<(&str, Verdict)> {
        findings
            .iter()
            .map(|f| (f.rule.as_str(), f.severity))
            .collect()
    }

    /// No phrase has two themes: a leftmost-longest search reports one of two equal patterns, and
    /// which one would depend on the tables' order.
    #[test]
    fn spam_phrases_are_unique() {
        let mut seen = BTreeSet::new();
        for (phrase, _) in SPAM_PHRASES.iter() {
            assert!(seen.insert(phrase.to_ascii_lowercase()), "{phrase:?}");
        }
    }

    #[test]
    fn spam_needs_several_phrases() {
        let f = content_findings(
            &texts(
                "Best online casino",
                "Free spins! No deposit bonus! Sports betting tips and make money fast.",
            ),
            0,
        );
        assert_eq!(rules_of(&f), [(rules::SPAM, Verdict::Hold)]);
        // One mention in a real project is nothing.
        assert!(
            content_findings(&texts("A slot map", "Uses a jackpot-style allocator."), 40)
                .is_empty()
        );
        assert!(
            content_findings(&texts("Solana SDK", "Call request_airdrop on devnet."), 40)
                .is_empty()
        );
    }

    #[test]
    fn name_sales_and_cracks() {
        let f = content_findings(
            &texts(
                "Premium name",
                "This crate name is for sale. Make me an offer.",
            ),
            0,
        );
        assert!(rules_of(&f).contains(&(rules::NAME_TRADING, Verdict::Hold)));
        let f = content_findings(
            &texts(
                "Keygen",
                "Generates serial keys for WinZip: license key generator.",
            ),
            3,
        );
        assert!(rules_of(&f).contains(&(rules::LICENCE_CRACKING, Verdict::Flag)));
        assert!(
            content_findings(&texts("Ed25519 keygen and signing", "Fast keygen."), 40).is_empty()
        );
        // A password hash's README: cracking in one sentence, its licence in another.
        assert!(content_findings(
            &texts(
                "Password hashing",
                "Designed to resist GPU cracking attacks.\n\n## License\n\nMIT or Apache-2.0"
            ),
            40
        )
        .is_empty());
        assert!(content_findings(
            &texts(
                "Password cracking research tool",
                "Hash cracking benchmarks."
            ),
            40
        )
        .is_empty());
        assert!(content_findings(
            &texts("Licensed under MIT", "Renamed: the name was taken."),
            40
        )
        .is_empty());
    }

    /// The quick tests that skip work (one pass for the crack phrases, the whole text before its
    /// sentences, the readme lower-cased only when needed, words counted only for many links)
    /// leave every answer as it was.
    #[test]
    fn shortcuts_keep_every_answer() {
        let f = content_findings(&texts("Tools", "A crack for the serial check."), 3);
        let cracking = f.iter().find(|f| f.rule == rules::LICENCE_CRACKING);
        assert!(
            cracking.is_some_and(|f| f.evidence.contains("\"crack\" with \"serial\"")),
            "{f:?}"
        );
        let f = content_findings(&texts("Tools", "Includes a LICENSE BYPASS."), 40);
        assert!(rules_of(&f).contains(&(rules::LICENCE_CRACKING, Verdict::Flag)));
        // Both kinds of words, but in different sentences.
        assert!(content_findings(
            &texts("Tools", "The name comes from a bird. Buy the book too."),
            40
        )
        .is_empty());
        let urgent = "Please verify your account at https://login.example/x";
        let f = content_findings(&texts("Tools", urgent), 40);
        assert_eq!(rules_of(&f), [(rules::PHISHING, Verdict::Flag)]);
        // Only the readme counts for that.
        assert!(content_findings(
            &texts("verify your account", "See https://docs.example"),
            40
        )
        .is_empty());
        let farm: String = (0..15)
            .map(|i| format!("https://site{}.example/offer ", i % 12))
            .collect();
        let f = content_findings(&texts("Links", &farm), 0);
        assert!(
            f.iter()
                .any(|f| f.rule == rules::SPAM && f.evidence.contains("15 links to 12")),
            "{f:?}"
        );
    }

    #[test]
    fn phishing_pages() {
        let page = "<html><h1>Sign in to your Microsoft account</h1><form action=\"https://collect.example/p\" method=post><input type=\"password\" name=p></form></html>";
        assert_eq!(phishing(page).map(|p| p.0), Some(Verdict::Hold));
        let seed =
            "<form><textarea placeholder=\"Enter your 12-word recovery phrase\"></textarea></form>";
        assert_eq!(phishing(seed).map(|p| p.0), Some(Verdict::Hold));
        let login = "<form action=\"/login\" method=post><input type=\"password\" name=p></form>";
        assert_eq!(phishing(login), None);
    }
}
