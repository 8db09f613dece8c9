/**
 * Links to code and artifacts (GitHub, GitLab, Hugging Face, Zenodo, project pages …) found in abstracts.
 *
 * Written by hand rather than with linkify-it or get-urls: those find every link but know nothing of
 * LaTeX (`\href{…}{…}`, `\_` in URLs) or of arXiv's hard wraps, which split URLs after `/` or `-`
 * (`https://github.com/\nowner/repo`); the host filter and the wrap repair are most of the work here.
 */

/** Returns the code/artifact URLs in `text`, normalised to https, de-duplicated, in order of appearance. */
export function extractCodeLinks(text: string): string[] {
  const prepared = unwrapLatexLinks(text);
  const links: string[] = [];
  const seen = new Set<string>();
  CANDIDATE.lastIndex = 0;
  for (let match = CANDIDATE.exec(prepared); match !== null; match = CANDIDATE.exec(prepared)) {
    const joined = joinWrappedContinuation(prepared, match[0], match.index + match[0].length);
    CANDIDATE.lastIndex = joined.end;
    const link = normaliseCodeLink(trimTrailingPunctuation(joined.url));
    if (link !== null && !seen.has(link)) {
      seen.add(link);
      links.push(link);
    }
  }
  return links;
}

// ---------------------------------------------------------------------------------------------------------
// Finding candidates

/** Hosts whose links are written without a scheme often enough to look for (`github.com/owner/repo`). */
const BARE_HOSTS =
  "github\\.com|github\\.io|gitlab\\.com|bitbucket\\.org|codeberg\\.org|huggingface\\.co|hf\\.co|" +
  "sourceforge\\.net|kaggle\\.com|paperswithcode\\.com|zenodo\\.org|colab\\.research\\.google\\.com";

/** ASCII URL characters; quotes, braces, `$`, `\`, `[]`, `<>` and anything non-ASCII end a URL. */
const URL_CHARS = "[!#%&()*+,\\-./0-9:;=?@A-Z_a-z~]";

/** Authors and wraps mangle the scheme: `https:\n//github.com`, `https:github.com`. */
const SCHEME_GAP = "[ \\t]*\\n?[ \\t]*";
const SCHEME = /^https?:\s*(?:\/\/)?/i;

/**
 * A URL with a scheme, or a bare `host/path` on a known host (not preceded by a word, `@`, `.` or `/`,
 * so e-mail addresses and the middle of longer URLs do not match).
 */
const CANDIDATE = new RegExp(
  `(?:\\bhttps?:(?:${SCHEME_GAP}//|(?=[a-z0-9]))|(?<![\\w@./:-])(?=(?:www\\.)?(?:[a-z0-9-]+\\.)*(?:${BARE_HOSTS})/))${URL_CHARS}+`,
  "gi",
);

/** Whitespace of one line wrap at most (a blank line is a paragraph break, never a wrapped URL). */
const WRAP_GAP = /[ \t]*\n?[ \t]*/y;
const CONTINUATION = new RegExp(`${URL_CHARS}+`, "y");
const STARTS_ALPHANUMERIC = /^[A-Za-z0-9]/;
const TOP_LEVEL_DOMAIN = /^(?:com|org|io|net|co|edu|ai)(?=[/.]|$)/i;

/** Hosts whose repository URLs need `owner/name`: a link that stops short of that was cut by a wrap. */
const OWNER_REPO_HOSTS = new Set([
  "github.com",
  "gitlab.com",
  "bitbucket.org",
  "codeberg.org",
  "huggingface.co",
]);

/**
 * Joins a URL that a line wrap (or a stray space) split right after `/`, `-` or the dot of a host, when the
 * split is unambiguous: a URL never ends in `-`, a host never ends in `.`, and after `/` we join only a
 * path-like piece (one containing `/`) or when the URL is visibly incomplete (`github.com/owner/`).
 */
function joinWrappedContinuation(text: string, url: string, end: number): { url: string; end: number } {
  let joined = url;
  let position = end;
  for (let guard = 0; guard < 8; guard++) {
    WRAP_GAP.lastIndex = position;
    WRAP_GAP.test(text);
    const gapEnd = WRAP_GAP.lastIndex;
    if (gapEnd === position) break; // no whitespace: the candidate regex already took everything
    CONTINUATION.lastIndex = gapEnd;
    const next = CONTINUATION.exec(text);
    if (!next || !shouldJoin(joined, next[0])) break;
    joined += next[0];
    position = gapEnd + next[0].length;
  }
  return { url: joined, end: position };
}

function shouldJoin(url: string, continuation: string): boolean {
  if (!STARTS_ALPHANUMERIC.test(continuation)) return false;
  const last = url[url.length - 1];
  if (last === "-") return true;
  if (last === ".") return hostIsCutAtDot(url) && TOP_LEVEL_DOMAIN.test(continuation);
  if (last !== "/") return false;
  if (continuation.includes("/")) return true;
  const parts = splitUrl(url);
  if (parts === null) return false;
  const segments = parts.path.split("/").filter((segment) => segment !== "");
  return parts.host === "" || (OWNER_REPO_HOSTS.has(stripWww(parts.host)) && segments.length < 2);
}

