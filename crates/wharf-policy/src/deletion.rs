//! The owner-deletion rule: when owners may delete their own crate (or one of its versions).
//!
//! A crate may be deleted by a full owner when nothing else depends on it, and either it was first
//! published less than 72 hours ago, or it has exactly one owner and fewer downloads than 1000 for
//! each month it has been published. Everything else needs the registry's team.

/// The facts the rule weighs; times in milliseconds since the epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeletionFacts {
    pub first_published_at: i64,
    pub now: i64,
    pub owner_count: i64,
    pub downloads: i64,
    /// Other crates depending on any version (self-dependencies excluded, yanked versions included).
    pub dependents: i64,
}

const HOUR_MS: i64 = 60 * 60 * 1000;
const DAY_MS: i64 = 24 * HOUR_MS;

/// The grace period in which a fresh crate may be deleted whatever its downloads and owners.
pub const GRACE_MS: i64 = 72 * HOUR_MS;

/// Downloads allowed per started month of age.
pub const DOWNLOADS_PER_MONTH: i64 = 1000;

/// The most downloads a crate of this age may have and still be deleted by a sole owner:
/// 1000 × ⌈age in days / 30⌉ (at least one month).
pub fn download_allowance(first_published_at: i64, now: i64) -> i64 {
    let age_days = ((now - first_published_at).max(0) + DAY_MS - 1) / DAY_MS;
    let months = ((age_days + 29) / 30).max(1);
    DOWNLOADS_PER_MONTH * months
}

/// `Ok` when the rule allows the deletion; otherwise the condition that failed, in words the owner
/// reads.
pub fn check_deletion(facts: &DeletionFacts) -> Result<(), String> {
    if facts.dependents > 0 {
        return Err(format!(
            "other crates depend on it ({} of them); a crate others depend on cannot be deleted",
            facts.dependents
        ));
    }
    let age = facts.now - facts.first_published_at;
    if age < GRACE_MS {
        return Ok(());
    }
    if facts.owner_count != 1 {
        return Err(format!(
            "it was first published more than 72 hours ago and has {} owners; after 72 hours only a \
             crate with a single owner can be deleted",
            facts.owner_count
        ));
    }
    let allowance = download_allowance(facts.first_published_at, facts.now);
    if facts.downloads > allowance {
        return Err(format!(
            "it was first published more than 72 hours ago and has been downloaded {} times, more \
             than the {allowance} allowed for its age (1000 for each month published)",
            facts.downloads
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINUTE: i64 = 60 * 1000;

    fn facts(age: i64, owners: i64, downloads: i64, dependents: i64) -> DeletionFacts {
        DeletionFacts {
            first_published_at: 1_000_000_000_000,
            now: 1_000_000_000_000 + age,
            owner_count: owners,
            downloads,
            dependents,
        }
    }

    #[test]
    fn the_first_72_hours_allow_anything_without_dependents() {
        let just_inside = 71 * HOUR_MS + 59 * MINUTE;
        assert_eq!(check_deletion(&facts(just_inside, 3, 1_000_000, 0)), Ok(()));
        let just_outside = 72 * HOUR_MS + MINUTE;
        assert!(check_deletion(&facts(just_outside, 3, 0, 0))
            .unwrap_err()
            .contains("3 owners"));
        assert_eq!(check_deletion(&facts(just_outside, 1, 0, 0)), Ok(()));
    }

    #[test]
    fn sole_owners_are_held_to_the_download_allowance() {
        let age = 45 * DAY_MS;
        assert_eq!(download_allowance(0, age), 2000);
        assert_eq!(check_deletion(&facts(age, 1, 2000, 0)), Ok(()));
        assert!(check_deletion(&facts(age, 1, 2001, 0))
            .unwrap_err()
            .contains("2001"));
        assert!(check_deletion(&facts(age, 2, 0, 0)).is_err());
        // Age is counted in started days: 30 days and a minute is a second month.
        assert_eq!(download_allowance(0, 30 * DAY_MS), 1000);
        assert_eq!(download_allowance(0, 30 * DAY_MS + MINUTE), 2000);
    }

    #[test]
    fn dependents_always_block() {
        assert!(check_deletion(&facts(HOUR_MS, 1, 0, 1))
            .unwrap_err()
            .contains("depend"));
        assert!(check_deletion(&facts(100 * DAY_MS, 1, 0, 2)).is_err());
    }
}
