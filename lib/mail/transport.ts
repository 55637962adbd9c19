// Where mail goes: an SMTP server (SMTP_URL), or nowhere (captured: the MailMessage row is the
// copy, listed at GET /api/dev/mails). The sendMail activity talks only to this interface.
import nodemailer from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Config } from '../config';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The Message-ID header, `<…@…>`; the same on every attempt of one mail. */
  messageId: string;
}

export interface MailTransport {
  /** True when nothing leaves the process (no SMTP_URL): the database row is the capture. */
  readonly captures: boolean;
  /** Resolves once the server has accepted the message; rejects with its reason otherwise. */
  send(msg: OutgoingMail): Promise<void>;
  close(): void;
}

/** A dead or hung server fails the attempt in seconds; Temporal retries it. */
const TIMEOUT_MS = 10_000;
/**
 * Silence allowed once connected, above all for the reply to the end of DATA (RFC 5321
 * 4.5.3.2.6 suggests minutes): a slow server that then accepts must not be sent the mail again
 * (was 10 s). Below the sendMail transaction's 120 s and its activity's 2-minute timeout.
 */
const SOCKET_TIMEOUT_MS = 90_000;

export function createMailTransport(config: Config): MailTransport {
  const smtpUrl = config.smtpUrl;
  if (!smtpUrl) return captureTransport();

  // The SMTPTransport merges `url` (host, port, auth, ?query options) over these defaults, so
  // e.g. `smtp://host:25?connectionTimeout=30000` still overrides them.
  const transporter = nodemailer.createTransport(
    new SMTPTransport({
      url: smtpUrl,
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: SOCKET_TIMEOUT_MS,
      dnsTimeout: TIMEOUT_MS,
    }),
  );
  return {
    captures: false,
    async send(msg) {
      await transporter.sendMail({
        from: msg.from,
        to: msg.to,
        subject: msg.subject,
        text: msg.text,
        html: msg.html,
        messageId: msg.messageId,
        // RFC 3834: machine-generated, so out-of-office replies are not sent back to us.
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    },
    close() {
      transporter.close();
    },
  };
}

function captureTransport(): MailTransport {
  return {
    captures: true,
    async send() {
      // Nothing to do: sendMail has stored the message; GET /api/dev/mails lists it.
    },
    close() {},
  };
}
