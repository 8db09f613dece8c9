/**
 * The import rules of docs/architecture.md, as data: its table says which top-level part of src/
 * (a folder, or a file such as env.ts) may import which. Pure, so the rules are tested in workerd
 * and applied Node-side by scripts/check-imports.ts.
 */

/** Parts every other part may import (and which import nothing of ours). */
export const KERNEL = new Set(["errors", "log"]);

export type ImportRules = Map<string, Set<string>>;

/** The table rows `| \`routes/\` | … | \`db\`, \`digest\` |`: the first cell names the part, the last what it may import. */
export function parseImportRules(markdown: string): ImportRules {
  const rules: ImportRules = new Map();
  for (const line of markdown.split("\n")) {
    const cells = line.split("|").map((c) => c.trim());
    if (cells.length < 5 || !cells[1]?.startsWith("`")) continue;
    const part = cells[1]
      .replace(/`/g, "")
      .replace(/\/$/, "")
      .replace(/\.tsx?$/, "");
    const allowed = [...(cells[cells.length - 2] ?? "").matchAll(/`([\w-]+)\/?`/g)].map((m) => m[1] ?? "");
    rules.set(part, new Set(allowed));
  }
  return rules;
}

export interface ImportEdge {
  /** Top-level part of the importing file, e.g. `ingest` for src/ingest/detect.ts. */
  from: string;
  to: string;
  /** Where, for the message: `src/ingest/detect.ts imports ../jobs/queue`. */
  where: string;
}

/** Every edge the rules do not allow, as a sentence; empty when the tree keeps to them. */
export function importViolations(edges: readonly ImportEdge[], rules: ImportRules): string[] {
  const problems: string[] = [];
  for (const edge of edges) {
    if (edge.from === edge.to || KERNEL.has(edge.to)) continue;
    const allowed = rules.get(edge.from);
    if (allowed === undefined && !KERNEL.has(edge.from)) {
      problems.push(`${edge.where}: src/${edge.from} is not in docs/architecture.md's table; add it there`);
    } else if (KERNEL.has(edge.from) || !allowed?.has(edge.to)) {
      problems.push(`${edge.where}: ${edge.from} may not import ${edge.to} (docs/architecture.md)`);
    }
  }
  return problems;
}

/** SQL is db/'s alone: outside it, no prepared statement, no sql`…`, no drizzle-orm import. */
const SQL_OUTSIDE_DB = [/\.prepare\(/, /\bsql`/, /from\s+["']drizzle-orm/];

/** What in a file of `part` writes SQL, when the part is not db/ (empty when none). */
export function sqlOutsideDb(part: string, where: string, text: string): string[] {
  if (part === "db") return [];
  return SQL_OUTSIDE_DB.filter((pattern) => pattern.test(text)).map(
    (pattern) => `${where}: SQL outside src/db/ (${pattern.source}); put the query in src/db/queries/`,
  );
}
