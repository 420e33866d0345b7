//! The one integration-test binary. Each test gets its own database (SQLite in a temp
//! file, or a fresh PostgreSQL database with `TEST_DATABASE_URL`) and its own search
//! index (embedded, or Meilisearch with a unique prefix with `TEST_MEILI_URL`).

mod support;

mod accounts;
mod admin;
mod api;
mod backups;
mod bench_agreement;
mod browser;
mod cli;
mod cost_browser;
mod fuzz;
mod hours;
mod jobs;
mod languages;
mod layers;
mod leaving;
mod metrics;
mod opendata;
mod ops;
mod pages;
mod payment;
mod places;
mod profiles;
mod questionnaire;
mod receipts;
mod reliability;
mod rosters;
mod scale_out;
mod schema;
mod search_backends;
mod second_factor;
mod security;
mod snapshots;
mod spoken_languages;
mod staff_languages;
mod upgrades;
mod usable_pages;
mod visits;
