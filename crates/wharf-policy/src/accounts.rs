//! Who may open an account: the rules against fake and misleading accounts that do not need the
//! database — reserved user names, blocked e-mail domains, password length — and how long a run of
//! failed sign-ins makes the next attempt wait.
//!
//! The lists here are seeds: the registry writes them to the database the first time it starts, and
//! operators change them there afterwards.

/// User names nobody may sign up with: they would pass for the registry itself, its staff or one of
/// its pages. Compared ignoring case, and ignoring `-` and `_`, so `site-admin` is `siteadmin`.
pub const DEFAULT_RESERVED_LOGINS: &[&str] = &[
    "abuse",
    "admin",
    "administrator",
    "api",
    "crates",
    "help",
    "hostmaster",
    "index",
    "info",
    "login",
    "me",
    "moderator",
    "moderators",
    "mod",
    "mods",
    "noreply",
    "official",
    "operator",
    "owner",
    "postmaster",
    "registry",
    "root",
    "rust",
    "rustlang",
    "security",
    "settings",
    "signin",
    "signout",
    "signup",
    "siteadmin",
    "staff",
    "support",
    "system",
    "team",
    "teams",
    "users",
    "webmaster",
    "wharf",
    "www",
];

/// Disposable ("ten-minute") mail providers, a starting list: an account whose address stops
/// existing within the hour cannot be reached about its crates, and such addresses are the cheapest
/// way to make many accounts.
pub const DEFAULT_BLOCKED_EMAIL_DOMAINS: &[&str] = &[
    "10minutemail.com",
    "discard.email",
    "dispostable.com",
    "fakeinbox.com",
    "getnada.com",
    "guerrillamail.com",
    "guerrillamail.net",
    "mailinator.com",
    "maildrop.cc",
    "mintemail.com",
    "mohmal.com",
    "sharklasers.com",
    "temp-mail.org",
    "tempmail.com",
    "throwawaymail.com",
    "trashmail.com",
    "yopmail.com",
];

/// The shortest password accepted. Length is what makes a password hard to guess; composition rules
/// mostly make people write theirs down (NIST SP 800-63B).
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longer than anyone types, short enough that hashing it costs nothing unusual.
pub const MAX_PASSWORD_CHARS: usize = 256;

