/** What one e-mail says, before it becomes a plain-text and an HTML part. */
export interface EmailContent {
  subject: string;
  /** Whom it greets: the recipient's display name. */
  name: string;
  /** Paragraphs of plain text (never brief content). */
  paragraphs: string[];
  /** The one thing to do, as a button and as a plain link. */
  action?: { label: string; url: string };
  /** Lines under the action, e.g. when a link expires. */
  notes?: string[];
  /** Where the recipient turns this kind of message off; absent when it cannot be turned off. */
  unsubscribeUrl?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);

/** Both parts of a message: the plain text is complete on its own, the HTML says the same. */
export function renderEmail(content: EmailContent): { text: string; html: string } {
  const text = [
    `Hello ${content.name},`,
    '',
    ...content.paragraphs.flatMap((paragraph) => [paragraph, '']),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ''] : []),
    ...(content.notes ?? []).flatMap((note) => [note, '']),
    '— Brieflock',
    ...(content.unsubscribeUrl ? ['', `To stop these e-mails: ${content.unsubscribeUrl}`] : []),
  ].join('\n');
  const paragraph = (line: string) =>
    `<p style="margin:0 0 16px;font:16px/1.5 system-ui,sans-serif;color:#1f2933">${escapeHtml(line)}</p>`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:24px;background:#f5f7fa">
<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px">
${paragraph(`Hello ${content.name},`)}
${content.paragraphs.map(paragraph).join('\n')}
${
  content.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;border-radius:6px;text-decoration:none;font:600 16px system-ui,sans-serif">${escapeHtml(content.action.label)}</a></p>
<p style="margin:0 0 16px;font:14px/1.5 system-ui,sans-serif;color:#52606d">Or open this link: <a href="${escapeHtml(content.action.url)}">${escapeHtml(content.action.url)}</a></p>`
    : ''
}
${(content.notes ?? []).map(paragraph).join('\n')}
<p style="margin:24px 0 0;font:14px system-ui,sans-serif;color:#52606d">— Brieflock</p>
${
  content.unsubscribeUrl
    ? `<p style="margin:16px 0 0;font:12px system-ui,sans-serif;color:#7b8794"><a href="${escapeHtml(content.unsubscribeUrl)}">Stop these e-mails</a></p>`
    : ''
}
</div></body></html>`;
  return { text, html };
}
