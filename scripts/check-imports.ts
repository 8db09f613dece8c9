/**
 * `npm run lint` (after Biome): every relative import in src/ must follow docs/architecture.md's
 * table, and SQL is written only in src/db/. Prints each problem, and exits 1.
 */
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type ImportEdge, importViolations, parseImportRules, sqlOutsideDb } from "./lib/import-rules";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SRC = path.join(ROOT, "src");
const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[^'"`;]*?\sfrom\s+)?["'](\.{1,2}\/[^"']+)["']/g;

/** The top-level part of src/ a path is in: `ingest` for src/ingest/…, `env` for src/env.ts. */
function partOf(file: string): string {
  return (path.relative(SRC, file).split(path.sep)[0] ?? "").replace(/\.(ts|tsx)$/, "");
}

async function main(): Promise<number> {
  const rules = parseImportRules(await readFile(path.join(ROOT, "docs/architecture.md"), "utf8"));
  const entries = await readdir(SRC, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts"))
    .map((e) => path.join(e.parentPath, e.name));
  const edges: ImportEdge[] = [];
  const sqlProblems: string[] = [];
  for (const file of files) {
    const text = await readFile(file, "utf8");
    sqlProblems.push(...sqlOutsideDb(partOf(file), path.relative(ROOT, file), text));
    for (const match of text.matchAll(IMPORT)) {
      const spec = match[1] ?? "";
      const target = path.resolve(path.dirname(file), spec);
      if (!target.startsWith(SRC)) continue;
      edges.push({
        from: partOf(file),
        to: partOf(target),
        where: `${path.relative(ROOT, file)} imports ${spec}`,
      });
    }
  }
  const problems = [...importViolations(edges, rules), ...sqlProblems];
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) console.error(`\n${problems.length} problem(s) against docs/architecture.md`);
  return problems.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
