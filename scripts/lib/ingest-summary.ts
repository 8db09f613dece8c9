/** The end-of-run report of `npm run ingest`: verdicts per file, a total, then what went wrong. */
import { VERDICTS } from "../../src/identify/types";
import { addVerdictCounts, countedRecords, type VerdictCounts } from "../../src/identify/verdict-counts";
import type { FileResult } from "./ingest-file";
import { renderTable } from "./text-table";

const MAX_RECORD_ERRORS_SHOWN = 20;

export function renderSummary(results: readonly FileResult[], skippedFiles: number): string {
  let total: VerdictCounts = {};
  const rows = results.map((r) => {
    total = addVerdictCounts(total, r.counts);
    const status = r.failure ? "FAILED" : r.note ? "skipped" : "ok";
    return [
      r.file.displayPath,
      r.format ?? "-",
      ...VERDICTS.map((v) => r.counts[v] ?? 0),
      countedRecords(r.counts),
      status,
    ];
  });
  const failedCount = results.filter((r) => r.failure).length;
  rows.push([
    `TOTAL (${results.length} file${results.length === 1 ? "" : "s"})`,
    "",
    ...VERDICTS.map((v) => total[v] ?? 0),
    countedRecords(total),
    failedCount > 0 ? `${failedCount} failed` : "ok",
  ]);
  const out = [
    renderTable(["file", "format", ...VERDICTS, "records", "status"], rows, {
      ruleBeforeRow: rows.length - 1,
    }),
  ];

  if (skippedFiles > 0)
    out.push(`\n${skippedFiles} file(s) not attempted: the run stopped at the first fatal failure.`);
  const notes = results.filter((r) => r.note);
  if (notes.length > 0) out.push("", ...notes.map((r) => `note: ${r.file.displayPath}: ${r.note}`));

  const failures = results.filter((r) => r.failure);
  if (failures.length > 0)
    out.push("\nFailures:", ...failures.map((r) => `  ${r.file.displayPath}: ${r.failure}`));

  const recordErrors = results.flatMap((r) =>
    r.errors.map((e) => `  ${r.file.displayPath} #${e.index}: ${e.message}`),
  );
  if (recordErrors.length > 0) {
    const shown = recordErrors.slice(0, MAX_RECORD_ERRORS_SHOWN);
    const heading =
      recordErrors.length > shown.length
        ? `\nRecord errors (first ${shown.length} of ${recordErrors.length}):`
        : `\nRecord errors (${recordErrors.length}):`;
    out.push(heading, ...shown);
  }
  return out.join("\n");
}
