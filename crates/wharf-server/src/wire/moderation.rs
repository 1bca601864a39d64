//! Reports and moderation: what users filed, the review queue, moderators' actions, the audit log.
//! The store's records (reports, queue items, audit entries) are already the shapes moderators read,
//! so they are embedded as they are.

use serde::Serialize;
use utoipa::ToSchema;
use wharf_policy::reports::ReportCategory;
use wharf_store::{AuditEntry, FiledReport, QueueDetail, QueueItem, ReportRecord};

/// `GET /api/v1/reports/categories`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ReportCategoriesResponse {
    #[schema(value_type = Vec<ReportCategory>)]
    pub categories: &'static [ReportCategory],
    /// When a report of malicious code holds a crate before any moderator looks, in words.
    pub automatic_hold: &'static str,
}

/// A report just filed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct EncodableFiledReport {
    pub id: i64,
    pub target: String,
    /// Always `open`: a report is filed open (or merged into the reporter's open one).
    pub status: &'static str,
    /// The reporter had already reported this target for this reason; the details were added.
    pub merged: bool,
}

/// `POST /api/v1/reports`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FiledReportResponse {
    pub report: EncodableFiledReport,
    /// The report held the crate (see the trusted-reporter rule).
    pub held: bool,
}

impl From<&FiledReport> for FiledReportResponse {
    fn from(filed: &FiledReport) -> FiledReportResponse {
        FiledReportResponse {
            report: EncodableFiledReport {
                id: filed.id,
                target: filed.target.clone(),
                status: "open",
                merged: filed.merged,
            },
            held: filed.held.is_some(),
        }
    }
}

/// `GET /api/v1/me/reports`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportsResponse {
    pub reports: Vec<ReportRecord>,
}

/// `GET /api/v1/admin/queue`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QueueResponse {
    pub items: Vec<QueueItem>,
}

/// `GET /api/v1/admin/upstream`: what the policy withheld from the upstream registry this one
/// proxies (newest first), and the operators' rules on its crates.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UpstreamResponse {
    pub withheld: Vec<wharf_store::UpstreamWithheld>,
    pub rules: Vec<wharf_store::UpstreamRule>,
}

/// `GET /api/v1/admin/queue/{target}`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QueueItemResponse {
    pub item: QueueDetail,
}

/// `POST /api/v1/admin/actions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ActionResponse {
    pub ok: bool,
    pub action: &'static str,
    /// The target as the moderator wrote it.
    pub target: String,
}

/// How one target of a bulk action went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct BulkActionResult {
    /// `crate:NAME`, `crate:NAME@VERSION` or `user:LOGIN`.
    pub target: String,
    pub ok: bool,
    /// Why it failed; absent when it went through.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// `POST /api/v1/admin/actions/bulk`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct BulkActionResponse {
    pub action: &'static str,
    pub results: Vec<BulkActionResult>,
}

/// `GET /api/v1/admin/audit`: a page of entries, newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditResponse {
    pub entries: Vec<AuditEntry>,
    /// Pass as `before` for the next page; null on an empty page.
    pub next_before: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_filed_report_says_whether_it_held_the_crate() {
        let filed = FiledReport {
            id: 4,
            target: "crate:sketchy".into(),
            merged: false,
            held: Some((7, "two reports".into())),
        };
        assert_eq!(
            serde_json::to_value(FiledReportResponse::from(&filed)).unwrap(),
            json!({
                "report": { "id": 4, "target": "crate:sketchy", "status": "open", "merged": false },
                "held": true,
            })
        );
    }

    #[test]
    fn a_bulk_result_has_a_detail_only_when_it_failed() {
        let response = BulkActionResponse {
            action: "yank",
            results: vec![
                BulkActionResult {
                    target: "crate:a".into(),
                    ok: true,
                    detail: None,
                },
                BulkActionResult {
                    target: "crate:b".into(),
                    ok: false,
                    detail: Some("no such crate".into()),
                },
            ],
        };
        assert_eq!(
            serde_json::to_value(response).unwrap(),
            json!({ "action": "yank", "results": [
                { "target": "crate:a", "ok": true },
                { "target": "crate:b", "ok": false, "detail": "no such crate" },
            ]})
        );
    }

    #[test]
    fn categories_are_listed_with_slug_title_and_description() {
        let encoded = serde_json::to_value(ReportCategoriesResponse {
            categories: wharf_policy::reports::REPORT_CATEGORIES,
            automatic_hold: "rule",
        })
        .unwrap();
        let first = encoded["categories"][0].as_object().unwrap();
        let mut keys: Vec<_> = first.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["description", "slug", "title"]);
        assert_eq!(encoded["automatic_hold"], "rule");
    }

    #[test]
    fn an_empty_audit_page_has_no_cursor() {
        assert_eq!(
            serde_json::to_value(AuditResponse {
                entries: vec![],
                next_before: None
            })
            .unwrap(),
            json!({ "entries": [], "next_before": null })
        );
    }
}
