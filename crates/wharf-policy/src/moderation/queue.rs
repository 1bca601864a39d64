//! The review queue: which targets wait for a moderator, why, and in which order.
//!
//! The store reads candidate rows — open reports, versions the gate flagged or held, held crates,
//! placeholders, open notices — and [`compose_queue`] decides which become items. The store may
//! narrow its reads with this module's lists ([`QUEUED_VERDICTS`], [`PLACEHOLDER_RULES`]) so it does
//! not read the whole registry, but the decision is made, and tested, here.

use super::{crate_target, notice_waits, version_target, NoticeRecord};
use crate::scan::rules;
use crate::verdict::Verdict;
use serde::Serialize;
use std::collections::BTreeMap;

/// The gate's verdicts that put a version in the queue until a moderator reviews it.
pub const QUEUED_VERDICTS: &[Verdict] = &[Verdict::Flag, Verdict::Hold];

/// The rules whose findings mark a version as a placeholder: a name held without a crate behind it.
/// Matched exactly against the stored findings' rule ids.
pub const PLACEHOLDER_RULES: &[&str] = &[rules::SQUATTING];

/// How long a placeholder may go without a new version before the sweep queues it.
pub const PLACEHOLDER_IDLE_MS: i64 = 30 * 24 * 60 * 60 * 1000;

/// Whether a version published with `verdict` waits for a moderator: the gate flagged or held it and
/// no one has reviewed it.
pub fn version_needs_review(verdict: Verdict, reviewed: bool) -> bool {
    !reviewed && QUEUED_VERDICTS.contains(&verdict)
}

/// Whether a placeholder whose newest version was published at `published_at` is back for review
/// at `now`: that version is more than [`PLACEHOLDER_IDLE_MS`] old, and no moderator has reviewed
/// it since it went idle. A review when it was published (letting a new crate have its chance) does
/// not keep it out; one after it went idle does.
pub fn is_idle_placeholder(published_at: i64, reviewed_at: Option<i64>, now: i64) -> bool {
    let idle_since = published_at.saturating_add(PLACEHOLDER_IDLE_MS);
    idle_since < now && reviewed_at.is_none_or(|reviewed| reviewed < idle_since)
}

/// One line of the review queue: a target and why it is there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueItem {
    pub target: String,
    pub open_reports: i64,
    pub trusted_reports: i64,
    pub categories: Vec<String>,
    /// The strictest verdict of the policy gate on versions not yet reviewed.
    pub verdict: Option<String>,
    /// The crate is held as a whole, and why.
    pub held: Option<String>,
    /// A notice to the owners whose deadline passed or that they answered.
    pub notice: Option<NoticeRecord>,
    /// A placeholder (squatting findings) that has had no new version for 30 days.
    pub stale_placeholder: bool,
    /// When the oldest reason for the item arose.
    pub since: i64,
}

impl QueueItem {
    fn new(target: String, since: i64) -> QueueItem {
        QueueItem {
            target,
            open_reports: 0,
            trusted_reports: 0,
            categories: Vec::new(),
            verdict: None,
            held: None,
            notice: None,
            stale_placeholder: false,
            since,
        }
    }
}

/// An open report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenReport {
    /// As filed: `crate:NAME`, `crate:NAME@VERSION` or `user:LOGIN`.
    pub target: String,
    pub category: String,
    pub created_at: i64,
    /// Filed by a trusted reporter.
    pub trusted: bool,
}

/// A version and the gate's verdict on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GatedVersion {
    pub crate_name: String,
    pub num: String,
    pub verdict: Verdict,
    pub published_at: i64,
    pub reviewed: bool,
}

/// A crate held as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldCrate {
    pub name: String,
    pub held_at: i64,
    pub reason: Option<String>,
}

/// A crate whose newest version has a finding of one of the [`PLACEHOLDER_RULES`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub crate_name: String,
    /// When its newest version was published.
    pub published_at: i64,
    /// When a moderator last reviewed that version.
    pub reviewed_at: Option<i64>,
}

/// A notice not yet closed by a moderator's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenNotice {
    pub crate_name: String,
    pub notice: NoticeRecord,
}

/// Everything the queue is composed from, as the store read it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueFacts {
    pub reports: Vec<OpenReport>,
    pub versions: Vec<GatedVersion>,
    pub held: Vec<HeldCrate>,
    pub placeholders: Vec<Placeholder>,
    pub notices: Vec<OpenNotice>,
}

