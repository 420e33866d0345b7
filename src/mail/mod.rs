//! The mail outbox. Mail is written to the database in the transaction that calls
//! for it; a worker sends it over SMTP when `SMTP_URL` is set, and otherwise prints
//! it to the log and leaves it in the outbox, so sign-up works with no mail server.

use chrono::Utc;
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{MultiPart, SinglePart, header::ContentType},
};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, NotSet, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};

use crate::entities::mail;

/// Where mail goes.
#[derive(Clone)]
pub enum Mailer {
    /// Print to the log; keep in the outbox as `logged`.
    Log,
    /// Send over SMTP from `from`.
    Smtp {
        /// The transport.
        transport: Box<AsyncSmtpTransport<Tokio1Executor>>,
        /// The sender address.
        from: String,
    },
}

impl Mailer {
    /// An SMTP mailer from a URL such as `smtps://user:pass@host:465`.
    pub fn smtp(url: &str, from: &str) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("SMTP_URL: {e}"))?
            .build();
        Ok(Self::Smtp {
            transport: Box::new(transport),
            from: from.to_owned(),
        })
    }
}

/// Queues one message in plain text (an HTML part is made from it).
pub async fn enqueue(
    db: &impl ConnectionTrait,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<(), DbErr> {
    enqueue_letter(
        db,
        &Letter {
            to,
            subject,
            text: body,
            calendar: None,
        },
    )
    .await
}

/// A message to queue: plain text, and optionally a calendar object.
#[derive(Debug, Clone, Copy)]
pub struct Letter<'a> {
    /// The recipient.
    pub to: &'a str,
    /// The subject.
    pub subject: &'a str,
    /// The body in plain text; the HTML part is made from it.
    pub text: &'a str,
    /// A whole iCalendar object (RFC 5545) with its `METHOD`, sent as the
    /// `text/calendar` alternative an invite is.
    pub calendar: Option<&'a str>,
}

/// Queues one message with an HTML part and, when given, a calendar part.
pub async fn enqueue_letter(db: &impl ConnectionTrait, letter: &Letter<'_>) -> Result<(), DbErr> {
    mail::Entity::insert(mail::ActiveModel {
        id: NotSet,
        to_address: Set(letter.to.to_owned()),
        subject: Set(letter.subject.to_owned()),
        body: Set(letter.text.to_owned()),
        html: Set(Some(html_from_text(letter.text))),
        calendar: Set(letter.calendar.map(str::to_owned)),
        status: Set("pending".to_owned()),
        attempts: Set(0),
        last_error: Set(None),
        created_at: Set(Utc::now()),
        sent_at: Set(None),
        claimed_at: Set(None),
        next_attempt_at: Set(None),
    })
    .exec(db)
    .await?;
    Ok(())
}

/// The HTML part of a plain-text body: every character escaped, paragraphs at blank
/// lines, line breaks kept, and each `http(s)://` address made a link.
pub fn html_from_text(text: &str) -> String {
    let mut html = String::from(
        "<!DOCTYPE html><html><body style=\"font-family:sans-serif;line-height:1.5\">",
    );
    for paragraph in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        html.push_str("<p>");
        for (i, line) in paragraph.lines().enumerate() {
            if i > 0 {
                html.push_str("<br>");
            }
            for (j, word) in line.split(' ').enumerate() {
                if j > 0 {
                    html.push(' ');
                }
                let escaped = escape_html(word);
                if word.starts_with("https://") || word.starts_with("http://") {
                    html.push_str(&format!("<a href=\"{escaped}\">{escaped}</a>"));
                } else {
                    html.push_str(&escaped);
                }
            }
        }
        html.push_str("</p>");
    }
    html.push_str("</body></html>");
    html
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The MIME body of a queued message: plain text alone for a message queued before
/// HTML parts, otherwise text and HTML (and the calendar) as alternatives.
fn mime_body(message: &mail::Model) -> Result<MultiPart, String> {
    let text = SinglePart::plain(message.body.clone());
    let html = SinglePart::html(
        message
            .html
            .clone()
            .unwrap_or_else(|| html_from_text(&message.body)),
    );
    let mut body = MultiPart::alternative().singlepart(text).singlepart(html);
    if let Some(calendar) = &message.calendar {
        let method = calendar
            .lines()
            .find_map(|line| line.strip_prefix("METHOD:"))
            .unwrap_or("PUBLISH")
            .trim();
        let kind = ContentType::parse(&format!("text/calendar; charset=utf-8; method={method}"))
            .map_err(|e| format!("calendar part: {e}"))?;
        body = body.singlepart(SinglePart::builder().header(kind).body(calendar.clone()));
    }
    Ok(body)
}

