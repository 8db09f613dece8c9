import { Hono } from "hono";
import { z } from "zod";
import { loadStoredThemes, retireOperatorTheme, saveOperatorTheme } from "../../db/queries/themes";
import { isoWeekOf, loadPreview } from "../../digest";
import type { AppEnv } from "../../env";
import { ApiError, describeIssues } from "../../errors";
import { themeListView } from "../../lookup/theme-list";
import { requireAdmin } from "../middleware";

/** Operator theme ids: a slug, never one the engine uses (`t<n>`) and never `other`. */
const OperatorThemeId = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,39}$/,
    "a lowercase slug of letters, digits and hyphens, at most 40 characters",
  )
  .refine(
    (id) => !/^t\d+$/.test(id) && id !== "other",
    "`t<number>` and `other` are reserved for found themes",
  );

const OperatorThemeBody = z
  .object({
    name: z.string().trim().min(1).max(80),
    keywords: z.array(z.string().trim().min(1).max(80)).max(30).default([]),
    description: z.string().trim().max(1000).optional(),
  })
  .refine((b) => b.keywords.length > 0 || (b.description ?? "").length > 0, {
    message: "give keywords, a description, or both: they decide which papers the theme takes",
  });

function parseId(raw: string): string {
  const id = OperatorThemeId.safeParse(raw);
  if (!id.success) throw new ApiError(400, "invalid_theme_id", `Theme id: ${id.error.issues[0]!.message}.`);
  return id.data;
}

export const themeRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const now = Date.now();
    const [stored, preview] = await Promise.all([loadStoredThemes(c.var.db), loadPreview(c.var.db, now)]);
    return c.json(themeListView(stored.rows, preview));
  })
  // Operator themes take precedence over found ones from the next digest built (the preview at once).
  .put("/:id", requireAdmin, async (c) => {
    const id = parseId(c.req.param("id"));
    const body = OperatorThemeBody.safeParse(await c.req.json().catch(() => null));
    if (!body.success) {
      const problems = describeIssues(body.error.issues);
      throw new ApiError(400, "invalid_theme", `The theme is not valid: ${problems}.`);
    }
    const saved = await saveOperatorTheme(
      c.var.db,
      { id, ...body.data, description: body.data.description ?? null },
      isoWeekOf(Date.now()),
    );
    if (saved === "taken-by-found-theme") {
      throw new ApiError(409, "theme_id_taken", `"${id}" is a theme the bot found; choose another id.`);
    }
    return c.json({
      id: saved.id,
      name: saved.label,
      keywords: saved.keywords,
      description: saved.description,
    });
  })
  .delete("/:id", requireAdmin, async (c) => {
    const id = parseId(c.req.param("id"));
    if (!(await retireOperatorTheme(c.var.db, id, Date.now()))) {
      throw new ApiError(404, "theme_not_found", `No active operator theme has the id "${id}".`);
    }
    return c.body(null, 204);
  });
