//! Reporting and moderating on the web site, against a real server with crates published by the
//! real `cargo`: a signed-in user reports a crate with the form; a moderator finds the report in the
//! dashboard with its evidence, suspends the publisher (whose user page then says so and whose
//! `cargo publish` is refused) and lifts it; holds and releases change the index; the audit log
//! records the web session; the policy's findings show to owners and moderators and to nobody else;
//! and whoever may not use the dashboard is not told it exists.

mod support;

use support::web::{Page, WebClient};
use support::{Backend, Wharf};

backend_tests!(
    a_report_from_the_form_reaches_the_dashboard,
    a_moderator_suspends_and_lifts_from_the_web,
    holds_and_yanks_from_the_web_change_the_index,
    findings_show_to_owners_and_moderators_only,
);

const LIB: &str = "pub fn f() -> u32 { 7 }\n";
const PASSWORD: &str = "a long enough password";

/// A user with an API token and a password, signed in in a browser of their own.
fn person(wharf: &Wharf, login: &str) -> (String, WebClient) {
    let token = wharf.user_with_token(login);
    wharf.set_password(login, PASSWORD);
    let browser = WebClient::new(wharf);
    browser.sign_in(login, PASSWORD);
    (token, browser)
}

/// A moderator, signed in.
fn moderator(wharf: &Wharf, login: &str) -> WebClient {
    wharf.user_with_token(login);
    wharf.cli(&["user", "role", login, "moderator"]);
    wharf.set_password(login, PASSWORD);
    let browser = WebClient::new(wharf);
    browser.sign_in(login, PASSWORD);
    browser
}

fn ok(browser: &WebClient, path: &str) -> String {
    let page = browser.get(path);
    assert_eq!(page.status, 200, "GET {path}: {}", page.body);
    assert_eq!(
        page.body.matches("<h1").count(),
        1,
        "GET {path}: one <h1>: {}",
        page.body
    );
    page.body
}

fn redirected_to(page: &Page, prefix: &str) {
    assert_eq!(page.status, 303, "{}", page.body);
    assert!(
        page.location().starts_with(prefix),
        "went to {} instead of {prefix}",
        page.location()
    );
}

/// Every `<input>`, `<select>` and `<textarea>` that a person fills in has a `<label for>`.
fn every_field_is_labelled(body: &str) {
    for tag in ["<input ", "<select ", "<textarea "] {
        for (at, _) in body.match_indices(tag) {
            let element = &body[at..at + body[at..].find('>').unwrap()];
            if element.contains("type=\"hidden\"") {
                continue;
            }
            let id_at = element
                .find(" id=\"")
                .unwrap_or_else(|| panic!("a field without an id: {element}"))
                + 5;
            let id = &element[id_at..id_at + element[id_at..].find('"').unwrap()];
            assert!(
                body.contains(&format!("<label for=\"{id}\"")),
                "no label for {id}: {element}"
            );
        }
    }
}

const ITEM: &str = "/moderation/item?target=crate%3Asketchy";

