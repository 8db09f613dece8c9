// ---------------------------------------------------------------------------------------------------------
// Sub- and superscripts

import { lookup } from "./lookup";

/** Superscripts that read better as ordinary characters than as `^x`. */
const PLAIN_SUPERSCRIPTS: Readonly<Record<string, string>> = {
  "∘": "°",
  "◦": "°",
  "′": "′",
  "″": "″",
  "*": "*",
  "∗": "*",
  "⋆": "*",
  "†": "†",
  "‡": "‡",
};

export function toSuperscript(content: string): string {
  const plain = lookup(PLAIN_SUPERSCRIPTS, content);
  if (plain !== undefined) return plain;
  return mapScript(content, SUPERSCRIPTS, "^");
}

export function toSubscript(content: string): string {
  return mapScript(content, SUBSCRIPTS, "_");
}

/** Unicode script characters when every character has one; else `_x` / `^(a,b)` which stays readable. */
function mapScript(content: string, table: Readonly<Record<string, string>>, marker: string): string {
  const trimmed = content.trim();
  if (trimmed === "") return "";
  let mapped = "";
  for (const ch of trimmed) {
    const script = lookup(table, ch);
    if (script === undefined) {
      const bare = [...trimmed].length === 1 || /^[\p{L}\p{N}]+$/u.test(trimmed);
      return bare ? `${marker}${trimmed}` : `${marker}(${trimmed})`;
    }
    mapped += script;
  }
  return mapped;
}

/** Unicode superscripts. */
const SUPERSCRIPTS: Readonly<Record<string, string>> = withIdentity({
  "0": "⁰",
  "1": "¹",
  "2": "²",
  "3": "³",
  "4": "⁴",
  "5": "⁵",
  "6": "⁶",
  "7": "⁷",
  "8": "⁸",
  "9": "⁹",
  "+": "⁺",
  "-": "⁻",
  "−": "⁻",
  "=": "⁼",
  "(": "⁽",
  ")": "⁾",
  a: "ᵃ",
  b: "ᵇ",
  c: "ᶜ",
  d: "ᵈ",
  e: "ᵉ",
  f: "ᶠ",
  g: "ᵍ",
  h: "ʰ",
  i: "ⁱ",
  j: "ʲ",
  k: "ᵏ",
  l: "ˡ",
  m: "ᵐ",
  n: "ⁿ",
  o: "ᵒ",
  p: "ᵖ",
  r: "ʳ",
  s: "ˢ",
  t: "ᵗ",
  u: "ᵘ",
  v: "ᵛ",
  w: "ʷ",
  x: "ˣ",
  y: "ʸ",
  z: "ᶻ",
  A: "ᴬ",
  B: "ᴮ",
  D: "ᴰ",
  E: "ᴱ",
  G: "ᴳ",
  H: "ᴴ",
  I: "ᴵ",
  J: "ᴶ",
  K: "ᴷ",
  L: "ᴸ",
  M: "ᴹ",
  N: "ᴺ",
  O: "ᴼ",
  P: "ᴾ",
  R: "ᴿ",
  T: "ᵀ",
  U: "ᵁ",
  V: "ⱽ",
  W: "ᵂ",
  α: "ᵅ",
  β: "ᵝ",
  γ: "ᵞ",
  δ: "ᵟ",
  ε: "ᵋ",
  θ: "ᶿ",
  φ: "ᵠ",
  χ: "ᵡ",
});

const SUBSCRIPTS: Readonly<Record<string, string>> = withIdentity({
  "0": "₀",
  "1": "₁",
  "2": "₂",
  "3": "₃",
  "4": "₄",
  "5": "₅",
  "6": "₆",
  "7": "₇",
  "8": "₈",
  "9": "₉",
  "+": "₊",
  "-": "₋",
  "−": "₋",
  "=": "₌",
  "(": "₍",
  ")": "₎",
  a: "ₐ",
  e: "ₑ",
  h: "ₕ",
  i: "ᵢ",
  j: "ⱼ",
  k: "ₖ",
  l: "ₗ",
  m: "ₘ",
  n: "ₙ",
  o: "ₒ",
  p: "ₚ",
  r: "ᵣ",
  s: "ₛ",
  t: "ₜ",
  u: "ᵤ",
  v: "ᵥ",
  x: "ₓ",
  β: "ᵦ",
  γ: "ᵧ",
  ρ: "ᵨ",
  φ: "ᵩ",
  χ: "ᵪ",
});

/** Script tables also pass commas through (`^{63,65}Cu` → ⁶³,⁶⁵Cu) and keep existing script characters. */
function withIdentity(table: Record<string, string>): Readonly<Record<string, string>> {
  const full: Record<string, string> = { ...table, ",": "," };
  for (const script of Object.values(table)) full[script] = script;
  return full;
}
