import { Router } from 'express';
import { requireStaff } from '../auth';
import type { AppContext } from '../context';
import { ApiError } from '../errors';
import { parseListQuery, sendList } from '../list';

/** GET /api/dev/mails: mail captured when SMTP_URL is unset (embedded setup). */
export function devMailRoutes(ctx: AppContext): Router {
  const router = Router();
  // Staff only: captured mail holds every franchisee's statements and every store's notices.
  router.get('/api/dev/mails', requireStaff, async (req, res) => {
    if (ctx.config.smtpUrl) {
      throw new ApiError(404, 'mail_not_captured', 'Mail goes to SMTP_URL; nothing is captured here');
    }
    const q = parseListQuery(req, ['createdAt', 'sentAt']);
    const where = typeof q.filter.to === 'string' ? { to: q.filter.to } : {};
    const [rows, total] = await Promise.all([
      ctx.db.mailMessage.findMany({ where, skip: q.skip, take: q.take, orderBy: { createdAt: q.sort?.order ?? 'desc' } }),
      ctx.db.mailMessage.count({ where }),
    ]);
    sendList(
      res,
      'mails',
      q,
      rows.map((m) => ({ id: m.id, to: m.to, subject: m.subject, text: m.text, sentAt: m.sentAt ?? m.createdAt, status: m.status })),
      total,
    );
  });
  return router;
}
