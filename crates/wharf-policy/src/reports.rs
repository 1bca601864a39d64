//! What users can report, and when reports hold a crate before any moderator has looked.
//!
//! Reports are how the community enforces the policy. Most wait in the review queue; malware is the
//! exception, because every hour it stays installable does harm: a report of malicious code holds the
//! crate at once when it comes from a trusted reporter and the crate is brand new, or when several
//! people report it and at least one of them is trusted.

use serde::Serialize;

/// One kind of violation a report can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReportCategory {
    pub slug: &'static str,
    pub title: &'static str,
    pub description: &'static str,
}

/// The category whose reports can hold a crate automatically.
pub const MALICIOUS_CODE: &str = "malicious-code";

/// Every category, in the order the policy lists the forbidden uses.
pub const REPORT_CATEGORIES: &[ReportCategory] = &[
    ReportCategory {
        slug: MALICIOUS_CODE,
        title: "Malicious code",
        description:
            "Code meant to harm whoever builds or runs it: viruses, worms, backdoors, spyware, \
                      or a crate used to deliver malware.",
    },
    ReportCategory {
        slug: "obfuscation",
        title: "Obfuscated code",
        description: "Code written to hide what it really does from the people reading it.",
    },
    ReportCategory {
        slug: "phishing",
        title: "Phishing",
        description:
            "Content that tries to trick people into giving away credentials or other secrets.",
    },
    ReportCategory {
        slug: "name-squatting",
        title: "Name squatting",
        description:
            "A name taken without a genuine, working crate behind it, to hold it back from others.",
    },
    ReportCategory {
        slug: "name-trading",
        title: "Trading names",
        description: "Offering to sell, rent or swap a crate name or an account.",
    },
    ReportCategory {
        slug: "impersonation",
        title: "Impersonation or typosquatting",
        description:
            "Pretending to be another person, project or crate, including look-alike names \
                      meant to be installed by mistake.",
    },
    ReportCategory {
        slug: "spam",
        title: "Spam or bulk activity",
        description: "Advertising, link farms, or automated publishing in bulk that serves no one.",
    },
    ReportCategory {
        slug: "fake-accounts",
        title: "Fake accounts or inauthentic activity",
        description:
            "Accounts made to game the registry: inflated downloads, sock puppets, ban evasion.",
    },
    ReportCategory {
        slug: "not-a-crate",
        title: "Not a crate",
        description: "The registry used as file storage: an upload that is not Rust code.",
    },
    ReportCategory {
        slug: "infringement",
        title: "Infringement",
        description: "Content that breaks someone's copyright, trademark or licence terms.",
    },
    ReportCategory {
        slug: "license-cracking",
        title: "Licence-key cracking",
        description:
            "Key generators, cracks, or code that defeats another program's licence checks.",
    },
    ReportCategory {
        slug: "privacy",
        title: "Privacy violation",
        description: "Personal information about someone published without their consent.",
    },
    ReportCategory {
        slug: "harassment",
        title: "Harassment or threats",
        description: "Abuse, threats or intimidation aimed at a person or group.",
    },
    ReportCategory {
        slug: "obscene",
        title: "Violent or sexually obscene content",
        description: "Gratuitously violent or sexually obscene material.",
    },
    ReportCategory {
        slug: "unlawful",
        title: "Unlawful content",
        description: "Anything else that is against the law.",
    },
    ReportCategory {
        slug: "other",
        title: "Other",
        description: "A breach of the usage policy not listed above; say which in the details.",
    },
];

pub fn report_category(slug: &str) -> Option<&'static ReportCategory> {
    REPORT_CATEGORIES.iter().find(|c| c.slug == slug)
}

/// An open malicious-code report on a crate (or one of its versions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MalwareReport {
    pub reporter_id: i64,
    pub trusted: bool,
}

/// How young a crate must be for one trusted report to hold it.
pub const FRESH_CRATE_MS: i64 = 24 * 60 * 60 * 1000;

/// Whether the open malware reports on a crate hold it pending review, and why.
///
/// Held when a trusted reporter reports a crate first published less than 24 hours ago, or when at
/// least two different people report it and at least one of them is trusted.
pub fn malware_reports_hold(
    reports: &[MalwareReport],
    crate_first_published_at: i64,
    now: i64,
) -> Option<String> {
    let mut reporters: Vec<i64> = reports.iter().map(|r| r.reporter_id).collect();
    reporters.sort_unstable();
    reporters.dedup();
    let trusted = reports.iter().any(|r| r.trusted);
    if !trusted {
        return None;
    }
    if now - crate_first_published_at < FRESH_CRATE_MS {
        return Some(
            "a trusted reporter reported malicious code in a crate first published less than 24 hours ago"
                .into(),
        );
    }
    if reporters.len() >= 2 {
        return Some(format!(
            "{} people, at least one of them trusted, reported malicious code",
            reporters.len()
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOUR: i64 = 60 * 60 * 1000;

    fn report(reporter_id: i64, trusted: bool) -> MalwareReport {
        MalwareReport {
            reporter_id,
            trusted,
        }
    }

    #[test]
    fn one_trusted_report_holds_only_a_fresh_crate() {
        let reports = [report(1, true)];
        assert!(malware_reports_hold(&reports, 0, 23 * HOUR + 59 * 60_000).is_some());
        assert!(malware_reports_hold(&reports, 0, 24 * HOUR).is_none());
    }

    #[test]
    fn two_reporters_need_one_of_them_trusted() {
        let old = 30 * 24 * HOUR;
        assert!(malware_reports_hold(&[report(1, false), report(2, false)], 0, old).is_none());
        assert!(malware_reports_hold(&[report(1, false), report(2, true)], 0, old).is_some());
        // The same person twice is one reporter.
        assert!(malware_reports_hold(&[report(1, true), report(1, true)], 0, old).is_none());
    }

    #[test]
    fn untrusted_reports_never_hold() {
        let many: Vec<_> = (0..10).map(|i| report(i, false)).collect();
        assert!(malware_reports_hold(&many, 0, HOUR).is_none());
    }

    #[test]
    fn categories_are_unique_and_known() {
        let mut slugs: Vec<_> = REPORT_CATEGORIES.iter().map(|c| c.slug).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), REPORT_CATEGORIES.len());
        assert!(report_category("malicious-code").is_some());
        assert!(report_category("nonsense").is_none());
    }
}
