//! Reports from users, and owners' answers to moderators' notices.

use crate::{Principal, Registry, RegistryError, RegistryResult};
use wharf_policy::reports::{malware_reports_hold, report_category, MalwareReport, MALICIOUS_CODE};
use wharf_store::{FiledReport, NewReport, Target};

/// The longest report (in bytes) a user may write, and the longest answer to a notice.
pub const MAX_REPORT_DETAILS: usize = 10_000;

/// The hold rule in words, as the policy page and the categories list state it.
pub const TRUSTED_REPORTER_RULE: &str = "A report of malicious code holds the crate at once (out of \
     the index and downloads, closed to publishing) until a moderator decides, when it comes from a \
     trusted reporter and the crate was first published less than 24 hours ago, or when at least two \
     people have reported it and at least one of them is a trusted reporter.";

/// Trims a person's text and checks it is 1 to [`MAX_REPORT_DETAILS`] bytes long.
fn bounded_text<'a>(text: &'a str, refusal: &str) -> RegistryResult<&'a str> {
    let text = text.trim();
    if text.is_empty() || text.len() > MAX_REPORT_DETAILS {
        return Err(RegistryError::Invalid(format!(
            "{refusal} (1 to {MAX_REPORT_DETAILS} characters)"
        )));
    }
    Ok(text)
}

impl Registry {
    /// Files a report under the registry's rules — a known category, details of 1 to
    /// [`MAX_REPORT_DETAILS`] bytes, the reporter's `report` rate bucket, and the trusted-reporter
    /// hold rule — and rewrites the index when the report holds the crate. The API and the web
    /// site both file through here, so a report is the same whichever way it arrives.
    pub async fn file_report(
        &self,
        reporter: &Principal,
        target: &Target,
        category: &str,
        details: &str,
    ) -> RegistryResult<FiledReport> {
        if report_category(category).is_none() {
            return Err(RegistryError::Invalid(format!(
                "unknown report category `{category}`: see GET /api/v1/reports/categories"
            )));
        }
        let details = bounded_text(details, "say what is wrong in `details`")?;
        let now = self.now();
        let filed = self
            .db
            .file_report(
                NewReport {
                    reporter_id: reporter.user.id,
                    target,
                    category,
                    details,
                    malware_category: MALICIOUS_CODE,
                },
                self.config.rate_limits.report,
                |reports, first_published_at| {
                    let reports: Vec<MalwareReport> = reports
                        .iter()
                        .map(|&(reporter_id, trusted)| MalwareReport {
                            reporter_id,
                            trusted,
                        })
                        .collect();
                    malware_reports_hold(&reports, first_published_at, now)
                },
                &reporter.actor,
            )
            .await?;
        if let Some((crate_id, reason)) = &filed.held {
            tracing::warn!(target = filed.target, reason, "crate held by reports");
            self.forget_broad_searches();
            self.rewrite_index(*crate_id).await;
        }
        Ok(filed)
    }

    /// An owner's answer to a moderators' notice before removal, which speaks for the crate: a
    /// token limited to other crates cannot give it.
    pub async fn reply_to_notice(
        &self,
        owner: &Principal,
        crate_name: &str,
        reply: &str,
    ) -> RegistryResult<()> {
        owner.require_crate(crate_name)?;
        let reply = bounded_text(reply, "write your answer in `reply`")?;
        Ok(self
            .db
            .reply_to_notice(crate_name, owner.user.id, reply, &owner.actor)
            .await?)
    }
}