fn a_report_from_the_form_reaches_the_dashboard(backend: Backend) {
    let (wharf, sink) = Wharf::with_mail_sink(
        backend,
        "[rate_limits]\nreport = { burst = 2, period_seconds = 3600 }\n",
    );
    let alice_token = wharf.user_with_token("alice");
    let alice = wharf.cargo_user("alice").with_token(&alice_token);
    alice.publish_ok(&alice.new_crate("sketchy", "1.0.0", "", LIB));
    alice.publish_ok(&alice.new_crate("sketchy", "1.1.0", "", LIB));

    // Everyone sees the way to report; anonymous visitors sign in first and come back.
    let anonymous = WebClient::new(&wharf);
    let krate = ok(&anonymous, "/crates/sketchy");
    assert!(krate.contains("href=\"/crates/sketchy/report\""), "{krate}");
    redirected_to(
        &anonymous.get("/crates/sketchy/report"),
        "/account/signin?next=%2Fcrates%2Fsketchy%2Freport",
    );

    let (_, carol) = person(&wharf, "carol");
    let form = ok(&carol, "/crates/sketchy/report");
    every_field_is_labelled(&form);
    assert!(form.contains("<option value=\"malicious-code\""), "{form}");
    assert!(form.contains("<option value=\"1.1.0\""), "{form}");
    assert!(
        form.contains("Code meant to harm whoever builds or runs it"),
        "the categories are described: {form}"
    );

    // A form without its token changes nothing.
    let forged = carol.post_form(
        "/crates/sketchy/report",
        &[("category", "spam"), ("details", "forged")],
    );
    assert_eq!(forged.status, 403, "{}", forged.body);
    let mine = ok(&carol, "/settings/reports");
    assert!(mine.contains("You have not reported anything"), "{mine}");

    // Mistakes come back with the form, what was typed, and why.
    let report = |fields: &[(&str, &str)]| {
        carol.submit("/crates/sketchy/report", "/crates/sketchy/report", fields)
    };
    let empty = report(&[("category", "spam"), ("version", ""), ("details", "  ")]);
    assert_eq!(empty.status, 422, "{}", empty.body);
    assert!(empty.body.contains("Say what is wrong"), "{}", empty.body);
    assert!(empty.body.contains("role=\"alert\""), "{}", empty.body);
    let unknown = report(&[
        ("category", "spam"),
        ("version", "9.9.9"),
        ("details", "only this one"),
    ]);
    assert_eq!(unknown.status, 422, "{}", unknown.body);
    assert!(
        unknown.body.contains("sketchy has no version 9.9.9"),
        "{}",
        unknown.body
    );
    assert!(unknown.body.contains(">only this one</textarea>"), "kept");
    let uncategorised = report(&[("category", ""), ("details", "something")]);
    assert_eq!(uncategorised.status, 422, "{}", uncategorised.body);

    // The report goes in, and the confirmation says what happens next.
    let sent = report(&[
        ("category", "spam"),
        ("version", ""),
        ("details", "Publishes <b>ads</b> in its README"),
    ]);
    redirected_to(&sent, "/crates/sketchy/report/filed?report=");
    let confirmation = ok(&carol, &sent.location());
    assert!(confirmation.contains("Report sent"), "{confirmation}");
    assert!(confirmation.contains("carol@example.org"), "{confirmation}");
    assert!(
        confirmation.contains("href=\"/settings/reports\""),
        "{confirmation}"
    );
    sink.wait_for("carol@example.org", "Report #");
    let mine = ok(&carol, "/settings/reports");
    assert!(mine.contains("crate:sketchy"), "{mine}");
    assert!(mine.contains("Open: waiting for a moderator"), "{mine}");
    // Somebody else's confirmation is not shown.
    let (_, bob) = person(&wharf, "bob");
    assert_eq!(bob.get(&sent.location()).status, 404);

    // One version, reported too; then the rate limit, with the form kept.
    redirected_to(
        &report(&[
            ("category", "malicious-code"),
            ("version", "1.1.0"),
            ("details", "build.rs downloads a script"),
        ]),
        "/crates/sketchy/report/filed?report=",
    );
    let limited = report(&[("category", "phishing"), ("details", "a third one")]);
    assert_eq!(limited.status, 429, "{}", limited.body);
    assert!(limited.headers.contains_key("retry-after"));
    assert!(limited.body.contains("try again in"), "{}", limited.body);
    assert!(limited.body.contains(">a third one</textarea>"), "kept");

    // Other users may not see the dashboard, nor learn that it exists.
    for path in [
        "/moderation",
        ITEM,
        "/moderation/suspensions",
        "/moderation/upstream",
        "/moderation/audit",
    ] {
        let page = bob.get(path);
        assert_eq!(page.status, 404, "GET {path}: {}", page.body);
        assert!(page.body.contains("Page not found"), "GET {path}");
        redirected_to(&anonymous.get(path), "/account/signin?next=");
    }
    let csrf = bob.get("/settings").csrf();
    let refused = bob.post_form(
        "/moderation/act",
        &[
            ("csrf", &csrf),
            ("action", "hold"),
            ("target", "crate:sketchy"),
            ("reason", "because"),
        ],
    );
    assert_eq!(refused.status, 404, "{}", refused.body);
    assert!(!ok(&anonymous, "/crates/sketchy").contains("moderators hold this crate"));
    let home = ok(&bob, "/");
    assert!(!home.contains("href=\"/moderation\""), "{home}");

    // The moderator finds the reports in the queue, and the evidence on the item's page.
    let moderator = moderator(&wharf, "mod");
    let home = ok(&moderator, "/");
    assert!(home.contains("href=\"/moderation\""), "{home}");
    let queue = ok(&moderator, "/moderation");
    assert!(queue.contains(&format!("href=\"{ITEM}\"")), "{queue}");
    assert!(queue.contains("Reported: Spam or bulk activity"), "{queue}");
    assert!(
        queue.contains("/moderation/item?target=crate%3Asketchy%401.1.0"),
        "{queue}"
    );
    let item = ok(&moderator, ITEM);
    every_field_is_labelled(&item);
    assert!(item.contains("Spam or bulk activity"), "{item}");
    assert!(
        item.contains("Publishes &#60;b&#62;ads&#60;/b&#62; in its README"),
        "the details, escaped: {item}"
    );
    assert!(item.contains("build.rs downloads a script"), "{item}");
    assert!(
        item.contains("href=\"/users/carol\""),
        "the reporter: {item}"
    );
    assert!(item.contains("id=\"owner-alice\""), "the owner: {item}");
    assert!(
        item.contains("Owner; published versions · State: active"),
        "{item}"
    );
    assert!(item.contains("Suspend alice"), "{item}");

    // Dismissed: carol's list says so.
    redirected_to(
        &moderator.submit(
            ITEM,
            "/moderation/act",
            &[
                ("action", "dismiss"),
                ("target", "crate:sketchy"),
                ("back", "crate:sketchy"),
                ("reason", "advertising in a README is allowed"),
            ],
        ),
        "/moderation/item?target=crate%3Asketchy&done=dismiss",
    );
    sink.wait_for("carol@example.org", "decided");
    let mine = ok(&carol, "/settings/reports");
    assert!(mine.contains("Decided: no breach found"), "{mine}");
    assert!(
        mine.contains("dismiss: advertising in a README is allowed"),
        "{mine}"
    );
    let queue = ok(&moderator, "/moderation");
    assert!(!queue.contains(&format!("href=\"{ITEM}\"")), "{queue}");
}

