/** A fragment id for a theme's section on the week's page ("theme-t3"), safe in a URL. */
export function themeAnchor(theme: { id: string }): string {
  return `theme-${theme.id.replace(/[^A-Za-z0-9_-]/g, "-")}`;
}
