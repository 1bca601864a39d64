//! The browser harness: Debian's headless Chromium driven through WebDriver (chromedriver), so the
//! web site is tested as a person meets it — rendered, styled, navigated by links and forms with
//! no JavaScript of the site's own — and checked by axe-core, the accessibility engine.
//!
//! [`Browser::start`] runs `chromedriver` on a free port of 127.0.0.1 and opens one Chromium
//! session through it; dropping the [`Browser`] ends the session and kills chromedriver. The
//! helpers are blocking, like the rest of the harness, and panic with context on failure.
//!
//! Screenshots are PNG files under `target/screenshots/`: the test artefacts a person looks at.
//!
//! Chromium, chromedriver and axe-core come from outside Cargo (`.ci/run` installs them). Where
//! one is missing, the browser tests fail under CI (`CI` set) and are skipped, with a message
//! saying what to install, on a developer's machine.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine as _;
use fantoccini::wd::{Capabilities, TimeoutConfiguration, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// The desktop window every page is first shown in.
pub const DESKTOP: (u32, u32) = (1280, 900);
/// A phone-sized window (an iPhone 12-ish viewport) for the screenshots that check the narrow
/// layout.
pub const MOBILE: (u32, u32) = (390, 844);

/// Where `npm ci --prefix crates/wharf/tests/browser` puts axe-core.
pub fn axe_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules/axe-core/axe.min.js")
}

/// True under CI, where a missing browser is a broken setup rather than a developer's choice.
pub fn in_ci() -> bool {
    std::env::var("CI")
        .map(|v| !v.is_empty() && v != "false" && v != "0")
        .unwrap_or(false)
}

/// The workspace's target directory (where cargo put this test binary), and in it the
/// screenshots' folder, created if need be.
pub fn screenshot_dir() -> PathBuf {
    let target = match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => PathBuf::from(dir),
        // target/<profile>/deps/<test binary>
        None => std::env::current_exe()
            .unwrap()
            .ancestors()
            .nth(3)
            .expect("the test binary lives under target/")
            .to_path_buf(),
    };
    let dir = target.join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// One accessibility problem axe found on a page.
#[derive(Debug, Clone)]
pub struct Violation {
    pub page: String,
    pub rule: String,
    pub impact: String,
    pub help: String,
    /// The CSS selector of each offending element, with axe's summary of what is wrong with it.
    pub nodes: Vec<(String, String)>,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{}: [{}] {} ({})",
            self.page, self.impact, self.rule, self.help
        )?;
        for (target, summary) in &self.nodes {
            let summary = summary.replace('\n', " ");
            writeln!(f, "    at {target}: {summary}")?;
        }
        Ok(())
    }
}

/// Which of axe's rules a check runs.
#[derive(Debug, Clone, Copy)]
pub enum AxeRules {
    /// WCAG 2.0 and 2.1, levels A and AA, and axe's best practices (one `<h1>`, heading order,
    /// landmarks, all content inside landmarks).
    Full,
    /// Only colour contrast: for the dark colour scheme, whose structure is the same page's.
    Contrast,
}

/// A headless Chromium session and the chromedriver serving it.
pub struct Browser {
    runtime: tokio::runtime::Runtime,
    client: Option<Client>,
    driver: Child,
    base_url: String,
    axe_source: String,
}

