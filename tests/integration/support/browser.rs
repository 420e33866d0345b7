//! Headless Debian Chromium through chromedriver (WebDriver), plus axe-core checks.
//! A missing browser or driver fails the test with instructions; it is never skipped.

use std::{
    net::TcpListener,
    process::{Child, Command, Stdio},
    time::Duration,
};

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

/// A chromedriver process and a WebDriver session; both end on drop.
pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// The window a session opens with.
#[derive(Debug, Clone, Copy)]
pub struct Window {
    /// Viewport width in CSS pixels.
    pub width: u32,
    /// Viewport height in CSS pixels.
    pub height: u32,
    /// A phone: the device metrics are emulated, so the page's viewport is `width`.
    pub phone: bool,
    /// Whether pages may run JavaScript.
    pub javascript: bool,
}

impl Window {
    /// A 1280 × 1000 desktop window with JavaScript.
    pub const DESKTOP: Self = Self {
        width: 1280,
        height: 1000,
        phone: false,
        javascript: true,
    };
    /// A 390 × 844 phone with JavaScript.
    pub const PHONE: Self = Self {
        width: 390,
        height: 844,
        phone: true,
        javascript: true,
    };
}

impl Browser {
    /// Starts chromedriver and a headless Chromium session in a desktop window.
    pub async fn start() -> Self {
        Self::start_with(Window::DESKTOP).await
    }

