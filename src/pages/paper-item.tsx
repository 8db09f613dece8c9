/**
 * One paper in a digest: the title linked to its arXiv abstract page, the PDF and code links,
 * authors, primary category, and its TL;DR: one sentence of the abstract, shorter than the summary
 * (which stays in the JSON) and saying what the paper does; digests frozen before the TL;DR carry
 * the summary in its place (digest/frozen-digest.ts). A paper without an arXiv id has no links;
 * a title derived from the abstract reads like any other (most listing formats carry no title).
 */
import type { Child } from "hono/jsx";
import type { DigestPaper } from "../digest/types";
import { authorLine } from "./format";

type Part = Child | null | false | undefined;

/** The non-empty parts, separated by " · " (no stray separator when a part is missing). */
export function joinWithDots(parts: Part[]): Child[] {
  return parts.filter(Boolean).flatMap((part, i) => (i === 0 ? [part] : [" · ", part]));
}

/** A code link's visible text: the host and path, without the scheme ("github.com/org/repo"). */
export function codeLinkText(url: string): string {
  return url.replace(/^https?:\/\//i, "").replace(/\/+$/, "");
}

/** Only http(s) links become hrefs (code links come from abstracts; never a `javascript:` URL). */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

function PaperTitle({ paper }: { paper: DigestPaper }) {
  return (
    <span class="paper-title">{paper.links ? <a href={paper.links.abs}>{paper.title}</a> : paper.title}</span>
  );
}

export function PaperItem({ paper }: { paper: DigestPaper }) {
  const id = paper.arxivId
    ? `arXiv:${paper.arxivId}${paper.latestVersion && paper.latestVersion > 1 ? ` v${paper.latestVersion}` : ""}`
    : null;
  const tldr = paper.tldr || paper.summary;
  const meta = joinWithDots([authorLine(paper.authors), paper.categories[0], id]);
  const links = joinWithDots([
    paper.links && <a href={paper.links.pdf}>PDF</a>,
    ...paper.codeLinks.filter(isWebUrl).map((url) => (
      <a href={url} rel="nofollow">
        code: {codeLinkText(url)}
      </a>
    )),
  ]);
  return (
    <li>
      <PaperTitle paper={paper} />
      {meta.length > 0 ? <div class="meta">{meta}</div> : null}
      {/* The summary only where there is no TL;DR (an abstract with no sentence to pick). */}
      {tldr ? <p class="summary tldr">{tldr}</p> : null}
      {links.length > 0 ? <div class="links">{links}</div> : null}
    </li>
  );
}