/// A login in the form reserved names are compared in.
pub fn login_skeleton(login: &str) -> String {
    login
        .chars()
        .filter(|c| *c != '-' && *c != '_')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether `login` is one of `reserved` (given in any spelling).
pub fn is_reserved_login<S: AsRef<str>>(login: &str, reserved: &[S]) -> bool {
    let skeleton = login_skeleton(login);
    reserved
        .iter()
        .any(|name| login_skeleton(name.as_ref()) == skeleton)
}

/// The domain of an e-mail address, lower-cased: what follows the last `@`.
pub fn email_domain(email: &str) -> Option<String> {
    let (local, domain) = email.trim().rsplit_once('@')?;
    let domain = domain.trim_end_matches('.').to_ascii_lowercase();
    (!local.is_empty() && domain.contains('.') && !domain.starts_with('.')).then_some(domain)
}

/// Whether an address is at a blocked domain or any subdomain of one.
pub fn is_blocked_email<S: AsRef<str>>(email: &str, blocked: &[S]) -> bool {
    let Some(domain) = email_domain(email) else {
        return false;
    };
    blocked.iter().any(|entry| {
        let entry = entry
            .as_ref()
            .trim()
            .trim_start_matches('.')
            .to_ascii_lowercase();
        !entry.is_empty()
            && (domain == entry
                || domain
                    .strip_suffix(&entry)
                    .is_some_and(|rest| rest.ends_with('.')))
    })
}

/// Checks a new password's length, in characters.
pub fn check_password(password: &str) -> Result<(), String> {
    let length = password.chars().count();
    if length < MIN_PASSWORD_CHARS {
        Err(format!(
            "a password needs at least {MIN_PASSWORD_CHARS} characters; a few ordinary words in a \
             row make a good one"
        ))
    } else if length > MAX_PASSWORD_CHARS {
        Err(format!(
            "a password can have at most {MAX_PASSWORD_CHARS} characters"
        ))
    } else {
        Ok(())
    }
}

/// Failed sign-ins in a row allowed before each further one makes the account wait.
pub const FREE_SIGN_IN_FAILURES: i64 = 5;
/// The longest wait after failed sign-ins.
pub const MAX_SIGN_IN_WAIT_MS: i64 = 15 * 60 * 1000;

/// How long an account must wait before the next sign-in attempt, after `failures` failed ones in a
/// row: nothing for the first few (people mistype), then 30 seconds, doubling up to 15 minutes. Slow
/// enough to make guessing hopeless, short enough that an attacker cannot lock the owner out for
/// long; a password reset clears it.
pub fn sign_in_wait_ms(failures: i64) -> i64 {
    if failures < FREE_SIGN_IN_FAILURES {
        return 0;
    }
    let doublings = (failures - FREE_SIGN_IN_FAILURES).min(20) as u32;
    (30_000i64 << doublings).min(MAX_SIGN_IN_WAIT_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_logins_match_any_spelling() {
        assert!(is_reserved_login("Admin", DEFAULT_RESERVED_LOGINS));
        assert!(is_reserved_login("site_admin", DEFAULT_RESERVED_LOGINS));
        assert!(is_reserved_login("SECURITY", DEFAULT_RESERVED_LOGINS));
        assert!(!is_reserved_login("adminton", DEFAULT_RESERVED_LOGINS));
        assert!(!is_reserved_login("alice", DEFAULT_RESERVED_LOGINS));
    }

    #[test]
    fn blocked_domains_cover_subdomains_only() {
        let blocked = ["mailinator.com"];
        assert!(is_blocked_email("x@mailinator.com", &blocked));
        assert!(is_blocked_email("x@MAILINATOR.com.", &blocked));
        assert!(is_blocked_email("x@eu.mailinator.com", &blocked));
        assert!(!is_blocked_email("x@notmailinator.com", &blocked));
        assert!(!is_blocked_email("x@example.org", &blocked));
        assert!(!is_blocked_email("not-an-address", &blocked));
    }

    #[test]
    fn email_domains() {
        assert_eq!(email_domain("a@Example.ORG"), Some("example.org".into()));
        assert_eq!(email_domain("a@b@example.org"), Some("example.org".into()));
        assert_eq!(email_domain("@example.org"), None);
        assert_eq!(email_domain("a@localhost"), None);
    }

    #[test]
    fn passwords_need_length_not_composition() {
        assert!(check_password("short").is_err());
        assert!(check_password("correct horse battery").is_ok());
        assert!(check_password("aaaaaaaaaa").is_ok());
        assert!(check_password(&"x".repeat(MAX_PASSWORD_CHARS + 1)).is_err());
    }

    #[test]
    fn sign_in_waits_grow_and_stop_growing() {
        assert_eq!(sign_in_wait_ms(0), 0);
        assert_eq!(sign_in_wait_ms(FREE_SIGN_IN_FAILURES - 1), 0);
        assert_eq!(sign_in_wait_ms(FREE_SIGN_IN_FAILURES), 30_000);
        assert_eq!(sign_in_wait_ms(FREE_SIGN_IN_FAILURES + 1), 60_000);
        assert_eq!(sign_in_wait_ms(1000), MAX_SIGN_IN_WAIT_MS);
    }
}

/// Whether an e-mailed link (address verification, password reset) still works at `now`: once,
/// and only before it expires.
pub fn email_link_usable(used_at: Option<i64>, expires_at: i64, now: i64) -> bool {
    used_at.is_none() && expires_at > now
}

#[cfg(test)]
mod link_tests {
    use super::email_link_usable;

    #[test]
    fn a_link_works_once_and_until_it_expires() {
        let now = 1_700_000_000_000;
        assert!(email_link_usable(None, now + 1, now));
        assert!(!email_link_usable(None, now, now));
        assert!(!email_link_usable(Some(now - 1), now + 1, now));
    }
}

/// How long a one-time code given in a session counts as fresh for the pages that change who may
/// publish (tokens, owners, trusted publishing, deletion): past it, they ask for a code again.
pub const FRESH_SECOND_FACTOR_MS: i64 = 15 * 60 * 1000;

/// How long an account must wait before the next one-time code, after `failures` wrong ones in a
/// row, the last at `last_failure_at`: the same schedule as passwords. A six-digit code has a
/// million values; at one guess per 30 seconds and doubling waits, guessing one is hopeless.
pub fn second_factor_wait_ms(failures: i64, last_failure_at: Option<i64>, now: i64) -> i64 {
    let free_at = last_failure_at.unwrap_or(0) + sign_in_wait_ms(failures);
    (free_at - now).max(0)
}

/// Whether an act that changes who may publish must first ask the session for a code: only for an
/// account with a second factor whose session gave none in the last [`FRESH_SECOND_FACTOR_MS`].
pub fn needs_fresh_code(second_factor: bool, given_at: Option<i64>, now: i64) -> bool {
    second_factor && given_at.is_none_or(|at| now - at > FRESH_SECOND_FACTOR_MS)
}

/// Whether an owner may act on a crate when the registry requires owners to use a second factor.
pub fn owner_second_factor(required: bool, has_second_factor: bool) -> Result<(), String> {
    if required && !has_second_factor {
        return Err(
            "this registry requires crate owners to sign in with two factors: turn on two-factor \
             authentication in the web site's settings (Settings → Two-factor), then try again"
                .into(),
        );
    }
    Ok(())
}

#[cfg(test)]
mod second_factor_tests {
    use super::*;

    const NOW: i64 = 1_700_000_000_000;

    #[test]
    fn wrong_codes_pause_code_entry_as_wrong_passwords_do() {
        assert_eq!(second_factor_wait_ms(4, Some(NOW), NOW), 0);
        assert_eq!(second_factor_wait_ms(5, Some(NOW), NOW), 30_000);
        assert_eq!(second_factor_wait_ms(5, Some(NOW - 30_000), NOW), 0);
        assert_eq!(
            second_factor_wait_ms(30, Some(NOW), NOW),
            MAX_SIGN_IN_WAIT_MS
        );
    }

    #[test]
    fn a_code_is_asked_again_only_when_the_last_is_stale() {
        assert!(!needs_fresh_code(false, None, NOW));
        assert!(needs_fresh_code(true, None, NOW));
        assert!(!needs_fresh_code(
            true,
            Some(NOW - FRESH_SECOND_FACTOR_MS),
            NOW
        ));
        assert!(needs_fresh_code(
            true,
            Some(NOW - FRESH_SECOND_FACTOR_MS - 1),
            NOW
        ));
    }

    #[test]
    fn owners_without_a_second_factor_are_refused_only_when_required() {
        assert!(owner_second_factor(false, false).is_ok());
        assert!(owner_second_factor(true, true).is_ok());
        assert!(owner_second_factor(true, false)
            .unwrap_err()
            .contains("two factors"));
    }
}
