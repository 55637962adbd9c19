// The action links of the mails point into the admin UI, which a mail client can only open as an
// absolute URL.

/** A link of the admin UI made absolute; only http(s) URLs pass through as they are. */
export function absoluteLink(link: string | undefined, publicUrl: string): string | undefined {
  if (!link) return undefined;
  if (/^https?:\/\//i.test(link)) return link;
  return `${publicUrl.replace(/\/+$/, '')}${link.startsWith('/') ? '' : '/'}${link}`;
}