/** `https://github.` — the host so far ends in a dot and the URL has no path yet. */
function hostIsCutAtDot(url: string): boolean {
  const afterScheme = url.replace(SCHEME, "");
  return !afterScheme.includes("/") && /^[a-z0-9-]+\.$/i.test(afterScheme);
}

// ---------------------------------------------------------------------------------------------------------
// Cleaning and normalising

/** LaTeX around links: `\href{URL}{label}`, `\url{URL}`, and `\_`-style escapes inside URLs. */
function unwrapLatexLinks(text: string): string {
  if (!text.includes("\\")) return text;
  return text
    .replace(LATEX_TILDE, "~")
    .replace(LATEX_ESCAPE, "$1")
    .replace(LATEX_LINK, (_all, url: string) => ` ${url.replace(/\s+/g, "")} `);
}

const LATEX_TILDE = /\\(?:textasciitilde|~)(?:\{\})?/g;
const LATEX_ESCAPE = /\\([_%#&])/g;
const LATEX_LINK = /\\(?:href|url)\s*\{([^{}]*)\}/g;

const TRAILING_PUNCTUATION = /[.,;:!?'"*]+$/;
const CLOSERS: Readonly<Record<string, string>> = { ")": "(", "]": "[", "}": "{", ">": "<" };

/** Drops sentence punctuation and closing brackets that belong to the prose around the URL. */
function trimTrailingPunctuation(url: string): string {
  let trimmed = url;
  for (;;) {
    const withoutPunctuation = trimmed.replace(TRAILING_PUNCTUATION, "");
    const last = withoutPunctuation[withoutPunctuation.length - 1] ?? "";
    const opener = CLOSERS[last];
    // A closing bracket stays only when the URL itself opened it (Wikipedia-style `Foo_(bar)`).
    if (opener !== undefined && count(withoutPunctuation, opener) < count(withoutPunctuation, last)) {
      trimmed = withoutPunctuation.slice(0, -1);
      continue;
    }
    return withoutPunctuation;
  }
}

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

const URL_PARTS = /^([^/?#]*)([^?#]*)(.*)$/;
const VALID_HOST = /^[a-z0-9.-]+$/;

function splitUrl(url: string): { host: string; path: string; rest: string } | null {
  const parts = URL_PARTS.exec(url.replace(SCHEME, ""));
  if (!parts) return null;
  return { host: parts[1]!.toLowerCase(), path: parts[2]!, rest: parts[3]! };
}

function stripWww(host: string): string {
  return host.startsWith("www.") ? host.slice(4) : host;
}

/** https, lower-case host without `www.`, no trailing slash or `.git`; null when not a code/artifact host. */
function normaliseCodeLink(url: string): string | null {
  const parts = splitUrl(url);
  if (parts === null) return null;
  const host = stripWww(parts.host);
  if (!VALID_HOST.test(host) || host.startsWith(".") || host.endsWith(".")) return null;
  let path = parts.path.replace(/\/+$/, "");
  if (REPOSITORY_HOST.test(host)) path = path.replace(/\.git$/i, "");
  if (!isCodeHost(host, path)) return null;
  return `https://${host}${path}${parts.rest}`;
}

const REPOSITORY_HOST = /^(?:github\.com|gitlab\.[a-z.]+|bitbucket\.org|codeberg\.org)$/;

/** Path prefixes that make a general site a code/artifact link. */
const KAGGLE_ARTIFACT_PATH = /^\/(?:code|datasets|models)\//i;
const ZENODO_DOI_PATH = /^\/10\.5281\/zenodo\./i;

function isCodeHost(host: string, path: string): boolean {
  const hasPath = path.length > 1;
  if (host === "github.com" || host === "gist.github.com") return hasPath;
  if (host.endsWith(".github.io")) return true; // project pages, root included
  if (host === "raw.githubusercontent.com") return hasPath;
  if (host === "gitlab.com" || host.startsWith("gitlab.")) return hasPath; // self-hosted GitLab too
  if (host === "bitbucket.org" || host === "codeberg.org") return hasPath;
  if (host === "huggingface.co" || host === "hf.co") return hasPath;
  if (host === "sourceforge.net" || host.endsWith(".sourceforge.net") || host.endsWith(".sourceforge.io")) {
    return hasPath || host !== "sourceforge.net";
  }
  if (host === "paperswithcode.com") return hasPath;
  if (host === "zenodo.org" || host.endsWith(".zenodo.org")) return hasPath;
  if (host === "doi.org" || host === "dx.doi.org") return ZENODO_DOI_PATH.test(path);
  if (host === "colab.research.google.com") return hasPath;
  if (host === "kaggle.com") return KAGGLE_ARTIFACT_PATH.test(`${path}/`);
  return false;
}
