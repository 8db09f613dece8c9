/** A paper's arXiv abstract and PDF links (digests, paper answers, mails and Slack cards). */
export function arxivLinks(arxivId: string | null) {
  return arxivId === null
    ? null
    : { abs: `https://arxiv.org/abs/${arxivId}`, pdf: `https://arxiv.org/pdf/${arxivId}` };
}