/// Attempts before a message is given up (it stays in the outbox with its last error).
pub const MAX_ATTEMPTS: i32 = 5;
/// Mail not yet sent, for `/metrics`.
#[derive(Debug, Default, Clone, Copy)]
pub struct Queue {
    /// Waiting for its first or next attempt.
    pub pending: u64,
    /// Claimed by a worker and not yet finished.
    pub sending: u64,
    /// Given up on after [`MAX_ATTEMPTS`].
    pub failed: u64,
    /// When the oldest waiting message was queued.
    pub oldest_pending: Option<chrono::DateTime<Utc>>,
}

/// Counts the outgoing mail that is not yet sent, by state.
pub async fn queue(db: &impl ConnectionTrait) -> Result<Queue, DbErr> {
    let count = |status: &'static str| {
        mail::Entity::find()
            .filter(mail::Column::Status.eq(status))
            .count(db)
    };
    let oldest = mail::Entity::find()
        .select_only()
        .column(mail::Column::CreatedAt)
        .filter(mail::Column::Status.eq("pending"))
        .order_by_asc(mail::Column::Id)
        .into_tuple::<chrono::DateTime<Utc>>()
        .one(db)
        .await?;
    Ok(Queue {
        pending: count("pending").await?,
        sending: count("sending").await?,
        failed: count("failed").await?,
        oldest_pending: oldest,
    })
}

/// A message claimed but not finished within this time (its instance died) is
/// claimed again; it may then be sent twice, never lost.
pub const CLAIM_LEASE: chrono::TimeDelta = chrono::TimeDelta::minutes(5);

/// Delivers pending mail once; returns how many messages this call handled.
pub async fn deliver_pending(db: &DatabaseConnection, mailer: &Mailer) -> Result<usize, DbErr> {
    let now = Utc::now();
    let pending = mail::Entity::find()
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(mail::Column::Status.eq("pending"))
                        .add(
                            Condition::any()
                                .add(mail::Column::NextAttemptAt.is_null())
                                .add(mail::Column::NextAttemptAt.lte(now)),
                        ),
                )
                .add(
                    Condition::all()
                        .add(mail::Column::Status.eq("sending"))
                        .add(mail::Column::ClaimedAt.lt(now - CLAIM_LEASE)),
                ),
        )
        .filter(mail::Column::Attempts.lt(MAX_ATTEMPTS))
        .order_by_asc(mail::Column::Id)
        .limit(50)
        .all(db)
        .await?;
    let mut count = 0;
    for message in pending {
        // Claim it first; another instance that claimed it already wins.
        let claimed = mail::Entity::update_many()
            .col_expr(mail::Column::Status, Expr::value("sending"))
            .col_expr(mail::Column::ClaimedAt, Expr::value(now))
            .filter(mail::Column::Id.eq(message.id))
            .filter(mail::Column::Status.eq(message.status.clone()))
            .filter(match message.claimed_at {
                Some(at) => mail::Column::ClaimedAt.eq(at),
                None => mail::Column::ClaimedAt.is_null(),
            })
            .exec(db)
            .await?;
        if claimed.rows_affected != 1 {
            continue;
        }
        count += 1;
        let attempts = message.attempts + 1;
        let mut update = mail::ActiveModel {
            id: Set(message.id),
            attempts: Set(attempts),
            // A failed send goes back to the queue after a backoff.
            status: Set("pending".to_owned()),
            next_attempt_at: Set(Some(Utc::now() + crate::jobs::backoff(attempts))),
            ..Default::default()
        };
        match mailer {
            Mailer::Log => {
                tracing::info!(
                    mail.id = message.id,
                    to = %message.to_address,
                    subject = %message.subject,
                    "mail (no SMTP_URL set; kept in the outbox):\n{}",
                    message.body
                );
                update.status = Set("logged".to_owned());
                update.sent_at = Set(Some(Utc::now()));
                update.next_attempt_at = Set(None);
            }
            Mailer::Smtp { transport, from } => {
                let built = Message::builder()
                    .from(
                        from.parse()
                            .map_err(|e| DbErr::Custom(format!("mail from: {e}")))?,
                    )
                    .to(match message.to_address.parse() {
                        Ok(to) => to,
                        Err(e) => {
                            update.status = Set("failed".to_owned());
                            update.last_error = Set(Some(format!("bad address: {e}")));
                            mail::Entity::update(update).exec(db).await?;
                            continue;
                        }
                    })
                    .subject(message.subject.clone())
                    .multipart(mime_body(&message).map_err(DbErr::Custom)?)
                    .map_err(|e| DbErr::Custom(format!("mail build: {e}")))?;
                match transport.send(built).await {
                    Ok(_) => {
                        update.status = Set("sent".to_owned());
                        update.sent_at = Set(Some(Utc::now()));
                        update.next_attempt_at = Set(None);
                    }
                    Err(e) => {
                        tracing::warn!(mail.id = message.id, error = %e, "mail send failed");
                        update.last_error = Set(Some(e.to_string()));
                        if attempts >= MAX_ATTEMPTS {
                            update.status = Set("failed".to_owned());
                        }
                    }
                }
            }
        }
        mail::Entity::update(update).exec(db).await?;
    }
    Ok(count)
}