/// Everything waiting for a moderator at `now`, one item per target:
/// - open reports, counted, with their categories in the order first seen;
/// - versions the gate flagged or held that no one has reviewed ([`version_needs_review`]);
/// - crates held as a whole;
/// - idle placeholders ([`is_idle_placeholder`]), on the crate;
/// - notices that stopped waiting (deadline passed or answered), on the crate.
///
/// A notice still waiting hides its crate's item — the owners are having their say — unless the
/// crate is held: something out of reach is never hidden. It does not hide the items of the crate's
/// versions.
///
/// Items are ordered held first (something is out of reach until someone decides), then oldest
/// first, then by target. An item's age is that of the first reason found for it, among reports and
/// versions the oldest.
pub fn compose_queue(facts: QueueFacts, now: i64) -> Vec<QueueItem> {
    let mut items: BTreeMap<String, QueueItem> = BTreeMap::new();
    fn item(items: &mut BTreeMap<String, QueueItem>, target: String, since: i64) -> &mut QueueItem {
        items
            .entry(target.clone())
            .or_insert_with(|| QueueItem::new(target, since))
    }
    for report in facts.reports {
        let item = item(&mut items, report.target, report.created_at);
        item.open_reports += 1;
        item.trusted_reports += i64::from(report.trusted);
        item.since = item.since.min(report.created_at);
        if !item.categories.contains(&report.category) {
            item.categories.push(report.category);
        }
    }
    for version in facts.versions {
        if !version_needs_review(version.verdict, version.reviewed) {
            continue;
        }
        let target = version_target(&version.crate_name, &version.num);
        let item = item(&mut items, target, version.published_at);
        item.verdict = Some(version.verdict.as_str().to_string());
        item.since = item.since.min(version.published_at);
    }
    for held in facts.held {
        item(&mut items, crate_target(&held.name), held.held_at).held = held.reason;
    }
    // The sweep: placeholders nobody has touched for 30 days come back, even if a moderator let
    // them pass when they were published.
    for placeholder in facts.placeholders {
        if !is_idle_placeholder(placeholder.published_at, placeholder.reviewed_at, now) {
            continue;
        }
        // It waits from the moment it went idle.
        let since = placeholder.published_at.saturating_add(PLACEHOLDER_IDLE_MS);
        item(&mut items, crate_target(&placeholder.crate_name), since).stale_placeholder = true;
    }
    for open in facts.notices {
        let target = crate_target(&open.crate_name);
        if notice_waits(&open.notice, now) {
            if items.get(&target).is_some_and(|item| item.held.is_none()) {
                items.remove(&target);
            }
            continue;
        }
        let since = open.notice.replied_at.unwrap_or(open.notice.deadline);
        item(&mut items, target, since).notice = Some(open.notice);
    }
    let mut items: Vec<QueueItem> = items.into_values().collect();
    items.sort_by_key(|item| (item.held.is_none(), item.since));
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = 24 * 60 * 60 * 1000;
    const NOW: i64 = 1_700_000_000_000;

    fn report(target: &str, category: &str, created_at: i64, trusted: bool) -> OpenReport {
        OpenReport {
            target: target.into(),
            category: category.into(),
            created_at,
            trusted,
        }
    }

    fn version(name: &str, verdict: Verdict, published_at: i64, reviewed: bool) -> GatedVersion {
        GatedVersion {
            crate_name: name.into(),
            num: "1.0.0".into(),
            verdict,
            published_at,
            reviewed,
        }
    }

    fn notice(name: &str, deadline: i64, replied_at: Option<i64>) -> OpenNotice {
        OpenNotice {
            crate_name: name.into(),
            notice: NoticeRecord {
                reason: "no code".into(),
                deadline,
                created_at: deadline - 14 * DAY,
                reply: replied_at.map(|_| "soon".into()),
                replied_at,
            },
        }
    }

    fn held(name: &str, held_at: i64) -> HeldCrate {
        HeldCrate {
            name: name.into(),
            held_at,
            reason: Some("reported".into()),
        }
    }

    fn targets(items: &[QueueItem]) -> Vec<&str> {
        items.iter().map(|item| item.target.as_str()).collect()
    }

    #[test]
    fn reports_on_one_target_make_one_item() {
        let items = compose_queue(
            QueueFacts {
                reports: vec![
                    report("crate:a", "spam", NOW - 1, false),
                    report("crate:a", "phishing", NOW - 3, true),
                    report("crate:a", "spam", NOW - 2, false),
                    report("user:b", "harassment", NOW - 2, false),
                ],
                ..QueueFacts::default()
            },
            NOW,
        );
        assert_eq!(targets(&items), ["crate:a", "user:b"]);
        assert_eq!(items[0].open_reports, 3);
        assert_eq!(items[0].trusted_reports, 1);
        assert_eq!(items[0].categories, ["spam", "phishing"]);
        assert_eq!(items[0].since, NOW - 3);
    }

    #[test]
    fn only_unreviewed_flagged_or_held_versions_queue() {
        let items = compose_queue(
            QueueFacts {
                versions: vec![
                    version("flagged", Verdict::Flag, NOW - 2, false),
                    version("held", Verdict::Hold, NOW - 1, false),
                    version("allowed", Verdict::Allow, NOW - 3, false),
                    version("reviewed", Verdict::Flag, NOW - 3, true),
                ],
                ..QueueFacts::default()
            },
            NOW,
        );
        assert_eq!(targets(&items), ["crate:flagged@1.0.0", "crate:held@1.0.0"]);
        assert_eq!(items[0].verdict.as_deref(), Some("flag"));
        assert_eq!(items[1].verdict.as_deref(), Some("hold"));
        assert!(version_needs_review(Verdict::Hold, false));
        assert!(!version_needs_review(Verdict::Reject, false));
    }

    #[test]
    fn held_crates_come_first_then_the_oldest() {
        let items = compose_queue(
            QueueFacts {
                reports: vec![
                    report("crate:old", "spam", NOW - 10 * DAY, false),
                    report("crate:new", "spam", NOW - DAY, false),
                ],
                held: vec![held("recent-hold", NOW)],
                ..QueueFacts::default()
            },
            NOW,
        );
        assert_eq!(
            targets(&items),
            ["crate:recent-hold", "crate:old", "crate:new"]
        );
        assert_eq!(items[0].held.as_deref(), Some("reported"));
    }

    #[test]
    fn placeholders_come_back_after_thirty_idle_days() {
        let published = NOW - 40 * DAY;
        let idle_since = published + PLACEHOLDER_IDLE_MS;
        // The boundary: exactly 30 days is not yet idle; a millisecond more is.
        assert!(!is_idle_placeholder(published, None, idle_since));
        assert!(is_idle_placeholder(published, None, idle_since + 1));
        // A review before it went idle does not keep it out; one after does.
        assert!(is_idle_placeholder(published, Some(published + DAY), NOW));
        assert!(is_idle_placeholder(published, Some(idle_since - 1), NOW));
        assert!(!is_idle_placeholder(published, Some(idle_since), NOW));

        let items = compose_queue(
            QueueFacts {
                placeholders: vec![
                    Placeholder {
                        crate_name: "idle".into(),
                        published_at: published,
                        reviewed_at: Some(published + DAY),
                    },
                    Placeholder {
                        crate_name: "young".into(),
                        published_at: NOW - DAY,
                        reviewed_at: None,
                    },
                ],
                ..QueueFacts::default()
            },
            NOW,
        );
        assert_eq!(targets(&items), ["crate:idle"]);
        assert!(items[0].stale_placeholder);
        assert_eq!(items[0].since, idle_since);
    }

    #[test]
    fn a_waiting_notice_hides_its_crate_unless_held() {
        let facts = QueueFacts {
            reports: vec![
                report("crate:noticed", "name-squatting", NOW - DAY, false),
                report("crate:noticed@1.0.0", "spam", NOW - DAY, false),
                report("crate:held", "malicious-code", NOW - DAY, true),
            ],
            held: vec![held("held", NOW - DAY)],
            notices: vec![
                notice("noticed", NOW + 1, None),
                notice("held", NOW + 1, None),
            ],
            ..QueueFacts::default()
        };
        let items = compose_queue(facts, NOW);
        // The version's item stays: the notice is about the name.
        assert_eq!(targets(&items), ["crate:held", "crate:noticed@1.0.0"]);
        assert!(items[0].notice.is_none());
    }

    #[test]
    fn a_notice_that_stopped_waiting_brings_its_crate_back() {
        let facts = QueueFacts {
            reports: vec![report(
                "crate:answered",
                "name-squatting",
                NOW - 20 * DAY,
                false,
            )],
            notices: vec![
                notice("answered", NOW + DAY, Some(NOW - DAY)),
                // Exactly at the deadline the owners' time is up.
                notice("expired", NOW, None),
            ],
            ..QueueFacts::default()
        };
        let items = compose_queue(facts, NOW);
        assert_eq!(targets(&items), ["crate:answered", "crate:expired"]);
        // An item that was already there keeps its age; a notice alone dates from the reply or the
        // deadline.
        assert_eq!(items[0].since, NOW - 20 * DAY);
        assert_eq!(items[0].open_reports, 1);
        assert_eq!(
            items[0].notice.as_ref().unwrap().reply.as_deref(),
            Some("soon")
        );
        assert_eq!(items[1].since, NOW);
        assert_eq!(items[1].open_reports, 0);
    }

    #[test]
    fn placeholders_are_the_squatting_rule() {
        assert_eq!(PLACEHOLDER_RULES, ["scan.squatting"]);
    }
}
