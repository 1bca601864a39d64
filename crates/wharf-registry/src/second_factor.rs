//! Two-factor sign-in (TOTP, RFC 6238): enrolment with a QR code rendered here as SVG, ten
//! single-use recovery codes, checking a code (with replay and guessing protection), turning it
//! off, and the rule that owners must have it where the operator requires it.
//!
//! Codes are six digits over 30-second steps, SHA-1 — what every authenticator app reads from an
//! `otpauth://` URL — accepted one step either side for clock drift. A step is used once: the
//! store takes it only if it is newer than the last one taken.

use crate::{Principal, Registry, RegistryError, RegistryResult};
use rand::distr::{Alphanumeric, SampleString};
use totp_rs::{Algorithm, Builder, Secret, Totp};
use wharf_policy::accounts::{owner_second_factor, second_factor_wait_ms};
use wharf_store::{Actor, UserRecord};

/// How many recovery codes an enrolment hands out.
pub const RECOVERY_CODES: usize = 10;

/// What the enrolment page shows.
#[derive(Debug, Clone)]
pub struct Enrolment {
    /// The secret in base32, for typing into an app that cannot scan.
    pub secret: String,
    /// The `otpauth://` URL the QR code carries.
    pub url: String,
    /// The QR code, as an SVG document.
    pub qr_svg: String,
}

fn totp(registry: &Registry, user: &UserRecord, secret_base32: &str) -> RegistryResult<Totp> {
    let secret = Secret::try_from_base32(secret_base32).map_err(|e| {
        RegistryError::Internal(format!("a stored TOTP secret is not base32: {e:?}"))
    })?;
    let issuer = registry
        .config
        .public_host()
        .unwrap_or_else(|| "Wharf".into());
    Builder::new()
        .with_algorithm(Algorithm::SHA1)
        .with_digits(6)
        .with_skew(1)
        .with_step_duration(30)
        .with_secret(secret)
        .with_account_name(user.login.clone())
        .with_issuer(Some(issuer))
        .build()
        .map_err(|e| RegistryError::Internal(format!("a TOTP could not be set up: {e:?}")))
}

/// A recovery code: two groups of five letters and digits, easy to read out and type.
fn recovery_code() -> String {
    let raw = Alphanumeric
        .sample_string(&mut rand::rng(), 10)
        .to_ascii_lowercase();
    format!("{}-{}", &raw[..5], &raw[5..])
}

/// A code as people type it, trimmed and lower-cased (recovery codes are lower case; spaces and
/// dashes inside a six-digit code are dropped when it is checked).
fn normalise(code: &str) -> String {
    code.trim().to_ascii_lowercase()
}

fn is_totp_shaped(code: &str) -> bool {
    let digits: String = code
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .collect();
    digits.len() == 6 && digits.chars().all(|c| c.is_ascii_digit())
}

impl Registry {
    /// Starts (or restarts) enrolment: a new secret, kept pending until its first code.
    pub async fn start_totp_enrolment(&self, user: &UserRecord) -> RegistryResult<Enrolment> {
        let state = self.db.second_factor_state(user.id).await?;
        if state.secret.is_some() {
            return Err(RegistryError::Conflict(
                "two-factor authentication is already on; turn it off first to set up a new device"
                    .into(),
            ));
        }
        let secret = Secret::generate().to_base32();
        let totp = totp(self, user, &secret)?;
        let url = totp
            .to_url()
            .map_err(|e| RegistryError::Internal(format!("no otpauth URL: {e:?}")))?;
        let qr_svg = qrcode::QrCode::new(url.as_bytes())
            .map_err(|e| RegistryError::Internal(format!("no QR code: {e}")))?
            .render::<qrcode::render::svg::Color>()
            .min_dimensions(200, 200)
            .build();
        self.db.begin_totp_enrolment(user.id, &secret).await?;
        Ok(Enrolment {
            secret,
            url,
            qr_svg,
        })
    }

