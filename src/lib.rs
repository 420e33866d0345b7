//! A directory of clinically trained, licensed massage therapists. People in pain
//! search nearby or answer a short questionnaire that screens for red flags first;
//! practitioners keep their profiles; admins verify licences.
//!
//! Map of the crate (see ARCHITECTURE.md for the request flow and the dependency rule,
//! which `scripts/check-layers` enforces):
//! - top: [`app`] builds the state, assembles the router and runs the server;
//! - request layer: [`web`] renders pages, [`api`] answers JSON and [`opendata`] serves
//!   the open formats, all through [`state`], [`auth`], [`error`], [`form`], [`wording`];
//! - domain: [`accounts`], [`practitioners`], [`admin`], [`matches`](mod@matches), [`matching`]
//!   (pure), [`schedule`], [`visits`], [`search`], [`geocoding`], [`reference`](mod@reference), [`seed`],
//!   [`jobs`], [`mail`];
//! - leaves: [`clock`], [`policy`], [`validation`], [`throttle`], [`audit`], [`progress`],
//!   [`config`], [`db`] and [`entities`].

pub mod accounts;
pub mod admin;
pub mod api;
pub mod app;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod clock;
pub mod config;
pub mod db;
pub mod entities;
pub mod error;

pub mod form;
pub mod geocoding;
pub mod housekeeping;
pub mod i18n;
pub mod jobs;
pub mod mail;
pub mod matches;
pub mod matching;
pub mod opendata;
pub mod policy;
pub mod practitioners;
pub mod progress;
pub mod receipts;
pub mod reference;
pub mod schedule;
pub mod search;
pub mod seed;
pub mod state;
pub mod throttle;
pub mod validation;
pub mod visits;
pub mod web;
pub mod wording;
