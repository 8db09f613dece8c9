/**
 * Migration 0008 on a database that already holds duplicate live subscriptions (as deployed before
 * issue #11): this file's database is put back to the pre-0008 schema (the index and the quota table
 * dropped), given duplicates with deliveries, and migrated again with 0008's own statements.
 */
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { runMigrationAgain } from "../support/db";

const MIGRATION = "0008_live_subscriptions.sql";

interface Row {
  id: string;
  channel: string;
  target: string;
  status: string;
  created: number;
}

const rows: Row[] = [
  // Two active and one pending e-mail: the newest active one stays.
  { id: "e-old", channel: "email", target: "dup@example.org", status: "active", created: 1000 },
  { id: "e-new", channel: "email", target: "dup@example.org", status: "active", created: 2000 },
  { id: "e-pend", channel: "email", target: "dup@example.org", status: "pending", created: 3000 },
  // Only pending ones: the newest pending one stays.
  { id: "p-1", channel: "email", target: "pending@example.org", status: "pending", created: 1000 },
  { id: "p-2", channel: "email", target: "pending@example.org", status: "pending", created: 2000 },
  // Same target on another channel, and an ended duplicate: untouched.
  { id: "w-1", channel: "webhook", target: "dup@example.org", status: "active", created: 1000 },
  { id: "s-1", channel: "slack", target: "C0DUPLICATE", status: "active", created: 1000 },
  { id: "s-2", channel: "slack", target: "C0DUPLICATE", status: "unsubscribed", created: 2000 },
];

const insert = (r: Row, i: number) =>
  env.DB.prepare(
    `INSERT INTO subscriptions (id, channel, target, themes, status, manage_token_hash, unsubscribe_token, created_at, changed_at)
     VALUES (?, ?, ?, '[]', ?, ?, ?, ?, ?)`,
  ).bind(r.id, r.channel, r.target, r.status, `hash-${i}`, `unsub-${i}`, r.created, r.created);

beforeAll(async () => {
  await env.DB.batch([
    env.DB.prepare("DROP INDEX subscriptions_live_target_uq"),
    env.DB.prepare("DROP TABLE confirmation_mail_quota"),
    ...rows.map(insert),
    env.DB.prepare(
      "INSERT INTO digests (week, published_at, new_papers, top_themes, parts) VALUES ('2026-W01', 1, 0, '[]', 0)",
    ),
    env.DB.prepare(
      "INSERT INTO deliveries (subscription_id, week, channel, status, created_at) VALUES ('e-old', '2026-W01', 'email', 'sent', 1), ('e-new', '2026-W01', 'email', 'sent', 1)",
    ),
  ]);
  await runMigrationAgain(MIGRATION);
});

describe("migration 0008 (one live subscription per target)", () => {
  it("keeps the newest active subscription of each target and ends the other live ones", async () => {
    const { results } = await env.DB.prepare(
      "SELECT id, status, status_reason FROM subscriptions ORDER BY id",
    ).all<{
      id: string;
      status: string;
      status_reason: string | null;
    }>();
    const status = Object.fromEntries(results.map((r) => [r.id, r.status]));
    expect(status).toEqual({
      "e-old": "unsubscribed",
      "e-new": "active",
      "e-pend": "unsubscribed",
      "p-1": "unsubscribed",
      "p-2": "pending",
      "w-1": "active",
      "s-1": "active",
      "s-2": "unsubscribed",
    });
    expect(results.find((r) => r.id === "e-old")!.status_reason).toContain("duplicate");
    expect(results.find((r) => r.id === "s-2")!.status_reason).toBeNull();
  });

  it("keeps every delivery row (no table rebuild)", async () => {
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM deliveries").first<{ n: number }>())!;
    expect(n).toBe(2);
  });

  it("then refuses a second live subscription to a target at the database", async () => {
    await expect(
      insert(
        { id: "e-third", channel: "email", target: "dup@example.org", status: "active", created: 9 },
        99,
      ).run(),
    ).rejects.toThrow(/UNIQUE/);
  });
});