    /// Confirms enrolment with a code from the pending secret; returns the recovery codes, shown
    /// once and kept only as hashes.
    pub async fn confirm_totp(
        &self,
        user: &UserRecord,
        code: &str,
        actor: &Actor,
    ) -> RegistryResult<Vec<String>> {
        let state = self.db.second_factor_state(user.id).await?;
        let Some(pending) = state.pending_secret else {
            return Err(RegistryError::Invalid(
                "there is no set-up in progress: start it again".into(),
            ));
        };
        let step = totp(self, user, &pending)?
            .check(code.trim(), (self.now() / 1000) as u64)
            .ok_or_else(|| {
                RegistryError::Invalid(
                    "that code does not match: check the time on the device, and type the code \
                     it shows now"
                        .into(),
                )
            })?;
        let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| recovery_code()).collect();
        self.db
            .confirm_totp(user.id, &pending, step as i64, &codes, actor)
            .await?;
        Ok(codes)
    }

    /// Checks a second-factor code — a current TOTP code, or an unused recovery code — for the
    /// account, counting wrong ones and pausing code entry after several.
    pub async fn verify_second_factor(
        &self,
        user: &UserRecord,
        code: &str,
        actor: &Actor,
    ) -> RegistryResult<()> {
        let state = self.db.second_factor_state(user.id).await?;
        let Some(secret) = state.secret else {
            return Err(RegistryError::Invalid(
                "this account has no second factor".into(),
            ));
        };
        let now = self.now();
        let wait = second_factor_wait_ms(state.failures, state.last_failure_at, now);
        if wait > 0 {
            return Err(RegistryError::RateLimited {
                message: format!(
                    "too many wrong codes: wait {} seconds before the next one",
                    (wait + 999) / 1000
                ),
                retry_after_secs: ((wait + 999) / 1000) as u64,
            });
        }
        // Counted before it is checked, and only if no other attempt counted meanwhile.
        if !self
            .db
            .claim_second_factor_attempt(user.id, state.failures)
            .await?
        {
            return Err(RegistryError::RateLimited {
                message: "another code for this account is being checked: try again in a moment"
                    .into(),
                retry_after_secs: 1,
            });
        }
        let code = normalise(code);
        let accepted = if is_totp_shaped(&code) {
            let digits: String = code.chars().filter(|c| c.is_ascii_digit()).collect();
            match totp(self, user, &secret)?.check(&digits, (now / 1000) as u64) {
                Some(step) => self.db.accept_totp_step(user.id, step as i64).await?,
                None => false,
            }
        } else {
            self.db.use_recovery_code(user.id, &code, actor).await?
        };
        if !accepted {
            self.db.second_factor_failed(user.id, actor).await?;
            return Err(RegistryError::Forbidden(
                "that code is not right, or was used already: type the code the app shows now, \
                 or an unused recovery code"
                    .into(),
            ));
        }
        Ok(())
    }

    /// Turns the second factor off, given a code (a stolen session alone cannot).
    pub async fn disable_totp(
        &self,
        user: &UserRecord,
        code: &str,
        actor: &Actor,
    ) -> RegistryResult<()> {
        self.verify_second_factor(user, code, actor).await?;
        Ok(self.db.disable_totp(user.id, actor).await?)
    }

    /// Refuses an owner's act when the operator requires owners to have a second factor and this
    /// account has none.
    pub(crate) fn require_owner_second_factor(&self, principal: &Principal) -> RegistryResult<()> {
        owner_second_factor(
            self.config.require_second_factor_for_owners,
            principal.user.second_factor,
        )
        .map_err(RegistryError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_recognised_as_people_type_them() {
        assert!(is_totp_shaped("123456"));
        assert!(is_totp_shaped("123 456"));
        assert!(is_totp_shaped("123-456"));
        assert!(!is_totp_shaped("12345"));
        assert!(!is_totp_shaped("abcde-12345"));
        let code = recovery_code();
        assert_eq!(code.len(), 11);
        assert_eq!(normalise(&code.to_ascii_uppercase()), code);
    }
}