fn a_moderator_suspends_and_lifts_from_the_web(backend: Backend) {
    let (wharf, sink) = Wharf::with_mail_sink(backend, "");
    let alice_token = wharf.user_with_token("alice");
    let alice = wharf.cargo_user("alice").with_token(&alice_token);
    alice.publish_ok(&alice.new_crate("sketchy", "1.0.0", "", LIB));
    let (_, carol) = person(&wharf, "carol");
    redirected_to(
        &carol.submit(
            "/crates/sketchy/report",
            "/crates/sketchy/report",
            &[
                ("category", "spam"),
                ("details", "bulk spam from this account"),
            ],
        ),
        "/crates/sketchy/report/filed",
    );
    let moderator = moderator(&wharf, "mod");
    let item = ok(&moderator, ITEM);
    assert!(item.contains("bulk spam from this account"), "{item}");

    let suspend = |fields: &[(&str, &str)]| {
        let mut all = vec![
            ("action", "suspend"),
            ("target", "user:alice"),
            ("back", "crate:sketchy"),
        ];
        all.extend_from_slice(fields);
        moderator.submit(ITEM, "/moderation/act", &all)
    };
    let suspended =
        || ok(&WebClient::new(&wharf), "/users/alice").contains("This account is suspended");

    // No token, no action.
    let forged = moderator.post_form(
        "/moderation/act",
        &[
            ("action", "suspend"),
            ("target", "user:alice"),
            ("reason", "spam"),
        ],
    );
    assert_eq!(forged.status, 403, "{}", forged.body);
    assert!(!suspended());

    // No reason: the page again, with the form's fields kept and the error next to it.
    let no_reason = suspend(&[("reason", "   "), ("until", "2099-01-02")]);
    assert_eq!(no_reason.status, 422, "{}", no_reason.body);
    assert!(
        no_reason.body.contains("Give a reason"),
        "{}",
        no_reason.body
    );
    assert!(
        no_reason.body.contains("value=\"2099-01-02\""),
        "{}",
        no_reason.body
    );
    assert!(no_reason.body.contains("aria-invalid=\"true\""));
    assert!(!suspended());
    let bad_date = suspend(&[("reason", "spam"), ("until", "soon")]);
    assert_eq!(bad_date.status, 422, "{}", bad_date.body);
    let past = suspend(&[("reason", "spam"), ("until", "2001-01-01")]);
    assert_eq!(past.status, 422, "{}", past.body);
    assert!(
        past.body.contains("must end in the future"),
        "{}",
        past.body
    );
    assert!(!suspended());

    // Suspended until a date: the user page, the mail, the dashboard and cargo all say so.
    redirected_to(
        &suspend(&[("reason", "bulk spam publishing"), ("until", "2099-01-02")]),
        "/moderation/item?target=crate%3Asketchy&done=suspend&on=user%3Aalice",
    );
    let user = ok(&WebClient::new(&wharf), "/users/alice");
    assert!(user.contains("This account is suspended"), "{user}");
    assert!(user.contains("2099-01-02"), "{user}");
    assert!(user.contains("bulk spam publishing"), "{user}");
    let mail = sink.wait_for(
        "alice@example.org",
        "Moderation action on user:alice: suspend",
    );
    assert!(mail.body.contains("bulk spam publishing"));
    let item = ok(&moderator, &format!("{ITEM}&done=suspend&on=user%3Aalice"));
    assert!(item.contains("Done: suspend on user:alice"), "{item}");
    assert!(item.contains("State: suspended until 2099-01-02"), "{item}");
    assert!(
        item.contains("Lift alice&#39;s suspension") || item.contains("Lift alice's suspension"),
        "{item}"
    );
    let out = alice.publish(&alice.new_crate("sketchy", "1.1.0", "", LIB));
    assert!(!out.success);
    assert!(
        out.stderr.contains("bulk spam publishing"),
        "{}",
        out.stderr
    );

    // The suspensions list, and a lift from it (a reason is needed there too).
    let list = ok(&moderator, "/moderation/suspensions");
    every_field_is_labelled(&list);
    assert!(list.contains("id=\"suspended-alice\""), "{list}");
    assert!(list.contains("bulk spam publishing"), "{list}");
    let lift = |reason: &str| {
        moderator.submit(
            "/moderation/suspensions",
            "/moderation/act",
            &[
                ("action", "lift"),
                ("target", "user:alice"),
                ("back", "suspensions"),
                ("reason", reason),
            ],
        )
    };
    let no_reason = lift("");
    assert_eq!(no_reason.status, 422, "{}", no_reason.body);
    assert!(no_reason.body.contains("id=\"suspended-alice\""));
    redirected_to(
        &lift("appeal accepted"),
        "/moderation/suspensions?done=lift",
    );
    assert!(!suspended());
    assert!(ok(&moderator, "/moderation/suspensions").contains("No account is suspended"));
    alice.publish_ok(&alice.new_crate("sketchy", "1.1.0", "", LIB));

    // Lifting twice is refused with the reason, not an error page.
    let again = lift("again");
    assert_eq!(again.status, 409, "{}", again.body);
    assert!(again.body.contains("is not suspended"), "{}", again.body);

    // The audit log records the web actions with the session they came from. Moderators search
    // it; only admins see the addresses the changes came from.
    let audit = moderator.get("/moderation/audit?action=moderation.");
    assert_eq!(audit.status, 200, "{}", audit.body);
    assert!(
        audit.body.contains("<code>moderation.suspend</code>"),
        "{}",
        audit.body
    );
    assert!(!audit.body.contains("127.0.0.1"), "{}", audit.body);
    assert!(!audit.body.contains(">From<"), "{}", audit.body);
    wharf.cli(&[
        "user",
        "add",
        "root",
        "--email",
        "root@example.org",
        "--admin",
    ]);
    wharf.set_password("root", PASSWORD);
    let root = WebClient::new(&wharf);
    root.sign_in("root", PASSWORD);
    let log = ok(&root, "/moderation/audit?action=moderation.&actor=mod");
    every_field_is_labelled(&log);
    assert!(log.contains("<code>moderation.suspend</code>"), "{log}");
    assert!(log.contains("<code>moderation.lift</code>"), "{log}");
    assert!(log.contains("web session #"), "{log}");
    assert!(log.contains("127.0.0.1"), "admins see addresses: {log}");
    assert!(log.contains("bulk spam publishing"), "{log}");
    assert!(!log.contains("<code>report.file</code>"), "filtered: {log}");
    let by_target = ok(&root, "/moderation/audit?target=user%3Aalice");
    assert!(by_target.contains("moderation.suspend"), "{by_target}");
    assert!(!by_target.contains("crate:sketchy"), "{by_target}");
}

