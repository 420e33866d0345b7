//! A real SMTP server for tests: `aiosmtpd` from the pinned Python tools, storing what
//! it receives in a Maildir, read back by `tools/read_mail.py` as a mail client would
//! (headers, the text and HTML parts, and each calendar part parsed by `icalendar`).

use std::{
    net::{SocketAddr, TcpListener, TcpStream},
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

use serde_json::Value;

use super::TestApp;

/// The tools' Python, which has `aiosmtpd` and `icalendar`.
fn python() -> String {
    std::env::var("OPENAPI_VALIDATOR_PYTHON")
        .expect("OPENAPI_VALIDATOR_PYTHON must name the tools' Python; scripts/test sets it")
}

/// A running SMTP server; stopped when dropped.
pub struct SmtpServer {
    /// `smtp://127.0.0.1:PORT`, for `SMTP_URL`.
    pub url: String,
    maildir: PathBuf,
    child: Child,
    _dir: tempfile::TempDir,
}

impl SmtpServer {
    /// Starts a server on a free port and waits until it accepts connections.
    pub fn start() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let maildir = dir.path().join("Maildir");
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(python())
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start aiosmtpd");
        let address = SocketAddr::from(([127, 0, 0, 1], port));
        let started = Instant::now();
        while TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "aiosmtpd did not start listening"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Self {
            url: format!("smtp://127.0.0.1:{port}"),
            maildir,
            child,
            _dir: dir,
        }
    }

    /// Every message received so far, in order of arrival, as `tools/read_mail.py`
    /// reads them.
    pub fn messages(&self) -> Vec<Value> {
        if !self.maildir.join("new").exists() {
            return Vec::new();
        }
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tools/read_mail.py");
        let out = Command::new(python())
            .arg(script)
            .arg(&self.maildir)
            .output()
            .expect("run read_mail.py");
        assert!(
            out.status.success(),
            "read_mail.py: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<Value>(&out.stdout)
            .expect("JSON")
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// The messages to `to`, in order.
    pub fn to(&self, to: &str) -> Vec<Value> {
        self.messages()
            .into_iter()
            .filter(|m| m["to"].as_str().is_some_and(|t| t.contains(to)))
            .collect()
    }

    /// The last message to `to` with this subject.
    pub fn last(&self, to: &str, subject: &str) -> Value {
        self.to(to)
            .into_iter()
            .rev()
            .find(|m| m["subject"] == subject)
            .unwrap_or_else(|| panic!("no mail {subject:?} to {to}"))
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// Sends every queued mail through the app's mailer now, as its worker would.
pub async fn deliver(app: &TestApp) {
    while therapist_finder::mail::deliver_pending(&app.state.db, &app.state.mailer)
        .await
        .expect("delivery")
        > 0
    {}
}
