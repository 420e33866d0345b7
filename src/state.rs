//! The shared state every request handler receives. It sits below every surface
//! (pages, API, open data, identity), which import it; `app` builds it.

use std::sync::{Arc, OnceLock};

use sea_orm::DatabaseConnection;

use crate::{
    clock::Clock,
    geocoding::Geocoder,
    mail::Mailer,
    matching::{RuleBook, Weights},
    practitioners::indexing::Replica,
    reference::Catalogue,
    schedule::PlanCache,
    search::SearchIndex,
};

/// Shared, cheaply clonable state of every request.
#[derive(Clone)]
pub struct AppState {
    /// The database, the source of truth.
    pub db: DatabaseConnection,
    /// The search backend.
    pub search: Arc<dyn SearchIndex>,
    /// With the embedded index: how it follows the database's changes and is kept on disk.
    pub replica: Option<Arc<Replica>>,
    /// The geocoder.
    pub geocoder: Arc<dyn Geocoder>,
    /// Parsed templates.
    pub templates: Arc<tera::Tera>,
    /// The clinical rules, in every language.
    pub rules: Arc<RuleBook>,
    /// Ranking weights.
    pub weights: Arc<Weights>,
    /// Reference data.
    pub catalogue: Arc<Catalogue>,
    /// Outgoing mail.
    pub mailer: Mailer,
    /// The public base URL, without a trailing slash, for links in mail.
    pub public_url: Arc<str>,
    /// Whether cookies are marked Secure and `__Host-` (the public URL is https).
    pub secure_cookies: bool,
    /// Proxies in front of the app trusted to append to `X-Forwarded-For`.
    pub trusted_proxy_hops: usize,
    /// The key CSRF tokens are derived from; loaded from the database by [`prepare`](crate::app::prepare).
    pub csrf_key: Arc<OnceLock<[u8; 32]>>,
    /// The street-map tile server and its attribution, when one is configured.
    pub map_tiles: Option<Arc<MapTiles>>,
    /// The Content-Security-Policy of every page: [`CONTENT_SECURITY_POLICY`](crate::auth::headers::CONTENT_SECURITY_POLICY),
    /// with the tile server's origin allowed for images when there is one.
    pub content_security_policy: Arc<str>,
    /// Permits for whole-directory downloads running at once (`opendata::BULK_AT_ONCE`):
    /// each streams a million listings, so a burst of them must not take every core.
    pub bulk_downloads: Arc<tokio::sync::Semaphore>,
    /// The time open times are worked out at; the system's, unless a test sets it.
    pub clock: Clock,
    /// Recently read working hours, for the next open time beside each match.
    pub plans: Arc<PlanCache>,
    /// Passkeys' relying party, for the public address's domain; `None` when the
    /// site is served at an IP address, where browsers refuse passkeys.
    pub webauthn: Option<Arc<webauthn_rs::Webauthn>>,
    /// The server's own backups of its SQLite database, when `BACKUP_DIR` is set.
    pub backups: Option<Arc<crate::backup::Schedule>>,
}

/// A configured street-map tile server.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MapTiles {
    /// The URL template, `{z}/{x}/{y}` included.
    pub url: String,
    /// The attribution its licence asks for.
    pub attribution: String,
}