    /// Starts chromedriver and a headless Chromium session in `window`.
    pub async fn start_with(window: Window) -> Self {
        let driver_bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let port = free_port();
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {driver_bin} ({e}); run scripts/test, which installs chromium and chromium-driver")
            });
        let profile = tempfile::tempdir().expect("profile dir");
        let mut caps = json!({
            "goog:chromeOptions": {
                "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update",
                    "--no-first-run", "--disable-sync", "--disable-quic",
                    "--hide-scrollbars",
                    format!("--window-size={},{}", window.width, window.height),
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        });
        if window.phone {
            caps["goog:chromeOptions"]["mobileEmulation"] = json!({
                "deviceMetrics": { "width": window.width, "height": window.height, "pixelRatio": 1.0, "touch": true }
            });
        }
        if !window.javascript {
            caps["goog:chromeOptions"]["prefs"] =
                json!({ "profile.managed_default_content_settings.javascript": 2 });
        }
        let caps = match caps {
            Value::Object(map) => map,
            _ => unreachable!("built as an object"),
        };
        let url = format!("http://127.0.0.1:{port}");
        let mut last_error = None;
        for _ in 0..100 {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => {
                    return Self {
                        client,
                        driver,
                        _profile: profile,
                    };
                }
                Err(e) => {
                    last_error = Some(e);
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
        }
        panic!("chromedriver did not accept a session: {last_error:?}");
    }

    /// Ends the WebDriver session (closing Chromium) before the driver stops.
    pub async fn finish(self) {
        let client = self.client.clone();
        client.close().await.expect("close browser session");
    }

    /// The elements of the current page that reach past the viewport's right or left
    /// edge where a reader would see them (skip links and visually hidden text,
    /// off-screen by design, and what a box that clips its content cuts off, aside),
    /// and the page's own width against the viewport's. JavaScript must be on.
    pub async fn overflowing(&self) -> (Vec<String>, i64, i64) {
        let found = self
            .client
            .execute(
                "const w = document.documentElement.clientWidth;
                 const wide = [];
                 const clipped = (e) => {
                   for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                     const o = getComputedStyle(a).overflowX;
                     if (o === 'hidden' || o === 'clip') return true;
                   }
                   return false;
                 };
                 for (const e of document.querySelectorAll('body *')) {
                   if (e.closest('.skip, .hp, .visually-hidden, title, desc') || clipped(e)) continue;
                   const r = e.getBoundingClientRect();
                   if (r.width === 0 && r.height === 0) continue;
                   if (r.right > w + 1 || r.left < -1) {
                     wide.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && e.className.baseVal === undefined ? '.' + String(e.className).split(' ').join('.') : '') + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
                   }
                 }
                 return [wide, document.documentElement.scrollWidth, w];",
                vec![],
            )
            .await
            .expect("measure");
        let strings = |v: &Value| -> Vec<String> {
            v.as_array()
                .into_iter()
                .flatten()
                .filter_map(|s| s.as_str().map(str::to_owned))
                .collect()
        };
        (
            strings(&found[0]),
            found[1].as_i64().expect("scroll width"),
            found[2].as_i64().expect("viewport width"),
        )
    }

    /// A PNG of the whole page, saved as `name.png` under `target/screenshots/`, or under
    /// `docs/screenshots/` when `UPDATE_SCREENSHOTS` is set (the README shows those).
    pub async fn screenshot(&self, name: &str) {
        self.screenshot_from(name, None).await;
    }

    /// A PNG as [`Self::screenshot`] takes it, after scrolling `from` (a CSS selector) to
    /// the top: on a phone, whose screen the shot is, the part of the page worth seeing.
    pub async fn screenshot_from(&self, name: &str, from: Option<&str>) {
        if let Some(css) = from {
            self.client
                .execute(
                    "document.querySelector(arguments[0]).scrollIntoView();",
                    vec![serde_json::json!(css)],
                )
                .await
                .expect("scroll");
        }
        let height = self
            .client
            .execute("return document.documentElement.scrollHeight;", vec![])
            .await
            .ok()
            .and_then(|h| h.as_u64())
            .unwrap_or(1000)
            .min(6000);
        let (width, old_height) = self.client.get_window_size().await.expect("window size");
        let _ = self
            .client
            .set_window_size(width as u32, height as u32)
            .await;
        let png = self.client.screenshot().await.expect("screenshot");
        let _ = self
            .client
            .set_window_size(width as u32, old_height as u32)
            .await;
        let folder = if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
            "docs/screenshots"
        } else {
            "target/screenshots"
        };
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
        std::fs::create_dir_all(&dir).expect("screenshot folder");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
    }

    /// Runs axe-core on the current page and fails on serious or critical violations.
    pub async fn assert_accessible(&self, page: &str) {
        let axe_path = std::env::var("AXE_CORE_JS").unwrap_or_else(|_| {
            format!(
                "{}/tools/node_modules/axe-core/axe.min.js",
                env!("CARGO_MANIFEST_DIR")
            )
        });
        let axe = std::fs::read_to_string(&axe_path).unwrap_or_else(|e| {
            panic!("cannot read axe-core at {axe_path} ({e}); run scripts/test")
        });
        self.client.execute(&axe, vec![]).await.expect("inject axe");
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, { resultTypes: ['violations'] })
                   .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')) }))))
                   .catch(e => done([{ id: 'axe-error', impact: 'critical', help: String(e), nodes: [] }]));",
                vec![],
            )
            .await
            .expect("run axe");
        let serious: Vec<&Value> = result
            .as_array()
            .expect("violations array")
            .iter()
            .filter(|v| matches!(v["impact"].as_str(), Some("serious" | "critical")))
            .collect();
        assert!(
            serious.is_empty(),
            "accessibility violations on {page}: {serious:#?}"
        );
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The WebDriver command that gives the browser a virtual authenticator (a platform
/// passkey store that always verifies the user), as the WebAuthn specification's
/// automation section defines it.
#[derive(Debug)]
struct AddVirtualAuthenticator;

impl fantoccini::wd::WebDriverCompatibleCommand for AddVirtualAuthenticator {
    fn endpoint(
        &self,
        base_url: &url::Url,
        session_id: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!(
            "session/{}/webauthn/authenticator",
            session_id.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        let body = serde_json::json!({
            "protocol": "ctap2",
            "transport": "internal",
            "hasResidentKey": true,
            "hasUserVerification": true,
            "isUserConsenting": true,
            "isUserVerified": true,
        });
        (axum::http::Method::POST, Some(body.to_string()))
    }
}

impl Browser {
    /// Gives the browser a virtual authenticator, so pages can make and use passkeys.
    pub async fn add_virtual_authenticator(&self) {
        self.client
            .issue_cmd(AddVirtualAuthenticator)
            .await
            .expect("virtual authenticator");
    }
}
