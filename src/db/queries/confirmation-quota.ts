/** Confirmation mails per address and UTC day (schema.ts `confirmation_mail_quota`). */
import { lt, sql } from "drizzle-orm";
import type { Database } from "../client";
import { confirmationMailQuota } from "../schema";

/**
 * Counts one more confirmation mail to `address` on `day` unless `max` were sent already: true when
 * this one may go. One conditional upsert, so concurrent requests cannot both take the last one.
 * Days before `oldestKept` are deleted in the same batch (the table stays a day or two long).
 */
export async function takeConfirmationMail(
  db: Database,
  address: string,
  day: string,
  oldestKept: string,
  max: number,
): Promise<boolean> {
  const [, taken] = await db.batch([
    db.delete(confirmationMailQuota).where(lt(confirmationMailQuota.day, oldestKept)),
    db
      .insert(confirmationMailQuota)
      .values({ address, day, sent: 1 })
      .onConflictDoUpdate({
        target: [confirmationMailQuota.address, confirmationMailQuota.day],
        set: { sent: sql`${confirmationMailQuota.sent} + 1` },
        setWhere: sql`${confirmationMailQuota.sent} < ${max}`,
      })
      .returning({ sent: confirmationMailQuota.sent }),
  ]);
  return taken.length > 0;
}