fn holds_and_yanks_from_the_web_change_the_index(backend: Backend) {
    let wharf = Wharf::start(backend);
    let alice_token = wharf.user_with_token("alice");
    let alice = wharf.cargo_user("alice").with_token(&alice_token);
    alice.publish_ok(&alice.new_crate("harbour", "1.0.0", "", LIB));
    alice.publish_ok(&alice.new_crate("harbour", "1.1.0", "", LIB));
    // Bob publishes as a member of an owning team: not an owner himself, but a publisher.
    let bob_token = wharf.user_with_token("bob");
    wharf.cli(&["team", "add", "crew", "--maintainer", "alice"]);
    wharf.cli(&["team", "member", "add", "crew", "bob"]);
    let dir = alice.new_crate("harbour", "1.2.0", "", LIB);
    alice.cargo_ok(
        &dir,
        &["owner", "--add", "team:crew", "--registry", "wharf"],
    );
    let bob = wharf.cargo_user("bob").with_token(&bob_token);
    bob.publish_ok(&dir);
    let index = "/index/ha/rb/harbour";
    assert_eq!(wharf.get(index).status(), 200);
    let moderator = moderator(&wharf, "mod");
    let item = "/moderation/item?target=crate%3Aharbour";
    let page = ok(&moderator, item);
    assert!(
        page.contains("Published versions; not an owner · State: active"),
        "{page}"
    );
    assert!(page.contains("Suspend bob"), "{page}");
    let act = |page: &str, action: &str, target: &str| {
        let back = target.to_string();
        moderator.submit(
            page,
            "/moderation/act",
            &[
                ("action", action),
                ("target", target),
                ("back", &back),
                ("reason", "checking a report of malware"),
            ],
        )
    };

    redirected_to(&act(item, "hold", "crate:harbour"), "/moderation/item?");
    assert_eq!(wharf.get(index).status(), 404, "held: out of the index");
    let page = ok(&WebClient::new(&wharf), "/crates/harbour");
    assert!(page.contains("moderators hold this crate"), "{page}");
    let queue = ok(&moderator, "/moderation");
    assert!(
        queue.contains("held</span> checking a report of malware"),
        "{queue}"
    );

    redirected_to(&act(item, "release", "crate:harbour"), "/moderation/item?");
    assert_eq!(
        wharf.get(index).status(),
        200,
        "released: back in the index"
    );

    let version = "/moderation/item?target=crate%3Aharbour%401.0.0";
    let page = ok(&moderator, version);
    assert!(page.contains("Yank the version"), "{page}");
    assert!(page.contains("href=\"/moderation/item?target=crate%3Aharbour\""));
    redirected_to(
        &act(version, "yank", "crate:harbour@1.0.0"),
        "/moderation/item?",
    );
    let lines = wharf.get(index).text().unwrap();
    let old = lines.lines().find(|l| l.contains("\"1.0.0\"")).unwrap();
    assert!(old.contains("\"yanked\":true"), "{lines}");

    redirected_to(
        &act(version, "remove-version", "crate:harbour@1.0.0"),
        "/moderation?done=remove-version",
    );
    let lines = wharf.get(index).text().unwrap();
    assert!(!lines.contains("\"1.0.0\""), "{lines}");
    assert!(
        lines.contains("\"1.1.0\"") && lines.contains("\"1.2.0\""),
        "{lines}"
    );

    // An action that does not fit its target is refused in words.
    let wrong = act(item, "yank", "crate:harbour");
    assert_eq!(wrong.status, 422, "{}", wrong.body);
    assert!(
        wrong.body.contains("does not apply to a crate target"),
        "{}",
        wrong.body
    );
}

