/**
 * Following and unfollowing one author for a subscription (`/paper follow`, `/paper unfollow`,
 * issue #15). Names compare by `authorKey` (interests/author-names.ts), as the interests body
 * de-duplicates them and the ranking matches them: "Lovelace, A." unfollows "Ada Lovelace". The
 * other interests stay as they are (db/queries/followed-authors.ts).
 */
import type { Database } from "../db/client";
import { loadFollowedAuthors, replaceFollowedAuthors } from "../db/queries/followed-authors";
import { authorKey } from "../interests/author-names";
import { MAX_AUTHOR_CHARS, MAX_AUTHORS } from "../interests/interest-input";

/** Compare-and-set attempts before giving up (each one lost only to another member's change). */
const ATTEMPTS = 5;

export interface FollowRefusal {
  ok: false;
  reason: "not_a_name" | "too_many" | "busy";
  message: string;
}

export type FollowOutcome = { ok: true; changed: boolean; name: string; authors: string[] } | FollowRefusal;

/** Trimmed, runs of spaces as one (as the interests body stores names). */
const squash = (name: string) => name.trim().replace(/\s+/g, " ");

function checkName(raw: string): { name: string; key: string } | { problem: string } {
  const name = squash(raw);
  if (name.length === 0 || name.length > MAX_AUTHOR_CHARS) {
    return { problem: `An author's name has 1 to ${MAX_AUTHOR_CHARS} characters.` };
  }
  const key = authorKey(name);
  return key === null ? { problem: `"${name}" is not a person's name.` } : { name, key };
}

async function change(
  db: Database,
  subscriptionId: string,
  now: number,
  edit: (authors: string[]) => string[] | FollowRefusal,
): Promise<{ ok: true; authors: string[]; changed: boolean } | FollowRefusal> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const stored = await loadFollowedAuthors(db, subscriptionId);
    const next = edit(stored.authors);
    if (!Array.isArray(next)) return next;
    if (next.length === stored.authors.length && next.every((a, i) => a === stored.authors[i])) {
      return { ok: true, authors: next, changed: false };
    }
    if (await replaceFollowedAuthors(db, subscriptionId, stored, next, now)) {
      return { ok: true, authors: next, changed: true };
    }
  }
  return { ok: false, reason: "busy", message: "The followed authors kept changing; please try again." };
}

export async function followAuthor(
  db: Database,
  subscriptionId: string,
  raw: string,
  now: number,
): Promise<FollowOutcome> {
  const checked = checkName(raw);
  if ("problem" in checked) return { ok: false, reason: "not_a_name", message: checked.problem };
  const outcome = await change(db, subscriptionId, now, (authors) => {
    if (authors.some((a) => authorKey(a) === checked.key)) return authors;
    if (authors.length >= MAX_AUTHORS) {
      return {
        ok: false,
        reason: "too_many",
        message: `A subscription follows at most ${MAX_AUTHORS} authors; unfollow one first.`,
      };
    }
    return [...authors, checked.name];
  });
  if (!outcome.ok) return outcome;
  // Already followed: the name is the spelling stored, which is what the ranking matches.
  const name = outcome.authors.find((a) => authorKey(a) === checked.key) ?? checked.name;
  return { ok: true, changed: outcome.changed, name, authors: outcome.authors };
}

/** `name` is the spelling that was followed (the first one, when nothing was). */
export async function unfollowAuthor(
  db: Database,
  subscriptionId: string,
  raw: string,
  now: number,
): Promise<FollowOutcome> {
  const checked = checkName(raw);
  if ("problem" in checked) return { ok: false, reason: "not_a_name", message: checked.problem };
  let removed: string | null = null;
  const outcome = await change(db, subscriptionId, now, (authors) => {
    removed = authors.find((a) => authorKey(a) === checked.key) ?? null;
    return authors.filter((a) => authorKey(a) !== checked.key);
  });
  if (!outcome.ok) return outcome;
  return { ok: true, changed: outcome.changed, name: removed ?? checked.name, authors: outcome.authors };
}

export async function followedAuthors(db: Database, subscriptionId: string): Promise<string[]> {
  return (await loadFollowedAuthors(db, subscriptionId)).authors;
}
