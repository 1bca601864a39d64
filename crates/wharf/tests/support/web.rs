//! A browser without JavaScript, for the web site's forms: a cookie jar, no automatic redirects
//! (tests look at where a form sends the visitor), and helpers to fill a form with the CSRF token
//! the page gave.

use super::Wharf;
use std::process::Stdio;
use std::time::Duration;

/// One visitor's cookies and requests.
pub struct WebClient {
    base: String,
    client: reqwest::blocking::Client,
}

/// A page as the browser got it.
pub struct Page {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: String,
}

impl Page {
    /// Where a redirect points.
    pub fn location(&self) -> String {
        self.headers
            .get("location")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    }

    /// The value of the first hidden `csrf` field on the page.
    pub fn csrf(&self) -> String {
        let marker = "name=\"csrf\" value=\"";
        let start = self
            .body
            .find(marker)
            .unwrap_or_else(|| panic!("no CSRF field on the page: {}", self.body))
            + marker.len();
        let end = self.body[start..].find('"').unwrap() + start;
        self.body[start..end].to_string()
    }
}

impl WebClient {
    pub fn new(wharf: &Wharf) -> WebClient {
        WebClient {
            base: wharf.url.clone(),
            client: reqwest::blocking::Client::builder()
                .user_agent("wharf-tests-browser")
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .timeout(Duration::from_secs(60))
                .build()
                .unwrap(),
        }
    }

    fn page(response: reqwest::blocking::Response) -> Page {
        Page {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: response.text().unwrap(),
        }
    }

    pub fn get(&self, path: &str) -> Page {
        Self::page(
            self.client
                .get(format!("{}{path}", self.base))
                .send()
                .unwrap(),
        )
    }

    /// Posts a form as it is, with no CSRF token added.
    pub fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        Self::page(
            self.client
                .post(format!("{}{path}", self.base))
                .form(fields)
                .send()
                .unwrap(),
        )
    }

    /// Posts a body as it is, with the content type given (none for `None`), as a script or a
    /// tool might send one instead of a page's form.
    pub fn post_raw(&self, path: &str, content_type: Option<&str>, body: &str) -> Page {
        let mut request = self
            .client
            .post(format!("{}{path}", self.base))
            .body(body.to_string());
        if let Some(content_type) = content_type {
            request = request.header("content-type", content_type);
        }
        Self::page(request.send().unwrap())
    }

    /// Opens `page_path`, then posts `fields` to `action` with the CSRF token that page carried,
    /// as a browser submitting the page's form would.
    pub fn submit(&self, page_path: &str, action: &str, fields: &[(&str, &str)]) -> Page {
        let page = self.get(page_path);
        assert_eq!(page.status, 200, "GET {page_path}: {}", page.body);
        let csrf = page.csrf();
        let mut all = vec![("csrf", csrf.as_str())];
        all.extend_from_slice(fields);
        self.post_form(action, &all)
    }

    /// Signs in, asserting that it worked.
    pub fn sign_in(&self, login: &str, password: &str) {
        let response = self.submit(
            "/account/signin",
            "/account/signin",
            &[
                ("login", login),
                ("password", password),
                ("next", "/settings"),
            ],
        );
        assert_eq!(
            response.status, 303,
            "signing in as {login}: {}",
            response.body
        );
        assert_eq!(response.location(), "/settings");
    }
}

impl Wharf {
    /// Sets a user's password with `wharf user password`, which reads it from standard input.
    pub fn set_password(&self, login: &str, password: &str) {
        use std::io::Write;
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_wharf"))
            .arg("--data-dir")
            .arg(self.data_dir())
            .arg("--database-url")
            .arg(&self.db.url)
            .args(["user", "password", login])
            .env("RUST_LOG", "warn")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        writeln!(child.stdin.take().unwrap(), "{password}").unwrap();
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "wharf user password failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