fn findings_show_to_owners_and_moderators_only(backend: Backend) {
    let wharf = Wharf::start(backend);
    let (alice_token, alice_browser) = person(&wharf, "alice");
    let alice = wharf.cargo_user("alice").with_token(&alice_token);
    // A first version of 99 or more is flagged as a dependency-confusion signal.
    let out = alice.publish_ok(&alice.new_crate("jumpy", "99.0.0", "", LIB));
    assert!(out.stderr.contains("99.0.0"), "{}", out.stderr);
    let findings: serde_json::Value = wharf
        .http()
        .get(format!("{}/api/v1/crates/jumpy/99.0.0/findings", wharf.url))
        .header("Authorization", &alice_token)
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(findings["verdict"], "flag", "{findings}");
    let rule = findings["findings"][0]["rule"]
        .as_str()
        .unwrap()
        .to_string();
    alice.publish_ok(&alice.new_crate("jumpy", "99.0.1", "", LIB));

    // The owner sees the section, with the verdict and the rule, on the crate and version pages.
    for path in ["/crates/jumpy", "/crates/jumpy/99.0.0"] {
        let page = ok(&alice_browser, path);
        assert!(
            page.contains("<h2 id=\"policy-findings\">Policy findings</h2>"),
            "{page}"
        );
        assert!(page.contains(&format!("<code>{rule}</code>")), "{page}");
        assert!(page.contains("Version 99.0.0"), "{page}");
        assert!(page.contains(">flag</span>"), "{page}");
        assert!(page.contains("not reviewed yet"), "{page}");
    }
    assert!(ok(&alice_browser, "/crates/jumpy/99.0.0").contains("(shown on this page)"));

    // So does a moderator, and the queue has the flagged version with the same evidence.
    let moderator = moderator(&wharf, "mod");
    assert!(ok(&moderator, "/crates/jumpy").contains(&format!("<code>{rule}</code>")));
    let queue = ok(&moderator, "/moderation");
    assert!(
        queue.contains("/moderation/item?target=crate%3Ajumpy%4099.0.0"),
        "{queue}"
    );
    assert!(
        queue.contains("Policy verdict: <span class=\"tag\">flag</span>"),
        "{queue}"
    );
    let item = ok(&moderator, "/moderation/item?target=crate%3Ajumpy%4099.0.0");
    assert!(item.contains(&format!("<code>{rule}</code>")), "{item}");

    // Nobody else does: not an anonymous visitor, not another user.
    let (_, bob) = person(&wharf, "bob");
    for browser in [&WebClient::new(&wharf), &bob] {
        for path in ["/crates/jumpy", "/crates/jumpy/99.0.0"] {
            let page = ok(browser, path);
            assert!(!page.contains("Policy findings"), "{path}: {page}");
            assert!(!page.contains(&rule), "{path}: {page}");
            assert!(page.contains("href=\"/crates/jumpy/report\""), "{page}");
        }
    }

    // Reviewed from the web: the owner's page says so.
    redirected_to(
        &moderator.submit(
            "/moderation/item?target=crate%3Ajumpy%4099.0.0",
            "/moderation/act",
            &[
                ("action", "dismiss"),
                ("target", "crate:jumpy@99.0.0"),
                ("back", "crate:jumpy@99.0.0"),
                ("reason", "a real crate that starts at 99"),
            ],
        ),
        "/moderation/item?",
    );
    let page = ok(&alice_browser, "/crates/jumpy/99.0.0");
    assert!(page.contains("reviewed by a moderator"), "{page}");
}
