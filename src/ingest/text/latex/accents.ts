// ---------------------------------------------------------------------------------------------------------
// Accents

/** Text accents: `\'e`, `\"o`, `\c{c}`, `\v{s}` … as combining marks. */
export const COMBINING_ACCENTS: Readonly<Record<string, string>> = {
  "'": "\u0301",
  "`": "\u0300",
  "^": "\u0302",
  '"': "\u0308",
  "~": "\u0303",
  "=": "\u0304",
  ".": "\u0307",
  u: "\u0306",
  v: "\u030C",
  H: "\u030B",
  c: "\u0327",
  k: "\u0328",
  r: "\u030A",
  d: "\u0323",
  b: "\u0331",
  t: "\u0361",
};

/** Math accents put on a single base character as a combining mark. */
export const MATH_ACCENTS: Readonly<Record<string, string>> = {
  hat: "\u0302",
  widehat: "\u0302",
  bar: "\u0304",
  overline: "\u0305",
  tilde: "\u0303",
  widetilde: "\u0303",
  dot: "\u0307",
  ddot: "\u0308",
  vec: "\u20D7",
  check: "\u030C",
  breve: "\u0306",
  acute: "\u0301",
  grave: "\u0300",
  mathring: "\u030A",
};

/** Puts a combining accent on a single letter (`\'e` → é); longer arguments are returned unchanged. */
export function applyAccent(base: string, mark: string, spacing: string): string {
  if (base === "") return spacing; // `\~{}` prints the tilde itself
  const chars = [...base];
  if (chars.length !== 1) return base;
  const letter = base === "ı" ? "i" : base === "ȷ" ? "j" : base;
  return `${letter}${mark}`.normalize("NFC");
}
