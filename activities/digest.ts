// The digest activities: what the daily digest and the weekly summary say, per recipient, at the
// moment the workflow gives (its own clock, so time-skipping tests and catch-up runs agree). The
// workflow then sends each with sendMail under a key per recipient and business date.
import type { Config } from '../lib/config';
import type { Db } from '../lib/db/client';
import { buildDailyDigests, buildWeeklySummaries, type Digest } from '../lib/reports/digest';

export type { Digest } from '../lib/reports/digest';

export interface DigestAt {
  /** ISO-8601 instant: "now" of the digest. */
  at: string;
}

export function digestActivities(db: Db, config: Config) {
  return {
    /** One digest per manager or supervisor with overdue work of their own or their team's. */
    async buildDailyDigests(input: DigestAt): Promise<{ date: string; digests: Digest[] }> {
      return buildDailyDigests(db, config.tzBusiness, new Date(input.at));
    },
    /** The week's summary for each department manager (the 7 days before today). */
    async buildWeeklySummaries(input: DigestAt): Promise<{ date: string; from: string; to: string; summaries: Digest[] }> {
      return buildWeeklySummaries(db, config.tzBusiness, new Date(input.at));
    },
  };
}
