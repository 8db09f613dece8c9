/** A paper's one-glance summary for a digest: its first sentence or two, cut at a word. */
const SENTENCE_END = /(?<=[.!?])\s+(?=[A-Z0-9([])/;

export function summarise(text: string, maxChars = 300): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= maxChars) return clean;
  let out = "";
  for (const sentence of clean.split(SENTENCE_END)) {
    const next = out ? `${out} ${sentence}` : sentence;
    if (next.length > maxChars) break;
    out = next;
  }
  if (out) return out;
  // The first sentence alone is too long: cut at the last word boundary that fits.
  const cut = clean.slice(0, maxChars - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > maxChars / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, "")}…`;
}
