// All activities, built from their dependencies (the samples-typescript pattern), so tests
// and the worker wire the same code to real services.
import type { Config } from '../lib/config';
import type { Db } from '../lib/db/client';
import { createMailTransport, type MailTransport } from '../lib/mail/transport';
import { auditActivities } from './audit';
import { bookingActivities, bookingMailParams } from './bookings';
import { calendarActivities } from './calendar';
import { digestActivities } from './digest';
import { mailActivities } from './mail';
import { notifyActivities } from './notify';
import { planActivities } from './plans';
import { priceActivities } from './prices';
import { rescheduleActivities } from './reschedule';
import { returnActivities } from './returns';
import { shipmentActivities } from './shipments';
import { stepActivities } from './steps';
import { taskActivities } from './tasks';

export interface ActivityDeps {
  db: Db;
  config: Config;
  /** Default: SMTP_URL's server, or capture when unset. Tests pass their own. */
  mailTransport?: MailTransport;
}

export function createActivities(deps: ActivityDeps) {
  const transport = deps.mailTransport ?? createMailTransport(deps.config);
  const mail = mailActivities(deps.db, deps.config, transport);
  const tasks = taskActivities(deps.db, deps.config.tzBusiness);
  const calendar = calendarActivities(deps.db, deps.config);
  return {
    ...auditActivities(deps.db),
    ...calendar,
    ...mail,
    ...tasks,
    ...stepActivities(deps.db, { ...calendar, ...tasks }),
    ...notifyActivities(deps.db, mail, tasks, bookingMailParams(deps.db)),
    ...planActivities(deps.db),
    ...bookingActivities(deps.db, deps.config),
    ...shipmentActivities(deps.db),
    ...priceActivities(deps.db),
    ...returnActivities(deps.db, deps.config),
    ...digestActivities(deps.db, deps.config),
    ...rescheduleActivities(deps.db),
  };
}

export type Activities = ReturnType<typeof createActivities>;
