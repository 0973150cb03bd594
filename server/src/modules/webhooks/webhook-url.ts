import ipaddr from 'ipaddr.js';
import { badInput } from '../../errors.js';
import { addressKind, mayDeliverTo } from './address-policy.js';

/**
 * Checks a webhook URL as it is registered: https:// (http:// only when private
 * receivers are allowed), a host, no credentials (they would be stored and shown in
 * plain text). An address literal is judged at once; a host name is resolved and judged
 * at every delivery (what it resolves to may change). Returns the URL as it will be used.
 */
export function checkWebhookUrl(raw: string, allowPrivate: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw badInput('url', 'must be an https:// URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowPrivate))
    throw badInput('url', 'must be an https:// URL');
  if (!url.hostname) throw badInput('url', 'must name a host');
  if (url.username || url.password) throw badInput('url', 'must not contain a user name or password');
  if (url.hash) throw badInput('url', 'must not contain a fragment (#…)');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(host)) {
    if (!mayDeliverTo(host, allowPrivate)) throw badInput('url', `must not point at a ${addressKind(host)} address`);
    if (url.protocol === 'http:' && addressKind(host) === 'public')
      throw badInput('url', 'must be an https:// URL: plain http:// is only for local receivers');
  }
  return url.href;
}
