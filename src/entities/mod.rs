//! sea-orm entities, one per table. Only domain modules use them; pages and the API
//! have their own view structs.

#![expect(
    missing_docs,
    reason = "entity fields mirror the table columns, which the migration documents"
)]

pub mod audit_log;
pub mod body_region;
pub mod calendar_feed;
pub mod contact_request;
pub mod index_change;
pub mod job;
pub mod jurisdiction;
pub mod licence;
pub mod mail;
pub mod modality;
pub mod one_time_token;
pub mod outcome_log;
pub mod passkey;
pub mod practitioner;
pub mod practitioner_modality;
pub mod practitioner_region;
pub mod rate_event;
pub mod receipt;
pub mod recovery_code;
pub mod report;
pub mod roster_entry;
pub mod roster_import;
pub mod roster_mapping;
pub mod safety_report;
pub mod schedule;
pub mod server_key;
pub mod session;
pub mod totp_factor;
pub mod training_record;
pub mod user;
pub mod visit;
pub mod visit_link;
pub mod visit_report;
pub mod webauthn_state;
