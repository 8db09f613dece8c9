/** Plain-text table for terminal output: padded columns, numbers right-aligned. */

export type Cell = string | number;

export interface TableOptions {
  /** Index of a row (in `rows`) to separate with a rule, e.g. a total row. */
  ruleBeforeRow?: number;
}

export function renderTable(
  headers: readonly string[],
  rows: readonly Cell[][],
  options: TableOptions = {},
): string {
  const text = rows.map((row) => row.map(formatCell));
  const widths = headers.map((h, col) => Math.max(h.length, ...text.map((row) => row[col]?.length ?? 0)));
  // A column is numeric when it holds numbers and at most "-" placeholders.
  const numeric = headers.map(
    (_, col) =>
      rows.some((row) => typeof row[col] === "number") &&
      rows.every((row) => typeof row[col] === "number" || row[col] === "-"),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, col) => (numeric[col] ? cell.padStart(widths[col] ?? 0) : cell.padEnd(widths[col] ?? 0)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  const out = [line(headers), rule];
  text.forEach((row, i) => {
    if (i === options.ruleBeforeRow) out.push(rule);
    out.push(line(row));
  });
  return out.join("\n");
}

function formatCell(cell: Cell): string {
  if (typeof cell === "string") return cell;
  if (Number.isInteger(cell)) return cell.toLocaleString("en-US");
  // Small fractions keep two decimals so 0.55 MB does not read as 0.5.
  return Math.abs(cell) < 10 ? cell.toFixed(2) : cell.toFixed(1);
}
