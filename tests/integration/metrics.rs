//! `/metrics` on its own address: the text format parses with Prometheus's own parser,
//! counters move with requests, every route label is a route template (no path, query
//! or answer ever reaches a label), rate-limit refusals are counted by kind, the gauges
//! agree with the database and the index, and the example alerts pass `promtool`.

use std::{collections::BTreeMap, io::Write, process::Command};

use chrono::TimeDelta;
use therapist_finder::{
    app::{self, metrics},
    throttle::{self, Limit, Taken},
};
use tokio_util::sync::CancellationToken;

use crate::support::TestApp;

/// One sample: its name, labels and value.
#[derive(Debug, serde::Deserialize)]
pub(crate) struct Sample {
    pub(crate) name: String,
    pub(crate) labels: BTreeMap<String, String>,
    pub(crate) value: f64,
}

/// Parses an exposition with `prometheus_client`'s parser, which refuses a bad one.
pub(crate) fn parse(text: &str) -> Vec<Sample> {
    let python = std::env::var("OPENAPI_VALIDATOR_PYTHON")
        .expect("OPENAPI_VALIDATOR_PYTHON must name the tools' Python; scripts/test sets it");
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tools/read_metrics.py");
    let mut child = Command::new(python)
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("python");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(text.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("parser");
    assert!(
        out.status.success(),
        "the exposition does not parse: {}\n{text}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("samples")
}

/// The sum of the samples named `name` whose labels include `with`.
fn total(samples: &[Sample], name: &str, with: &[(&str, &str)]) -> f64 {
    samples
        .iter()
        .filter(|s| s.name == name)
        .filter(|s| {
            with.iter()
                .all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v))
        })
        .map(|s| s.value)
        .sum()
}

async fn scrape(url: &str) -> Vec<Sample> {
    let res = reqwest::get(url).await.expect("scrape");
    assert_eq!(res.status(), 200);
    let kind = res.headers()["content-type"]
        .to_str()
        .expect("type")
        .to_owned();
    assert!(kind.starts_with("text/plain; version=0.0.4"), "{kind}");
    parse(&res.text().await.expect("body"))
}

#[tokio::test]
async fn metrics_parse_count_requests_by_route_template_and_read_the_gauges() {
    let app = TestApp::spawn().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/metrics", listener.local_addr().expect("addr"));
    let stop = CancellationToken::new();
    let served = tokio::spawn(metrics::serve(listener, app.state.clone(), stop.clone()));

    let before = scrape(&url).await;
    // Paths and queries that carry words which must never reach a label.
    let marker = "zqxmarker";
    let search = format!("/api/v1/practitioners?near=78701&q={marker}");
    for _ in 0..3 {
        assert_eq!(app.get(&search).await.status(), 200);
    }
    assert_eq!(app.get(&format!("/p/{marker}")).await.status(), 404);
    assert_eq!(app.get(&format!("/{marker}/{marker}")).await.status(), 404);
    let odd = reqwest::Method::from_bytes(b"ZQXMARKER").expect("method");
    app.client
        .request(odd, app.url("/"))
        .send()
        .await
        .expect("odd method");
    // A refusal by a rate limit, counted by its kind and never by its address.
    let full = Limit::new("login:address:203.0.113.77", 0, TimeDelta::minutes(5));
    assert!(matches!(
        throttle::take(&app.state.db, &[full]).await.expect("take"),
        Taken::Refused(0)
    ));
    let after = scrape(&url).await;

    let moved =
        |name: &str, with: &[(&str, &str)]| total(&after, name, with) - total(&before, name, with);
    let search_route = [
        ("route", "/api/v1/practitioners"),
        ("method", "GET"),
        ("status", "200"),
    ];
    assert!(moved(metrics::REQUESTS, &search_route) >= 3.0);
    assert!(
        moved(
            &format!("{}_count", metrics::REQUEST_SECONDS),
            &[("route", "/api/v1/practitioners")]
        ) >= 3.0
    );
    assert!(
        moved(
            metrics::REQUESTS,
            &[("route", "/p/{slug}"), ("status", "404")]
        ) >= 1.0
    );
    assert!(
        moved(
            metrics::REQUESTS,
            &[("route", "unmatched"), ("status", "404")]
        ) >= 1.0
    );
    assert!(moved(metrics::REQUESTS, &[("method", "other")]) >= 1.0);
    assert!(moved(throttle::REFUSALS, &[("limit", "login:address")]) >= 1.0);

    // Every route label is a declared route's template or `unmatched`; no label value
    // holds the words the requests carried.
    let templates: Vec<String> = app::route_list().into_iter().map(|r| r.path).collect();
    for sample in &after {
        for (key, value) in &sample.labels {
            assert!(
                !value.contains(marker) && !value.contains("ZQX") && !value.contains("203.0.113"),
                "{sample:?}"
            );
            if key == "route" {
                assert!(
                    value == "unmatched"
                        || templates.contains(value)
                        || value.starts_with("/static/"),
                    "{value} is not a route template"
                );
            }
        }
    }

    // The gauges, read at the scrape.
    let gauge = |name: &str, with: &[(&str, &str)]| total(&after, name, with);
    let documents = app.state.search.documents().await.expect("documents");
    assert_eq!(
        gauge("therapist_finder_search_documents", &[]),
        documents as f64
    );
    let backlog = therapist_finder::jobs::backlog(&app.state.db)
        .await
        .expect("backlog");
    assert_eq!(
        gauge("therapist_finder_jobs", &[("state", "pending")]),
        backlog.pending as f64
    );
    assert!(gauge("therapist_finder_db_pool_connections", &[("state", "max")]) >= 1.0);
    assert!(gauge("therapist_finder_db_pool_connections", &[("state", "open")]) >= 1.0);
    assert_eq!(
        gauge("therapist_finder_mail_queue", &[("state", "failed")]),
        0.0
    );
    assert_eq!(
        gauge(
            "therapist_finder_build_info",
            &[("version", env!("CARGO_PKG_VERSION"))]
        ),
        1.0
    );
    assert_eq!(gauge("therapist_finder_scrape_failed", &[]), 0.0);
    let head = therapist_finder::jobs::changes::latest(&app.state.db)
        .await
        .expect("head");
    assert_eq!(
        gauge("therapist_finder_change_log_position", &[]),
        head as f64
    );
    if let Some(replica) = &app.state.replica {
        let lag = head - replica.position().await;
        assert_eq!(
            gauge("therapist_finder_index_change_log_lag", &[]),
            lag as f64
        );
    }

    // The site itself does not serve them.
    assert_eq!(app.get("/metrics").await.status(), 404);
    stop.cancel();
    served.await.expect("metrics server stops");
}

#[test]
fn the_example_alerts_pass_promtool() {
    let docs = concat!(env!("CARGO_MANIFEST_DIR"), "/docs");
    for args in [
        ["check", "rules", "alerts.yml"],
        ["test", "rules", "alerts.test.yml"],
    ] {
        let out = Command::new("promtool")
            .args(args)
            .current_dir(docs)
            .output()
            .expect("promtool must be installed (Debian: prometheus); scripts/test installs it");
        assert!(
            out.status.success(),
            "promtool {}: {}{}",
            args.join(" "),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
