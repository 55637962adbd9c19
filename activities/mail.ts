// The sendMail activity: renders a template for its recipient and sends it at most once per
// idempotency key, however often Temporal retries the activity.
//
// Algorithm
//  1. Resolve the recipient (user → e-mail, locale, name); an unknown or inactive user, or no
//     usable address, is 'no_address' (not an error: retrying would not help).
//  2. Render, and insert the MailMessage row with createMany/skipDuplicates on the key: the
//     first attempt fixes what is sent; a retry finds the row and sends exactly that text.
//  3. In one transaction: lock the row (SELECT … FOR UPDATE), return 'already_sent' if it is
//     sent, else hand it to the transport with a Message-ID derived from the key and mark it
//     sent (status, sentAt, attempts + 1). The lock serialises two attempts running at once (a
//     timed-out attempt still running while Temporal starts the next): the second waits, then
//     sees 'sent'.
//  4. On a transport error: record attempts + 1, status 'failed' and the error on the row, and
//     rethrow so Temporal retries with its backoff.
//
// Remaining at-least-once window: the SMTP server has accepted the message (250 after DATA)
// but the row update or the commit does not happen (worker crash, database connection lost,
// transaction timeout). The next attempt sees the row not 'sent' and sends again. SMTP has no
// two-phase commit, so no sender can close this window entirely; here it is the few
// milliseconds between the server's 250 and our commit, and a duplicate then carries the same
// Message-ID, which mail clients and many servers use to collapse duplicates. Losing a
// reminder instead (at-most-once) would be worse than a rare duplicate of it.
import { createHash } from 'node:crypto';
import type { MailInput, MailLocale, MailParams, MailSendResult } from '../domain/mail';
import type { Config } from '../lib/config';
import type { Db } from '../lib/db/client';
import { logger } from '../lib/logger';
import { renderMail } from '../lib/mail/templates';
import type { MailTransport } from '../lib/mail/transport';
import { withHeartbeat } from '../lib/temporal/heartbeat';

export type { MailInput, MailParams, MailSendResult, MailTemplateName } from '../domain/mail';

const log = logger('mail');

/** Long enough for a slow SMTP exchange (connecting times out after 10 s, silence after 90 s: lib/mail/transport.ts). */
const SEND_TRANSACTION_TIMEOUT_MS = 120_000;

