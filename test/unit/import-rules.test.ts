import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { importViolations, parseImportRules, sqlOutsideDb } from "../../scripts/lib/import-rules";

const rules = parseImportRules(env.ARCHITECTURE_DOC);
const edge = (from: string, to: string) => ({ from, to, where: `src/${from}/x.ts imports ../${to}/y` });

describe("docs/architecture.md's import rules", () => {
  it("list every part of src/", () => {
    expect([...rules.keys()].sort()).toEqual(
      [
        "app",
        "block-kit",
        "db",
        "deliver",
        "digest",
        "env",
        "harvest",
        "identify",
        "index",
        "ingest",
        "interests",
        "jobs",
        "lookup",
        "pages",
        "rank",
        "routes",
        "security",
        "slack-interactions",
        "slash-command",
        "subscribe",
        "themes",
      ].sort(),
    );
  });

  it("refuse an import of jobs/ from ingest/, and any upward import", () => {
    expect(importViolations([edge("ingest", "jobs")], rules)).toEqual([
      "src/ingest/x.ts imports ../jobs/y: ingest may not import jobs (docs/architecture.md)",
    ]);
    for (const [from, to] of [
      ["identify", "db"],
      ["db", "digest"],
      ["routes", "jobs"],
      ["pages", "subscribe"],
      ["deliver", "subscribe"],
      ["themes", "identify"],
    ] as const) {
      expect(importViolations([edge(from, to)], rules)).toHaveLength(1);
    }
  });

  it("allow the pipeline's own direction, and the kernel from anywhere", () => {
    const allowed = [
      edge("identify", "ingest"),
      edge("db", "identify"),
      edge("digest", "db"),
      edge("routes", "ingest"),
    ];
    expect(importViolations([...allowed, edge("ingest", "errors"), edge("themes", "log")], rules)).toEqual(
      [],
    );
  });

  it("refuse a part the table does not know, and the kernel importing ours", () => {
    expect(importViolations([edge("newstage", "db")], rules)[0]).toMatch(
      /not in docs\/architecture.md's table/,
    );
    expect(importViolations([edge("errors", "db")], rules)).toHaveLength(1);
  });

  it("have no cycle: each part imports only parts listed above it", () => {
    const order = [...rules.keys()];
    for (const [part, allowed] of rules) {
      for (const to of allowed)
        expect(order.indexOf(to), `${part} → ${to}`).toBeLessThan(order.indexOf(part));
    }
  });

  it("keep SQL in db/", () => {
    const update = 'await d1.prepare("UPDATE digests SET x = 1").run();';
    expect(sqlOutsideDb("deliver", "src/deliver/fan-out.ts", update)).toHaveLength(1);
    expect(sqlOutsideDb("digest", "src/digest/x.ts", 'import { eq } from "drizzle-orm";')).toHaveLength(1);
    expect(sqlOutsideDb("db", "src/db/queries/deliveries.ts", update)).toEqual([]);
    expect(sqlOutsideDb("deliver", "src/deliver/x.ts", "await db.$client.batch(statements);")).toEqual([]);
  });
});
