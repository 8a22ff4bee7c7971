//! Invitation email. Every message is recorded in `outbound_emails` with its accept link, so an operator
//! can always hand it out; with `--smtp-url` it is also sent over SMTP (lettre, rustls). The log says a
//! message was recorded but never holds the link: its token lets whoever reads it join the team.

use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::AnyConnection;

use crate::db::{new_id, now};
use crate::error::ApiResult;
use crate::state::AppState;

#[derive(Debug)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    pub fn new(url: &str, from: &str) -> Result<Mailer, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| e.to_string())?
            .build();
        let from = from
            .parse()
            .map_err(|e: lettre::address::AddressError| e.to_string())?;
        Ok(Mailer { transport, from })
    }
}

/// An email recorded in the transaction, to send once it commits.
#[derive(Debug)]
pub struct Outgoing {
    id: String,
    to: String,
    subject: String,
    body: String,
}

/// Records the invitation email for `to` with the accept link for `token`.
pub async fn record_invitation(
    state: &AppState,
    conn: &mut AnyConnection,
    invitation_id: &str,
    to: &str,
    token: &str,
) -> ApiResult<Outgoing> {
    record_letter(state, conn, Letter::Invitation, invitation_id, to, token).await
}

/// Which letter an invitation's link goes out in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Letter {
    /// An admin invited the person.
    Invitation,
    /// The identity provider added the person: they set a password to sign in to the app.
    Activation,
}

/// Records the letter carrying an invitation's accept link, to be sent once the transaction commits.
pub async fn record_letter(
    state: &AppState,
    conn: &mut AnyConnection,
    letter: Letter,
    invitation_id: &str,
    to: &str,
    token: &str,
) -> ApiResult<Outgoing> {
    let accept_url = format!(
        "{}/accept-invitation?token={token}",
        state.settings.public_url.trim_end_matches('/')
    );
    let (subject, body) = match letter {
        Letter::Invitation => (
            "You're invited to join the team on Switchboard".to_owned(),
            format!(
                "Hello,\n\nYou have been invited to join your team on Switchboard.\n\
                 Accept the invitation here:\n\n{accept_url}\n\nThe link works once and expires.\n"
            ),
        ),
        Letter::Activation => (
            "Set up your Switchboard account".to_owned(),
            format!(
                "Hello,\n\nYour organisation added you to its team on Switchboard.\n\
                 Choose your password here to sign in:\n\n{accept_url}\n\nThe link works once and expires.\n"
            ),
        ),
    };
    let id = new_id();
    sqlx::query(
        "INSERT INTO outbound_emails (id, to_address, subject, body, accept_url, invitation_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(to)
    .bind(&subject)
    .bind(&body)
    .bind(&accept_url)
    .bind(invitation_id)
    .bind(now())
    .execute(conn)
    .await?;
    tracing::info!(
        to,
        invitation_id,
        "invitation email recorded; its accept link is in outbound_emails"
    );
    Ok(Outgoing {
        id,
        to: to.to_owned(),
        subject,
        body,
    })
}

/// Sends recorded emails over SMTP in the background (when configured), marking each one sent.
pub fn dispatch(state: &AppState, outgoing: Vec<Outgoing>) {
    let Some(mailer) = state.mailer.clone() else {
        return;
    };
    let db = state.db.clone();
    tokio::spawn(async move {
        for email in outgoing {
            let message = email
                .to
                .parse::<Mailbox>()
                .map_err(|e| e.to_string())
                .and_then(|to| {
                    Message::builder()
                        .from(mailer.from.clone())
                        .to(to)
                        .subject(email.subject.clone())
                        .body(email.body.clone())
                        .map_err(|e| e.to_string())
                });
            let result = match message {
                Ok(message) => mailer.transport.send(message).await.map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            match result {
                Ok(_) => {
                    let marked = sqlx::query("UPDATE outbound_emails SET sent_at = $1 WHERE id = $2")
                        .bind(now())
                        .bind(&email.id)
                        .execute(db.pool())
                        .await;
                    if let Err(e) = marked {
                        tracing::warn!(error = %e, "could not mark an email sent");
                    }
                }
                Err(e) => {
                    tracing::warn!(to = email.to, error = %e, "SMTP delivery failed; the email stays recorded")
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    // The SMTP pool needs a Tokio runtime, as it has inside the server.
    #[tokio::test]
    async fn smtp_urls_and_senders_are_checked_at_start() {
        assert!(
            Mailer::new(
                "smtp://user:pass@mail.example.com:587?tls=required",
                "Team <team@example.com>"
            )
            .is_ok()
        );
        assert!(Mailer::new("smtp://127.0.0.1:25", "team@example.com").is_ok());
        assert!(Mailer::new("smtps://mail.example.com", "team@example.com").is_ok());
        assert!(Mailer::new("http://mail.example.com", "team@example.com").is_err());
        assert!(Mailer::new("smtp://mail.example.com", "not an address").is_err());
    }
}
