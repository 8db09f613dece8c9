/**
 * What `/paper subscribe …` asks for: themes (by id, or by words of their label) or, when the
 * words name no theme, a keyword query. Pure.
 *
 *   subscribe                      → everything (no filter)
 *   subscribe t3 t7                → themes t3 and t7
 *   subscribe graph neural         → every theme whose label has words starting "graph" and "neural"
 *   subscribe t3, mixture experts  → parts split at commas/semicolons, each an id or label words
 *   subscribe diffusion models     → no theme label has both words: the query "diffusion models"
 *   subscribe "graph neural"       → quoted: always the keyword query
 */

export interface ChoosableTheme {
  id: string;
  label: string;
}

export type SubscribeChoice =
  | { kind: "everything" }
  | { kind: "themes"; themes: ChoosableTheme[] }
  | { kind: "query"; query: string };

const WORD = /[\p{L}\p{N}]+/gu;
const words = (text: string) => text.normalize("NFKC").toLowerCase().match(WORD) ?? [];
/** Words this short must match a label word whole; longer ones may be its beginning ("network" → "networks"). */
const MIN_PREFIX = 4;

function labelMatches(label: string, wanted: string[]): boolean {
  const have = words(label);
  return wanted.every((w) => have.some((h) => h === w || (w.length >= MIN_PREFIX && h.startsWith(w))));
}

function resolvePart(part: string, themes: ChoosableTheme[], byId: Map<string, ChoosableTheme>) {
  const tokens = part.split(/\s+/).filter(Boolean);
  const ids = tokens.map((t) => byId.get(t.toLowerCase()));
  if (ids.every((t) => t !== undefined)) return ids as ChoosableTheme[];
  const wanted = words(part);
  return wanted.length === 0 ? [] : themes.filter((t) => labelMatches(t.label, wanted));
}

export function chooseSubscription(args: string, themes: ChoosableTheme[]): SubscribeChoice {
  const text = args.trim();
  if (text === "") return { kind: "everything" };
  const quoted = /^["“”'‘’](.*)["“”'‘’]$/s.exec(text);
  if (quoted) return { kind: "query", query: quoted[1]!.trim() };
  const byId = new Map(themes.map((t) => [t.id.toLowerCase(), t]));
  const parts = text
    .split(/[,;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const chosen = new Map<string, ChoosableTheme>();
  for (const part of parts) {
    const found = resolvePart(part, themes, byId);
    if (found.length === 0) return { kind: "query", query: text };
    for (const t of found) chosen.set(t.id, t);
  }
  return chosen.size > 0 ? { kind: "themes", themes: [...chosen.values()] } : { kind: "query", query: text };
}
