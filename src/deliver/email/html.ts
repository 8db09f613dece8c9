/**
 * HTML for mail clients: inline styles only (many clients drop <style>), no tables, one fluid
 * column up to 640px, 16px text, colours from the web pages (all at least 4.5:1 on white).
 * Every piece of text goes through `esc`; links are only ever http(s).
 */
import { isWebUrl } from "../../pages/paper-item";

export const COLOR = {
  text: "#1a1a1a",
  muted: "#4a4a4a",
  link: "#0b57d0",
  rule: "#d0d0d0",
  badge: "#137333",
};

export const STYLE = {
  body: "margin:0;padding:0;background:#ffffff;",
  column: `max-width:640px;margin:0 auto;padding:16px;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;font-size:16px;line-height:1.5;color:${COLOR.text};overflow-wrap:anywhere;word-wrap:break-word;`,
  h1: "font-size:24px;line-height:1.25;margin:8px 0 4px;",
  h2: `font-size:20px;line-height:1.25;margin:28px 0 6px;padding-top:10px;border-top:1px solid ${COLOR.rule};`,
  h3: "font-size:17px;line-height:1.25;margin:16px 0 6px;",
  p: "margin:0 0 12px;",
  muted: `color:${COLOR.muted};font-size:14px;margin:0 0 10px;`,
  meta: `color:${COLOR.muted};font-size:14px;`,
  link: `color:${COLOR.link};text-decoration:underline;`,
  paper: "margin:0 0 20px;",
  paperTitle: "font-weight:600;",
  summary: "margin:4px 0 0;",
  links: "font-size:14px;margin:4px 0 0;",
  badge: `display:inline-block;font-size:12px;font-weight:700;letter-spacing:.02em;text-transform:uppercase;color:#ffffff;background:${COLOR.badge};border-radius:4px;padding:1px 6px;vertical-align:middle;`,
  button: `display:inline-block;background:${COLOR.link};color:#ffffff;text-decoration:none;font-weight:600;padding:10px 18px;border-radius:6px;`,
  footer: `color:${COLOR.muted};font-size:14px;margin:32px 0 0;padding-top:12px;border-top:1px solid ${COLOR.rule};`,
  preheader: "display:none;max-height:0;overflow:hidden;mso-hide:all;",
};

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** `<a>` for an http(s) URL; any other URL (or none) leaves just the text. */
export function link(href: string | null | undefined, text: string, style = STYLE.link): string {
  if (!href || !isWebUrl(href)) return esc(text);
  return `<a href="${esc(href)}" style="${style}">${esc(text)}</a>`;
}

/** The whole document around a body: phone viewport, light colour scheme, a hidden preheader. */
export function htmlDocument(title: string, preheader: string, body: string): string {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    `<title>${esc(title)}</title>`,
    "</head>",
    `<body style="${STYLE.body}">`,
    `<div style="${STYLE.preheader}">${esc(preheader)}</div>`,
    `<div style="${STYLE.column}">`,
    body,
    "</div>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}
