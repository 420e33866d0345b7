//! Operational probes: liveness and readiness.

use axum::{Json, extract::State, http::StatusCode};
use serde::Serialize;

use crate::{db, state::AppState};

/// One dependency's state.
#[derive(Serialize)]
pub struct Dependency {
    name: &'static str,
    backend: &'static str,
    ok: bool,
    detail: String,
}

/// The readiness report.
#[derive(Serialize)]
pub struct Readiness {
    status: &'static str,
    dependencies: Vec<Dependency>,
}

/// 200 while the process is up.
pub async fn show_health() -> &'static str {
    "ok"
}

/// 200 with each dependency's state, or 503 when one is unreachable.
pub async fn show_readiness(State(state): State<AppState>) -> (StatusCode, Json<Readiness>) {
    // Both checks at once, each bounded, so the answer comes within two seconds even
    // when a dependency hangs.
    let limit = std::time::Duration::from_millis(1500);
    let (ping, health) = tokio::join!(
        tokio::time::timeout(limit, db::ping(&state.db)),
        state.search.health(),
    );
    let ping = ping.unwrap_or_else(|_| Err(sea_orm::DbErr::Custom("timed out".into())));
    let database = match ping {
        Ok(()) => Dependency {
            name: "database",
            backend: db::backend_name(&state.db),
            ok: true,
            detail: "reachable".into(),
        },
        Err(e) => {
            tracing::error!(error = %e, "readiness: database unreachable");
            Dependency {
                name: "database",
                backend: db::backend_name(&state.db),
                ok: false,
                detail: "unreachable".into(),
            }
        }
    };
    let search = match health {
        Ok(detail) => Dependency {
            name: "search",
            backend: state.search.backend(),
            ok: true,
            detail,
        },
        Err(e) => {
            tracing::error!(error = %e, "readiness: search unreachable");
            Dependency {
                name: "search",
                backend: state.search.backend(),
                ok: false,
                detail: "unreachable".into(),
            }
        }
    };
    let ready = database.ok && search.ok;
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(Readiness {
            status: if ready { "ready" } else { "unavailable" },
            dependencies: vec![database, search],
        }),
    )
}
