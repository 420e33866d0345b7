//! Progress of long work (seeding, roster imports, reindexing). Domain code reports
//! units done through [`Progress`]; the command line draws a bar, everything else
//! passes [`Silent`].

use indicatif::{ProgressBar, ProgressStyle};

/// Something that hears how far long work has got.
pub trait Progress: Send + Sync {
    /// Whether anyone sees the progress; work may skip counting its total if not.
    fn is_shown(&self) -> bool {
        true
    }
    /// How many units the work has in all, once known.
    fn total(&self, units: u64);
    /// `units` more are done.
    fn advance(&self, units: u64);
}

/// Reports nothing.
pub struct Silent;

impl Progress for Silent {
    fn is_shown(&self) -> bool {
        false
    }
    fn total(&self, _: u64) {}
    fn advance(&self, _: u64) {}
}

impl Progress for ProgressBar {
    fn total(&self, units: u64) {
        self.set_length(units);
    }
    fn advance(&self, units: u64) {
        self.inc(units);
    }
}

/// A bar on standard error for the command line (hidden when it is not a terminal).
pub fn bar(what: &'static str) -> ProgressBar {
    let bar = ProgressBar::new(0).with_message(what);
    if let Ok(style) = ProgressStyle::with_template(
        "{msg:>12} [{bar:40}] {human_pos}/{human_len} ({per_sec}, {eta} left)",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar
}
