/**
 * Author names as a subscriber types them and as papers and BibTeX exports carry them, reduced to
 * one comparable key: the family name, folded, and the first initial — `lovelace|a`.
 *
 * These all give `lovelace|a`: "Ada Lovelace", "A. Lovelace", "A Lovelace", "Lovelace, A.",
 * "Lovelace, Ada", "Lovelace A.", "ADA LOVELACE", "Ada King Lovelace" (middle names are ignored),
 * "Lovelace, Jr., Ada" and "Ada Lovelace III" (suffixes are dropped).
 *
 * Folding: LaTeX accents become letters (`M\"uller`, `M{\"u}ller`), then accents are removed
 * (José = Jose, Müller = Muller, Łukasz = Lukasz, ß = ss, ø = o), case is ignored, and hyphens,
 * apostrophes and dots vanish inside the family name (O'Brien = OBrien). Given names give their
 * first letter only, so "Jean-Pierre", "J.-P." and "J. P." are all `j`.
 *
 * The family name is the last word of the family part: after a comma, the words before it
 * ("van Beethoven, Ludwig"); without a comma, the last word ("Ludwig van Beethoven"). Particles
 * (van, von, de, di, da, del, der, le, la, …) therefore never decide the key, and a name made of a
 * particle alone still works ("Quoc V. Le" is `le|q`). Without a comma, words before the family
 * name that are lower-case particles are not taken as the given name ("van Beethoven" has no
 * initial).
 *
 * Trade-offs, accepted because the key only feeds a "followed author" signal, never an identity:
 * - Two different people who share a family name and first initial collide ("Alan Turing" and
 *   "Anne Turing" are both `turing|a`). Telling them apart needs an author id (ORCID), which
 *   neither the feed nor a BibTeX export carries reliably.
 * - Only the last word of a compound family name counts: "García Márquez, Gabriel" and
 *   "Gabriel García Márquez" agree (`marquez|g`), but "G. García" (first surname only) does not.
 *   "Lennard-Jones" is `lennardjones`, not `jones`.
 * - Without a comma, words after the first that are all initials ("Lovelace A.", "Lovelace A B",
 *   "Lovelace A") make the name family-first; so "Malcolm X" is `malcolm|x`. Run-together
 *   initials without dots ("Lovelace AK", the PubMed style) are read as given-first (`ak|l`).
 * - A single-word name ("Madonna", "van Beethoven") has an empty initial (`madonna|`) and matches
 *   only names that also have none.
 */
import { latexToPlain } from "../ingest/text/latex/index";

/** Lower-case particles that start a family name; never read as a given name. */
const PARTICLES = new Set([
  "van",
  "von",
  "vom",
  "de",
  "der",
  "den",
  "des",
  "di",
  "da",
  "das",
  "dos",
  "do",
  "du",
  "del",
  "della",
  "dello",
  "le",
  "la",
  "lo",
  "ten",
  "ter",
  "zu",
  "zur",
  "y",
  "af",
  "av",
  "bin",
  "ibn",
  "al",
  "el",
  "st",
]);

/** Generational suffixes, compared after folding and without dots. */
const SUFFIXES = new Set(["jr", "jnr", "sr", "snr", "ii", "iii", "iv"]);

/** Placeholder authors in BibTeX (`and others`) and reference lists. */
const NOT_A_PERSON = new Set(["others", "et al", "etal", "et al.", "anonymous", "anon"]);

/** Letters that Unicode decomposition does not split into base letter + accent. */
const SPECIAL_LETTERS: Record<string, string> = {
  ß: "ss",
  ẞ: "ss",
  ø: "o",
  Ø: "o",
  æ: "ae",
  Æ: "ae",
  œ: "oe",
  Œ: "oe",
  ł: "l",
  Ł: "l",
  đ: "d",
  Đ: "d",
  ð: "d",
  Ð: "d",
  þ: "th",
  Þ: "th",
  ı: "i",
};
const SPECIAL_RE = /[ßẞøØæÆœŒłŁđĐðÐþÞı]/g;

/** LaTeX to text, braces and `~` removed, whitespace collapsed. */
function plain(name: string): string {
  const text = /[\\{}~$]/.test(name) ? latexToPlain(name) : name;
  return text.replace(/[{}]/g, "").replace(/\s+/g, " ").trim();
}

/** Accents, case and the special letters folded away. */
function fold(text: string): string {
  return text
    .replace(SPECIAL_RE, (c) => SPECIAL_LETTERS[c] ?? c)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase();
}

/** Only letters and digits: dots, hyphens and apostrophes vanish. */
function lettersOnly(word: string): string {
  return word.replace(/[^\p{L}\p{N}]/gu, "");
}

