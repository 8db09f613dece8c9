/**
 * Confirmation mails per address and UTC day (schema.ts `confirmation_mail_quota`), taken in the
 * same D1 batch (one transaction) as the subscription's upsert: a request that gets no mail slot
 * must not rotate the pending subscription's confirmation token either, or a stranger could void
 * the links already mailed to the address and leave it unable to confirm until tomorrow.
 */
import { lt, type SQL, sql } from "drizzle-orm";
import type { Database } from "../client";
import { confirmationMailQuota } from "../schema";

export interface MailQuota {
  /** UTC day, `2026-12-04`. */
  day: string;
  /** Rows of days before this one are deleted. */
  oldestKept: string;
  /** Mails per address and day. */
  max: number;
}

export function pruneQuota(db: Database, quota: MailQuota) {
  return db.delete(confirmationMailQuota).where(lt(confirmationMailQuota.day, quota.oldestKept));
}

/**
 * Counts one more request for a mail to `address`, up to `max + 1` (the "over" mark): `sent <= max`
 * in the returned row means this one may be mailed. A request for an address with an active
 * subscription is not counted (nothing is mailed to it).
 */
export function takeMailSlot(db: Database, address: string, quota: MailQuota) {
  const increment = sql`CASE WHEN EXISTS (SELECT 1 FROM subscriptions WHERE channel = 'email' AND target = ${address} AND status = 'active') THEN 0 ELSE 1 END`;
  return db
    .insert(confirmationMailQuota)
    .values({ address, day: quota.day, sent: increment })
    .onConflictDoUpdate({
      target: [confirmationMailQuota.address, confirmationMailQuota.day],
      set: { sent: sql`min(${confirmationMailQuota.sent} + ${increment}, ${quota.max + 1})` },
    })
    .returning({ sent: confirmationMailQuota.sent });
}

/** True, inside the same batch after `takeMailSlot`, when that request got a slot. */
export function gotMailSlot(address: string, quota: MailQuota): SQL {
  return sql`coalesce((SELECT sent FROM confirmation_mail_quota WHERE address = ${address} AND day = ${quota.day}), ${quota.max + 1}) <= ${quota.max}`;
}