/// A command chromedriver adds to WebDriver: run one Chrome DevTools Protocol method.
#[derive(Debug)]
struct Cdp {
    method: &'static str,
    params: Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/goog/cdp/execute",
            session_id.expect("a session")
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = json!({ "cmd": self.method, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

impl Browser {
    /// Starts chromedriver and a Chromium session; `None` (after saying why on stderr) where
    /// Chromium, chromedriver or axe-core is missing and this is not CI. Call it before setting
    /// up the registry, so a skipped test costs nothing; then name the site with [`set_site`].
    ///
    /// [`set_site`]: Browser::set_site
    pub fn start() -> Option<Browser> {
        let missing: Vec<String> = [
            PathBuf::from(CHROMIUM),
            PathBuf::from(CHROMEDRIVER),
            axe_path(),
        ]
        .into_iter()
        .filter(|p| !p.exists())
        .map(|p| p.display().to_string())
        .collect();
        if !missing.is_empty() {
            let message = format!(
                "the browser tests need {}: install them with \
                 `apt-get install chromium chromium-driver` and \
                 `npm ci --prefix crates/wharf/tests/browser` (as .ci/run does)",
                missing.join(", ")
            );
            if in_ci() {
                panic!("CI is set and {message}");
            }
            eprintln!("SKIPPED: {message}");
            return None;
        }
        let axe_source = std::fs::read_to_string(axe_path()).unwrap();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        // A chromedriver that answered on its port can still refuse the session (another
        // test's server took the port between the check and the session, or the driver died
        // starting Chromium): a new driver on another port is tried, a few times.
        let mut attempts = 0;
        let (driver, client) = loop {
            attempts += 1;
            let (mut driver, port) = start_chromedriver();
            let opened = runtime.block_on(async {
                let mut builder =
                    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
                builder.capabilities(capabilities());
                builder.connect(&format!("http://127.0.0.1:{port}")).await
            });
            match opened {
                Ok(client) => break (driver, client),
                Err(error) if attempts < 3 => {
                    eprintln!("chromedriver refused a session ({error}); trying another");
                    let _ = driver.kill();
                    let _ = driver.wait();
                }
                Err(error) => panic!("open a Chromium session through chromedriver: {error}"),
            }
        };
        let client = runtime.block_on(async {
            client
                .update_timeouts(TimeoutConfiguration::new(
                    Some(Duration::from_secs(30)),
                    Some(Duration::from_secs(30)),
                    None,
                ))
                .await
                .unwrap();
            client.set_window_size(DESKTOP.0, DESKTOP.1).await.unwrap();
            client
        });
        Some(Browser {
            runtime,
            client: Some(client),
            driver,
            base_url: String::new(),
            axe_source,
        })
    }

    /// The site that [`goto`](Browser::goto)'s paths are on, as `http://127.0.0.1:PORT`.
    pub fn set_site(&mut self, base_url: &str) {
        self.base_url = base_url.trim_end_matches('/').to_string();
    }

    fn client(&self) -> &Client {
        self.client.as_ref().unwrap()
    }

    fn block_on<F: std::future::Future>(&self, future: F) -> F::Output {
        self.runtime.block_on(future)
    }

    /// Opens a path of the site (or a whole URL), and waits for the page to load.
    pub fn goto(&self, path: &str) {
        let url = if path.contains("://") || path.starts_with("data:") {
            path.to_string()
        } else {
            format!("{}{path}", self.base_url)
        };
        self.block_on(self.client().goto(&url))
            .unwrap_or_else(|e| panic!("open {url}: {e}"));
    }

    /// The path and query of the page shown, as `/search?q=x`.
    pub fn path(&self) -> String {
        let url = self.block_on(self.client().current_url()).unwrap();
        match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_string(),
        }
    }

    pub fn title(&self) -> String {
        self.block_on(self.client().title()).unwrap()
    }

    /// The text of the page as rendered (hidden elements left out), as a person would read it.
    pub fn text(&self) -> String {
        self.text_of("body")
    }

    /// The rendered text of the first element matching a CSS selector.
    pub fn text_of(&self, css: &str) -> String {
        self.block_on(async {
            let element = self.client().find(Locator::Css(css)).await?;
            element.text().await
        })
        .unwrap_or_else(|e| panic!("{}: the text of {css}: {e}", self.path()))
    }

    /// Whether an element matching the selector is on the page and shown (not hidden by CSS,
    /// not of zero size).
    pub fn is_visible(&self, css: &str) -> bool {
        self.block_on(async {
            match self.client().find(Locator::Css(css)).await {
                Ok(element) => element.is_displayed().await.unwrap_or(false),
                Err(_) => false,
            }
        })
    }

    /// Panics unless an element matching `css` is shown and its text contains `text`.
    pub fn assert_shows(&self, css: &str, text: &str) {
        assert!(
            self.is_visible(css),
            "{}: nothing visible matches {css}",
            self.path()
        );
        let shown = self.text_of(css);
        assert!(
            shown.contains(text),
            "{}: {css} shows {shown:?}, not {text:?}",
            self.path()
        );
    }

    /// Finds a form field by the text of its `<label>` (as a person finds it), or else by its
    /// `name`.
    fn field(&self, label_or_name: &str) -> fantoccini::elements::Element {
        self.block_on(async {
            let by_label = format!(
                "//label[normalize-space()={}]",
                xpath_literal(label_or_name)
            );
            if let Ok(label) = self.client().find(Locator::XPath(&by_label)).await {
                if let Some(id) = label.attr("for").await? {
                    return self.client().find(Locator::Id(&id)).await;
                }
                // A label wrapping its field.
                return label.find(Locator::Css("input, select, textarea")).await;
            }
            let by_name = format!("//*[@name={}]", xpath_literal(label_or_name));
            self.client().find(Locator::XPath(&by_name)).await
        })
        .unwrap_or_else(|e| {
            panic!(
                "{}: no form field labelled or named {label_or_name:?}: {e}",
                self.path()
            )
        })
    }

    /// Types `value` into the field labelled (or named) `label_or_name`, replacing its text.
    pub fn fill(&self, label_or_name: &str, value: &str) {
        let field = self.field(label_or_name);
        self.block_on(async {
            field.clear().await?;
            field.send_keys(value).await
        })
        .unwrap_or_else(|e| panic!("{}: fill {label_or_name:?}: {e}", self.path()));
    }

    /// Types `value` into the field named `name` of the form whose button reads `button`: for pages
    /// with several forms that share field names.
    pub fn fill_in_form_of_button(&self, button: &str, name: &str, value: &str) {
        let xpath = format!(
            "//button[normalize-space()={}]/ancestor::form//*[@name={}]",
            xpath_literal(button),
            xpath_literal(name)
        );
        self.block_on(async {
            let field = self.client().find(Locator::XPath(&xpath)).await?;
            field.clear().await?;
            field.send_keys(value).await
        })
        .unwrap_or_else(|e| {
            panic!(
                "{}: no field {name:?} in the form of the button {button:?}: {e}",
                self.path()
            )
        });
    }

    /// Chooses the option shown as `option` in the drop-down labelled (or named) `label_or_name`.
    pub fn select(&self, label_or_name: &str, option: &str) {
        let field = self.field(label_or_name);
        self.block_on(field.select_by_label(option))
            .unwrap_or_else(|e| {
                panic!(
                    "{}: choose {option:?} in {label_or_name:?}: {e}",
                    self.path()
                )
            });
    }

    /// Presses Enter in a field, as a person submits a one-field form, and waits for the next page.
    pub fn press_enter_in(&self, label_or_name: &str) {
        let field = self.field(label_or_name);
        self.navigating(|| async {
            field
                .send_keys(&char::from(fantoccini::key::Key::Enter).to_string())
                .await
        });
    }

    /// Clicks the button whose text is `text` (the first, where several have it) and waits for
    /// the next page.
    pub fn click_button(&self, text: &str) {
        let xpath = format!(
            "//button[normalize-space()={0}] | //input[@type='submit' and @value={0}]",
            xpath_literal(text)
        );
        let button = self
            .block_on(self.client().find(Locator::XPath(&xpath)))
            .unwrap_or_else(|e| panic!("{}: no button {text:?}: {e}", self.path()));
        self.navigating(|| async { button.click().await });
    }

    /// Clicks the button `text` of the form holding the field `label_or_name`, and waits for the
    /// next page: for pages with more than one form with the same button.
    pub fn click_button_of(&self, label_or_name: &str, text: &str) {
        let field = self.field(label_or_name);
        let xpath = format!(
            "ancestor::form//button[normalize-space()={}]",
            xpath_literal(text)
        );
        let button = self
            .block_on(field.find(Locator::XPath(&xpath)))
            .unwrap_or_else(|e| {
                panic!(
                    "{}: no button {text:?} in the form of {label_or_name:?}: {e}",
                    self.path()
                )
            });
        self.navigating(|| async { button.click().await });
    }

    /// Follows the link whose text is `text`, and waits for the next page.
    pub fn click_link(&self, text: &str) {
        let link = self
            .block_on(self.client().find(Locator::LinkText(text)))
            .unwrap_or_else(|e| panic!("{}: no link {text:?}: {e}", self.path()));
        self.navigating(|| async { link.click().await });
    }

    /// Runs an action that leaves the page, and waits until the browser has loaded the next one.
    /// The old page is marked first, so a form that answers at its own address (a page
    /// re-rendered with an error, or a result shown once) counts as a new page too.
    fn navigating<F, Fut>(&self, action: F)
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<(), fantoccini::error::CmdError>>,
    {
        let before = self.path();
        self.block_on(
            self.client()
                .execute("window.__wharfOldPage = true", Vec::new()),
        )
        .unwrap();
        self.block_on(action())
            .unwrap_or_else(|e| panic!("{before}: {e}"));
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let state = self
                .block_on(self.client().execute(
                    "return window.__wharfOldPage === true ? 'old' : document.readyState",
                    Vec::new(),
                ))
                .unwrap();
            if state == "complete" {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{before}: the browser did not leave the page"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Runs a DevTools Protocol method through chromedriver.
    fn cdp(&self, method: &'static str, params: Value) -> Value {
        self.block_on(self.client().issue_cmd(Cdp { method, params }))
            .unwrap_or_else(|e| panic!("{method}: {e}"))
    }

    /// Resizes the window (the viewport is what pages lay out in).
    pub fn set_window_size(&self, (width, height): (u32, u32)) {
        self.block_on(self.client().set_window_size(width, height))
            .unwrap();
    }

    /// Shows pages as in a dark (or light) colour scheme, as `prefers-color-scheme` reports it.
    pub fn set_dark_scheme(&self, dark: bool) {
        self.cdp(
            "Emulation.setEmulatedMedia",
            json!({ "features": [
                { "name": "prefers-color-scheme", "value": if dark { "dark" } else { "light" } }
            ]}),
        );
    }

    /// Switches the page's own JavaScript off (or on again), as a visitor may have it: WebDriver
    /// still drives the browser, and the pages must work without.
    pub fn set_scripts_disabled(&self, disabled: bool) {
        self.cdp(
            "Emulation.setScriptExecutionDisabled",
            json!({ "value": disabled }),
        );
    }

    /// The elements that stick out past the right edge of the window, when the page is wider
    /// than the window (and so scrolls sideways); empty when it is not.
    pub fn horizontal_overflow(&self) -> Vec<String> {
        let found = self
            .block_on(self.client().execute(
                "const width = document.documentElement.clientWidth;
                 if (document.documentElement.scrollWidth <= width) return [];
                 return [...document.body.querySelectorAll('*')]
                   .filter(e => e.getBoundingClientRect().right > width + 1)
                   .slice(0, 10)
                   .map(e => e.tagName.toLowerCase()
                     + (e.className && typeof e.className === 'string'
                        ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
                     + ' (' + Math.round(e.getBoundingClientRect().right) + 'px)');",
                Vec::new(),
            ))
            .unwrap();
        serde_json::from_value(found).unwrap()
    }

    /// Saves a PNG of the whole page (not only the window's part) as
    /// `target/screenshots/NAME.png`, and returns its path.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        self.try_screenshot(name)
            .unwrap_or_else(|e| panic!("{}: screenshot {name}: {e}", self.path()))
    }

    /// [`screenshot`](Browser::screenshot) without panicking: it also runs while a failed test
    /// unwinds.
    fn try_screenshot(&self, name: &str) -> Result<PathBuf, String> {
        let cdp = |method, params| {
            self.block_on(self.client().issue_cmd(Cdp { method, params }))
                .map_err(|e| format!("{method}: {e}"))
        };
        let metrics = cdp("Page.getLayoutMetrics", json!({}))?;
        let width = metrics["cssLayoutViewport"]["clientWidth"]
            .as_f64()
            .unwrap_or(DESKTOP.0 as f64);
        // The whole page, up to a length worth looking at.
        let height = metrics["cssContentSize"]["height"]
            .as_f64()
            .unwrap_or(DESKTOP.1 as f64)
            .min(6000.0);
        let shot = cdp(
            "Page.captureScreenshot",
            json!({
                "format": "png",
                "captureBeyondViewport": true,
                "clip": { "x": 0, "y": 0, "width": width, "height": height, "scale": 1 },
            }),
        )?;
        let png = base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap_or_default())
            .map_err(|e| e.to_string())?;
        if !png.starts_with(b"\x89PNG") {
            return Err("Chromium's answer is not a PNG".into());
        }
        let path = screenshot_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).map_err(|e| e.to_string())?;
        Ok(path)
    }

    /// Runs axe-core on the page shown and returns what it found.
    ///
    /// axe is injected through WebDriver's Execute Script, which Chromium runs outside the page's
    /// `Content-Security-Policy`: the site forbids scripts, and keeps forbidding them for people.
    pub fn axe(&self, rules: AxeRules) -> Vec<Violation> {
        let page = self.path();
        let options = match rules {
            AxeRules::Full => json!({
                "runOnly": { "type": "tag", "values":
                    ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
                "resultTypes": ["violations"],
            }),
            AxeRules::Contrast => json!({
                "runOnly": { "type": "rule", "values": ["color-contrast"] },
                "resultTypes": ["violations"],
            }),
        };
        let result = self
            .block_on(async {
                self.client()
                    .execute(
                        &format!("{}\nreturn typeof window.axe;", self.axe_source),
                        Vec::new(),
                    )
                    .await?;
                self.client()
                    .execute_async(
                        "const [options, done] = arguments;
                         window.axe.run(document, options)
                           .then(r => done({ violations: r.violations.map(v => ({
                               id: v.id, impact: v.impact, help: v.help,
                               nodes: v.nodes.map(n => [n.target.join(' '), n.failureSummary || ''])
                           })) }))
                           .catch(e => done({ error: String(e) }));",
                        vec![options],
                    )
                    .await
            })
            .unwrap_or_else(|e| panic!("{page}: running axe: {e}"));
        if let Some(error) = result.get("error") {
            panic!("{page}: axe failed: {error}");
        }
        result["violations"]
            .as_array()
            .unwrap_or_else(|| panic!("{page}: axe's answer: {result}"))
            .iter()
            .map(|v| Violation {
                page: page.clone(),
                rule: v["id"].as_str().unwrap_or_default().to_string(),
                impact: v["impact"].as_str().unwrap_or("unknown").to_string(),
                help: v["help"].as_str().unwrap_or_default().to_string(),
                nodes: v["nodes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|n| {
                        (
                            n[0].as_str().unwrap_or_default().to_string(),
                            n[1].as_str().unwrap_or_default().to_string(),
                        )
                    })
                    .collect(),
            })
            .collect()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // A failing test leaves a picture of the page it failed on.
        if std::thread::panicking() && self.client.is_some() {
            let name = std::thread::current()
                .name()
                .unwrap_or("test")
                .replace("::", "-");
            if let Ok(path) = self.try_screenshot(&format!("failed-{name}")) {
                eprintln!("the page at the failure: {}", path.display());
            }
        }
        // Ending the session closes Chromium; killing chromedriver alone could leave it running.
        if let Some(client) = self.client.take() {
            let _ = self.runtime.block_on(async {
                tokio::time::timeout(Duration::from_secs(10), client.close()).await
            });
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The Chromium session asked of chromedriver: Debian's browser, headless, sandboxless (tests
/// run as root in CI), no GPU, no calls home, and no host but this machine: a README's image on
/// another site fails at once instead of leaving the machine.
fn capabilities() -> Capabilities {
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": CHROMIUM,
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                // As on a phone or a Mac: scroll bars take no room, so the window's width is the
                // page's.
                "--hide-scrollbars",
                format!("--window-size={},{}", DESKTOP.0, DESKTOP.1),
            ],
        },
    });
    match capabilities {
        Value::Object(map) => map,
        _ => unreachable!(),
    }
}

/// Starts chromedriver on a free port of 127.0.0.1 and waits until it accepts connections.
fn start_chromedriver() -> (Child, u16) {
    // The port is free when asked for; another process could take it before chromedriver
    // binds it, so a chromedriver that exits at once is tried again on another.
    for _ in 0..5 {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return (child, port);
            }
            if child.try_wait().unwrap().is_some() || Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
    panic!("chromedriver did not start");
}

/// A string as an XPath literal (XPath 1.0 has no escapes: quotes are chosen, or concatenated).
fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}