/** `<32 hex digits@merchandise-flow>`: the same Message-ID on every attempt of one mail. */
export function mailMessageId(idempotencyKey: string): string {
  return `<${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32)}@merchandise-flow>`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toLocale(value: string | null | undefined): MailLocale {
  return value?.toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

/** A single address, no display name, no header-breaking characters. */
function usableAddress(email: string | null | undefined): string | undefined {
  const e = email?.trim();
  return e && /^[^\s@<>,;"]+@[^\s@<>,;"]+$/.test(e) ? e : undefined;
}

/** `"Name" <address>`, quoted so any name is safe in the To header. */
function formatTo(email: string, name: string | undefined): string {
  if (!name) return email;
  return `"${name.replace(/[\r\n]+/g, ' ').replace(/(["\\])/g, '\\$1')}" <${email}>`;
}

interface Recipient {
  email: string;
  name?: string;
  locale: MailLocale;
}

interface LockedRow {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  status: string;
}

/** SMTP 5xx replies are permanent; everything else (4xx, connection errors) may pass on retry. */
function isPermanent(err: unknown): boolean {
  const code = (err as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

export function mailActivities(db: Db, config: Config, transport: MailTransport) {
  async function resolveRecipient(input: MailInput): Promise<Recipient | undefined> {
    if (input.toUserId) {
      // A malformed id is an unknown user (the column is a UUID; Prisma would refuse the query).
      if (!UUID.test(input.toUserId)) return undefined;
      const user = await db.user.findUnique({
        where: { id: input.toUserId },
        select: { email: true, name: true, locale: true, active: true },
      });
      const email = user?.active ? usableAddress(user.email) : undefined;
      return email && user ? { email, name: user.name || undefined, locale: toLocale(user.locale) } : undefined;
    }
    const email = usableAddress(input.to?.email);
    return email ? { email, name: input.to?.name?.trim() || undefined, locale: toLocale(input.to?.locale) } : undefined;
  }

  return {
    /**
     * Sends one templated mail once per idempotencyKey (see the comment at the top), heartbeating
     * so that a worker killed mid-send is noticed in seconds (heartbeatTimeout), not minutes.
     */
    sendMail: (input: MailInput): Promise<MailSendResult> =>
      withHeartbeat(async () => {
        const messageId = mailMessageId(input.idempotencyKey);
        const recipient = await resolveRecipient(input);
        if (!recipient) {
          log.warn('mail not sent: no address', { key: input.idempotencyKey, toUserId: input.toUserId, template: input.template });
          return { status: 'no_address', messageId };
        }

        const params: MailParams = { ...input.params, recipientName: input.params.recipientName ?? recipient.name };
        const rendered = renderMail(input.template, recipient.locale, params, {
          zone: config.tzBusiness,
          publicUrl: config.publicUrl,
        });
        await db.mailMessage.createMany({
          data: [
            {
              idempotencyKey: input.idempotencyKey,
              to: recipient.email,
              subject: rendered.subject,
              text: rendered.text,
              html: rendered.html,
              template: input.template,
              workflowId: input.workflowId ?? null,
              status: 'pending',
            },
          ],
          skipDuplicates: true,
        });

        const outcome = await db.$transaction(
          async (tx) => {
            const [row] = await tx.$queryRaw<LockedRow[]>`
              SELECT "id", "to", "subject", "text", "html", "status" FROM "MailMessage"
              WHERE "idempotencyKey" = ${input.idempotencyKey} FOR UPDATE`;
            if (!row) throw new Error(`MailMessage ${input.idempotencyKey} vanished after insert`);
            if (row.status === 'sent') return { kind: 'already_sent' as const };
            try {
              // What the first attempt stored is what goes out, on every attempt.
              await transport.send({
                from: config.mailFrom,
                to: formatTo(row.to, row.to === recipient.email ? recipient.name : undefined),
                subject: row.subject,
                text: row.text,
                html: row.html ?? '',
                messageId,
              });
            } catch (err) {
              const message = err instanceof Error ? err.message : String(err);
              await tx.mailMessage.update({
                where: { id: row.id },
                data: { status: 'failed', attempts: { increment: 1 }, error: message.slice(0, 2000) },
              });
              return { kind: isPermanent(err) ? ('rejected' as const) : ('failed' as const), err };
            }
            await tx.mailMessage.update({
              where: { id: row.id },
              data: { status: 'sent', sentAt: new Date(), attempts: { increment: 1 }, error: null },
            });
            return { kind: 'sent' as const };
          },
          { maxWait: 30_000, timeout: SEND_TRANSACTION_TIMEOUT_MS },
        );

        if (outcome.kind === 'rejected') {
          // A 5xx is the server's final word (unknown mailbox, policy): retrying cannot help.
          log.warn('mail rejected permanently', {
            key: input.idempotencyKey,
            error: outcome.err instanceof Error ? outcome.err.message : String(outcome.err),
          });
          return { status: 'rejected', messageId };
        }
        if (outcome.kind === 'failed') {
          log.warn('mail send failed; the activity will be retried', {
            key: input.idempotencyKey,
            error: outcome.err instanceof Error ? outcome.err.message : String(outcome.err),
          });
          throw outcome.err;
        }
        if (outcome.kind === 'already_sent') return { status: 'already_sent', messageId };
        return { status: transport.captures ? 'captured' : 'sent', messageId };
      }),
  };
}

export type MailActivities = ReturnType<typeof mailActivities>;