function isSuffix(word: string): boolean {
  return SUFFIXES.has(lettersOnly(fold(word)));
}

function isParticle(word: string): boolean {
  // Only lower-case particles: "Di Caprio" keeps "Di" as a name word, "di Caprio" does not.
  return word === word.toLowerCase() && PARTICLES.has(fold(word));
}

/** Initials as a word: "A.", "A.B.", "J.-P.", or one capital letter ("A"). */
function isInitials(word: string): boolean {
  return /^(?:\p{Lu}\.-?)+$/u.test(word) || /^\p{Lu}$/u.test(word);
}

interface NameParts {
  /** Given-name words, in order (may be empty). */
  given: string[];
  /** Family-name words, in order, particles included. */
  family: string[];
  suffix: string[];
}

/** Splits a name into given, family and suffix words (BibTeX's three comma forms, plus natural order). */
function splitName(raw: string): NameParts | null {
  const name = plain(raw);
  if (!name) return null;
  const parts = name
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  const words = (s: string) => s.split(" ").filter((w) => w.length > 0);

  if (parts.length >= 3) {
    // "von Last, Jr, First"
    return { family: words(parts[0]!), suffix: words(parts[1]!), given: words(parts.slice(2).join(" ")) };
  }
  if (parts.length === 2) {
    const second = words(parts[1]!);
    // "Ada Lovelace, Jr." is natural order with a suffix after the comma.
    if (second.length > 0 && second.every(isSuffix)) return natural(words(parts[0]!), second);
    return { family: words(parts[0]!), suffix: [], given: second };
  }
  return natural(words(parts[0] ?? ""), []);
}

/** "Ada King Lovelace III", "Ludwig van Beethoven", "Lovelace A.". */
function natural(all: string[], suffix: string[]): NameParts {
  const tokens = [...all];
  const trailing = [...suffix];
  // Suffixes at the end, keeping at least two words ("Ada Lovelace III", not "III" alone).
  while (tokens.length > 2 && isSuffix(tokens[tokens.length - 1]!)) trailing.unshift(tokens.pop()!);
  if (tokens.length <= 1) return { given: [], family: tokens, suffix: trailing };

  // "Lovelace A." / "Lovelace A. B." / "Lovelace A": family first, initials after it.
  const first = tokens[0]!;
  if (!isInitials(first) && !isParticle(first) && tokens.slice(1).every(isInitials)) {
    return { given: tokens.slice(1), family: [first], suffix: trailing };
  }

  const family = [tokens[tokens.length - 1]!];
  let i = tokens.length - 2;
  while (i >= 0 && isParticle(tokens[i]!)) family.unshift(tokens[i--]!);
  return { given: tokens.slice(0, i + 1), family, suffix: trailing };
}

/**
 * The comparison key for one author name: `family|initial`, e.g. `lovelace|a`; the initial is
 * empty for a single-word name (`madonna|`). Null when the name has no letters or digits, or is a
 * placeholder (`others`, `et al.`).
 */
export function authorKey(name: string): string | null {
  if (NOT_A_PERSON.has(fold(plain(name)))) return null;
  const parts = splitName(name);
  if (!parts) return null;

  // The last family word that is not a bare particle; a particle alone is kept ("Quoc Le").
  const familyWords = parts.family.map((w) => lettersOnly(fold(w))).filter((w) => w.length > 0);
  const meaningful = familyWords.filter((w) => !PARTICLES.has(w));
  const family = meaningful[meaningful.length - 1] ?? familyWords[familyWords.length - 1];
  if (!family) return null;

  let initial = "";
  for (const word of parts.given) {
    if (isParticle(word)) continue;
    const letters = lettersOnly(fold(word));
    if (letters) {
      initial = [...letters][0]!;
      break;
    }
  }
  return `${family}|${initial}`;
}

/** True when both names have a key and the keys agree (see the trade-offs above). */
export function sameAuthor(a: string, b: string): boolean {
  const ka = authorKey(a);
  return ka !== null && ka === authorKey(b);
}

/**
 * A name for display: LaTeX turned to text, braces gone, spaces collapsed, and BibTeX's
 * "Family, Given" turned into "Given Family" ("Lovelace, Jr., Ada" → "Ada Lovelace Jr.").
 * Returns the cleaned text unchanged when it has no comma.
 */
export function displayAuthor(name: string): string {
  const text = plain(name);
  if (!text.includes(",")) return text;
  const parts = splitName(text);
  if (!parts) return "";
  return [...parts.given, ...parts.family, ...parts.suffix].join(" ");
}
