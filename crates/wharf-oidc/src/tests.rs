use super::*;
use crate::test_issuer::TestIssuer;
use serde_json::json;

const AUDIENCE: &str = "registry.test";

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

fn claims(issuer: &TestIssuer) -> serde_json::Value {
    let now = now();
    json!({ "iss": issuer.url, "aud": AUDIENCE, "iat": now, "nbf": now - 5, "exp": now + 300,
            "jti": "abc", "repository": "octo/widget" })
}

#[tokio::test]
async fn a_token_signed_by_the_issuer_verifies_and_keys_are_kept() {
    let issuer = TestIssuer::start();
    let verifier = Verifier::new(vec![issuer.url.clone()]).unwrap();
    let token = issuer.sign(&claims(&issuer));
    let verified = verifier.verify(&token, AUDIENCE, now()).await.unwrap();
    assert_eq!(verified.issuer, issuer.url);
    assert_eq!(verified.claims["repository"], "octo/widget");
    verifier.verify(&token, AUDIENCE, now()).await.unwrap();
    assert_eq!(
        issuer.key_fetches(),
        1,
        "the key set is kept between tokens"
    );
}

#[tokio::test]
async fn forged_misdirected_and_stale_tokens_are_refused() {
    let issuer = TestIssuer::start();
    let verifier = Verifier::new(vec![issuer.url.clone()]).unwrap();
    let good = claims(&issuer);
    let verify = |token: String, at: i64| {
        let verifier = &verifier;
        async move { verifier.verify(&token, AUDIENCE, at).await.unwrap_err() }
    };

    assert_eq!(
        verify(issuer.forge(&good), now()).await,
        VerifyError::BadSignature
    );
    assert_eq!(
        verify(issuer.sign_with_key_id(&good, "nobody's"), now()).await,
        VerifyError::UnknownKey("nobody's".into())
    );
    let mut other_audience = good.clone();
    other_audience["aud"] = json!("crates.io");
    assert_eq!(
        verify(issuer.sign(&other_audience), now()).await,
        VerifyError::WrongAudience(AUDIENCE.into())
    );
    // Expiry and not-before are judged by the clock passed in, with a minute's leeway.
    let token = issuer.sign(&good);
    assert!(verifier
        .verify(&token, AUDIENCE, now() + 300 + 59)
        .await
        .is_ok());
    assert_eq!(
        verify(token.clone(), now() + 300 + 61).await,
        VerifyError::Expired
    );
    assert_eq!(verify(token, now() - 120).await, VerifyError::NotYetValid);
    let mut no_exp = good.clone();
    no_exp.as_object_mut().unwrap().remove("exp");
    assert!(matches!(
        verify(issuer.sign(&no_exp), now()).await,
        VerifyError::Malformed(_)
    ));
    // An issuer the registry was not told about is refused before anything is fetched.
    let mut elsewhere = good.clone();
    elsewhere["iss"] = json!("https://issuer.invalid");
    assert_eq!(
        verify(issuer.sign(&elsewhere), now()).await,
        VerifyError::UnknownIssuer("https://issuer.invalid".into())
    );
    assert!(matches!(
        verify("not.a-jwt".into(), now()).await,
        VerifyError::Malformed(_)
    ));
}

#[tokio::test]
async fn symmetric_algorithms_are_refused() {
    let issuer = TestIssuer::start();
    let verifier = Verifier::new(vec![issuer.url.clone()]).unwrap();
    let mut header = jsonwebtoken::Header::new(Algorithm::HS256);
    header.kid = Some(crate::test_issuer::KEY_ID.into());
    let token = jsonwebtoken::encode(
        &header,
        &claims(&issuer),
        &jsonwebtoken::EncodingKey::from_secret(b"guessable"),
    )
    .unwrap();
    assert_eq!(
        verifier.verify(&token, AUDIENCE, now()).await.unwrap_err(),
        VerifyError::Algorithm("HS256".into())
    );
}

#[tokio::test]
async fn an_unreachable_issuer_is_a_fetch_failure_not_a_bad_token() {
    // A port nothing listens on.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let issuer = TestIssuer::start();
    let verifier = Verifier::new(vec![url.clone()]).unwrap();
    let mut elsewhere = claims(&issuer);
    elsewhere["iss"] = json!(url);
    let error = verifier
        .verify(&issuer.sign(&elsewhere), AUDIENCE, now())
        .await
        .unwrap_err();
    assert!(
        matches!(error, VerifyError::KeysUnavailable(_)),
        "{error:?}"
    );
}

#[test]
fn issuer_urls_must_be_https_except_on_loopback() {
    assert!(check_url("https://token.actions.githubusercontent.com").is_ok());
    assert!(check_url("http://127.0.0.1:8080").is_ok());
    assert!(check_url("http://localhost:8080").is_ok());
    assert!(check_url("http://[::1]:8080").is_ok());
    assert!(check_url("http://gitlab.example.com").is_err());
    assert!(check_url("ftp://127.0.0.1").is_err());
    assert!(Verifier::new(vec!["http://issuer.example".into()]).is_err());
}
