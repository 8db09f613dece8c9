/** Stored themes: the engine's found themes (with centroids) and the operator's named themes. */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { OperatorTheme, Theme } from "../../themes";
import type { Database } from "../client";
import { themes } from "../schema";

export type ThemeRow = typeof themes.$inferSelect;

export interface StoredThemes {
  found: Theme[];
  /** Active (not retired) operator themes. */
  operator: OperatorTheme[];
  /** Every row, retired ones included, for labels of old digests and /api/themes. */
  rows: ThemeRow[];
  /** One past the highest `t<n>` ever stored: found-theme ids are never reused. */
  nextThemeNumber: number;
}

export function toEngineTheme(row: ThemeRow): Theme {
  return {
    id: row.id,
    label: row.label,
    terms: row.terms,
    centroid: row.centroid,
    size: row.size,
    cohesion: row.cohesion,
    createdWeek: row.createdWeek,
    updatedWeek: row.updatedWeek,
  };
}

export async function loadStoredThemes(db: Database): Promise<StoredThemes> {
  const rows = await db.select().from(themes).orderBy(asc(themes.createdWeek), asc(themes.id));
  const found = rows.filter((r) => r.kind === "found");
  const highest = Math.max(0, ...found.map((r) => Number(/^t(\d+)$/.exec(r.id)?.[1] ?? 0)));
  return {
    found: found.map(toEngineTheme),
    operator: rows
      .filter((r) => r.kind === "operator" && r.retiredAt === null)
      .map((r) => ({
        id: r.id,
        name: r.label,
        keywords: r.keywords,
        ...(r.description ? { description: r.description } : {}),
      })),
    rows,
    nextThemeNumber: highest + 1,
  };
}

export function loadThemeLabels(db: Database) {
  return db.select({ id: themes.id, label: themes.label }).from(themes);
}

/** Statements that store the found themes a published week created or updated. */
export function upsertFoundThemes(d1: D1Database, changed: Theme[]): D1PreparedStatement[] {
  return changed.map((t) =>
    d1
      .prepare(
        `INSERT INTO themes (id, kind, label, terms, centroid, cohesion, size, created_week, updated_week)
         VALUES (?1, 'found', ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT(id) DO UPDATE SET centroid = excluded.centroid, size = excluded.size,
           updated_week = excluded.updated_week`,
      )
      .bind(
        t.id,
        t.label,
        JSON.stringify(t.terms),
        JSON.stringify(t.centroid),
        t.cohesion,
        t.size,
        t.createdWeek,
        t.updatedWeek,
      ),
  );
}

export interface OperatorThemeInput {
  id: string;
  name: string;
  keywords: string[];
  description: string | null;
}

/** Creates or edits an operator theme (and un-retires it). Returns the stored row. */
export async function saveOperatorTheme(
  db: Database,
  input: OperatorThemeInput,
  week: string,
): Promise<ThemeRow | "taken-by-found-theme"> {
  const [existing] = await db.select().from(themes).where(eq(themes.id, input.id)).limit(1);
  if (existing && existing.kind !== "operator") return "taken-by-found-theme";
  const [row] = await db
    .insert(themes)
    .values({
      id: input.id,
      kind: "operator",
      label: input.name,
      terms: input.keywords,
      centroid: {},
      cohesion: 0,
      keywords: input.keywords,
      description: input.description,
      size: 0,
      createdWeek: week,
      updatedWeek: week,
    })
    .onConflictDoUpdate({
      target: themes.id,
      set: {
        label: input.name,
        terms: input.keywords,
        keywords: input.keywords,
        description: input.description,
        retiredAt: null,
      },
      setWhere: sql`${themes.kind} = 'operator'`,
    })
    .returning();
  return row!;
}

/** Retires an operator theme: it stops taking papers; its id stays taken and old digests keep its name. */
export async function retireOperatorTheme(db: Database, id: string, now: number): Promise<boolean> {
  const rows = await db
    .update(themes)
    .set({ retiredAt: now })
    .where(and(eq(themes.id, id), eq(themes.kind, "operator"), isNull(themes.retiredAt)))
    .returning({ id: themes.id });
  return rows.length > 0;
}

/** Adds a published week's paper counts to operator themes' sizes. */
export function addOperatorThemeSizes(
  d1: D1Database,
  sizes: Map<string, number>,
  week: string,
): D1PreparedStatement[] {
  return [...sizes].map(([id, n]) =>
    d1
      .prepare("UPDATE themes SET size = size + ?2, updated_week = ?3 WHERE id = ?1 AND kind = 'operator'")
      .bind(id, n, week),
  );
}
