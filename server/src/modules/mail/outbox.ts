import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import nodemailer, { type Transporter } from 'nodemailer';
import type { JobQueue } from '../../jobs/queue.js';
import type { Logger } from '../../logger.js';
import { EmailRecord } from './email.entity.js';
import { renderEmail, type EmailContent } from './render.js';

/** The queue e-mails go through. */
export const EMAIL_QUEUE = 'email';
/** Attempts after the first before a message is marked failed (backoff up to an hour apart). */
export const EMAIL_RETRY_LIMIT = 10;

export interface OutgoingEmail extends EmailContent {
  kind: string;
  /** What it concerns, to void it with (see `voidEmails`). */
  ref?: string;
  to: { userId: string | null; address: string; name: string };
}

/**
 * Queues an e-mail in the caller's transaction: the message row and the job that sends
 * it commit together with the change that caused them, or not at all.
 */
export async function queueEmail(tx: EntityManager, jobs: JobQueue, email: OutgoingEmail): Promise<string> {
  const { text, html } = renderEmail(email);
  const record = tx.create(EmailRecord, {
    user: email.to.userId,
    kind: email.kind,
    ref: email.ref ?? null,
    toAddress: email.to.address,
    toName: email.to.name.slice(0, 120),
    subject: email.subject.slice(0, 300),
    textBody: text,
    htmlBody: html,
    link: email.action?.url ?? null,
    unsubscribeUrl: email.unsubscribeUrl ?? null,
  });
  await tx.flush();
  await jobs.send(tx, EMAIL_QUEUE, { emailId: record.id });
  return record.id;
}

/**
 * Withdraws the e-mails about `ref` that have not gone out yet, in the caller's
 * transaction: their jobs then find nothing to send.
 */
export async function voidEmails(tx: EntityManager, kind: string, ref: string): Promise<void> {
  await tx.nativeUpdate(
    EmailRecord,
    { kind, ref, status: 'queued' },
    { status: 'voided', textBody: null, htmlBody: null, link: null, unsubscribeUrl: null },
  );
}

export interface MailSettings {
  smtpUrl: string | undefined;
  from: string;
}

/** Hands messages to SMTP; without SMTP_URL there is nothing to hand them to. */
export interface Mailer {
  readonly transport: Transporter | null;
  readonly from: string;
  close(): void;
}

export function createMailer(settings: MailSettings): Mailer {
  const transport = settings.smtpUrl ? nodemailer.createTransport(settings.smtpUrl) : null;
  return { transport, from: settings.from, close: () => transport?.close() };
}

const domainOf = (from: string): string => /@([^>\s]+)>?$/.exec(from)?.[1] ?? 'brieflock.invalid';

/**
 * Sends one queued e-mail. Idempotent: a message already sent or kept is left alone, and
 * every attempt carries the same Message-ID, so a retry after a crash that SMTP had
 * already accepted is recognisable as the same message. Throws to be retried.
 */
export async function deliverEmail(
  deps: { orm: MikroORM; mailer: Mailer; log: Logger },
  emailId: string,
  retryCount: number,
): Promise<void> {
  const em = deps.orm.em.fork();
  const email = await em.findOne(EmailRecord, emailId);
  if (email?.status !== 'queued') return;
  if (!deps.mailer.transport) {
    email.status = 'kept';
    await em.flush();
    deps.log.info(
      { to: email.toAddress, subject: email.subject, link: email.link, emailId },
      `e-mail to ${email.toAddress} kept in the outbox (SMTP_URL is not set): "${email.subject}"${email.link ? ` ${email.link}` : ''}`,
    );
    return;
  }
  email.attempts += 1;
  try {
    await deps.mailer.transport.sendMail({
      from: deps.mailer.from,
      to: { name: email.toName, address: email.toAddress },
      subject: email.subject,
      text: email.textBody ?? '',
      html: email.htmlBody ?? undefined,
      messageId: `<${email.id}@${domainOf(deps.mailer.from)}>`,
      headers: email.unsubscribeUrl ? { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : {},
      ...(email.unsubscribeUrl ? { list: { unsubscribe: { url: email.unsubscribeUrl, comment: 'Unsubscribe' } } } : {}),
    });
  } catch (error) {
    email.lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    if (retryCount >= EMAIL_RETRY_LIMIT) email.status = 'failed';
    await em.flush();
    throw error;
  }
  email.status = 'sent';
  email.sentAt = new Date();
  // Handed over: nothing that carries a link token (the bodies, the link, the
  // unsubscribe address) is kept.
  email.textBody = null;
  email.htmlBody = null;
  email.link = null;
  email.unsubscribeUrl = null;
  email.lastError = null;
  await em.flush();
  deps.log.info({ emailId, kind: email.kind }, 'e-mail sent');
}
