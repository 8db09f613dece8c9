/**
 * The peers of the relevance protocol, run by Debian's python3-sklearn in one Python process that
 * answers JSON lines (papers in, rankings out), so the protocol itself stays in TypeScript:
 *  - arxiv-sanity-lite: compute.py's TfidfVectorizer (title + abstract + authors, unigrams and
 *    bigrams, sublinear tf, min_df 5, max_df as given, 10,000 features) refitted on every paper
 *    stored so far, and serve.py's LinearSVC(class_weight="balanced", C=0.01) with the reader's
 *    papers (seeds and ups) as positives and every other stored paper as negatives;
 *  - zotero-arxiv-daily: recommender.py's recency-weighted similarity to the library (newest
 *    first, weight 1 / (1 + log10(rank + 1)), normalised), TF-IDF over abstracts standing in for
 *    its sentence embeddings; downs are ignored, as there;
 *  - random (TypeScript, seeded).
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from "node:child_process";
import { createInterface, type Interface } from "node:readline";
import type { LabPaper, Ranker, Vote } from "./relevance-protocol";

const PYTHON = "/usr/bin/python3";

const SERVER = `
import json, sys
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn import svm
papers, keys, index = [], [], {}
cache = {}
def sanity_x(max_df):
    k = ("sanity", max_df, len(papers))
    if k not in cache:
        v = TfidfVectorizer(input='content', encoding='utf-8', decode_error='replace', strip_accents='unicode',
            lowercase=True, analyzer='word', stop_words='english', token_pattern=r'(?u)\\b[a-zA-Z_][a-zA-Z0-9_]+\\b',
            ngram_range=(1, 2), max_features=10000, norm='l2', use_idf=True, smooth_idf=True, sublinear_tf=True,
            max_df=max_df, min_df=5)
        cache[k] = v.fit_transform([' '.join([p['title'], p['abstract'], ' '.join(p['authors'])]) for p in papers]).astype(np.float32)
    return cache[k]
def zotero_x():
    k = ("zotero", len(papers))
    if k not in cache:
        v = TfidfVectorizer(strip_accents='unicode', stop_words='english', sublinear_tf=True)
        cache[k] = v.fit_transform([p['abstract'] for p in papers])
    return cache[k]
for line in sys.stdin:
    q = json.loads(line)
    if q['op'] == 'add':
        for p in q['papers']:
            index[p['key']] = len(papers)
            papers.append(p)
            keys.append(p['key'])
        cache.clear()
        out = {'n': len(papers)}
    elif q['op'] == 'sanity':
        x = sanity_x(q['max_df'])
        y = np.zeros(x.shape[0], dtype=np.float32)
        for k in q['positives']:
            y[index[k]] = 1.0
        clf = svm.LinearSVC(class_weight='balanced', verbose=False, max_iter=10000, tol=1e-6, C=q['C'])
        clf.fit(x, y)
        cand = [index[k] for k in q['candidates']]
        s = clf.decision_function(x[cand])
        out = {'keys': [q['candidates'][i] for i in np.argsort(-s, kind='stable')]}
    elif q['op'] == 'zotero':
        x = zotero_x()
        lib = q['library']  # newest first
        w = 1 / (1 + np.log10(np.arange(len(lib)) + 1))
        w = w / w.sum()
        cand = [index[k] for k in q['candidates']]
        sim = (x[cand] @ x[[index[k] for k in lib]].T).toarray()
        s = (sim * w).sum(axis=1)
        out = {'keys': [q['candidates'][i] for i in np.argsort(-s, kind='stable')]}
    elif q['op'] == 'version':
        import sklearn
        out = {'version': sklearn.__version__}
    sys.stdout.write(json.dumps(out) + '\\n')
    sys.stdout.flush()
`;

type Reply = { n?: number; keys?: string[]; version?: string };

/** One Python process answering one JSON line per request, in order. */
export class PythonPeer {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: Interface;
  private readonly waiting: Array<(r: Reply) => void> = [];
  constructor() {
    this.child = spawn(PYTHON, ["-c", SERVER], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stderr.on("data", (d: Buffer) => process.stderr.write(d));
    this.lines = createInterface({ input: this.child.stdout });
    this.lines.on("line", (line) => this.waiting.shift()?.(JSON.parse(line) as Reply));
  }
  ask(request: object): Promise<Reply> {
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.child.stdin.write(`${JSON.stringify(request)}\n`);
    });
  }
  close(): void {
    this.lines.close();
    this.child.stdin.end();
  }
}

/** scikit-learn's version, or null when /usr/bin/python3 cannot import it. */
export function sklearnVersion(): string | null {
  const probe = spawnSync(PYTHON, ["-c", "import sklearn; print(sklearn.__version__)"], { encoding: "utf8" });
  return probe.status === 0 ? probe.stdout.trim() : null;
}

/** A reader's library as the peers keep it: positives with when they were added. */
class Libraries {
  readonly byReader = new Map<string, Array<{ key: string; at: number }>>();
  add(reader: string, key: string, at: number): void {
    const list = this.byReader.get(reader) ?? [];
    list.push({ key, at });
    this.byReader.set(reader, list);
  }
  keys(reader: string): string[] {
    return (this.byReader.get(reader) ?? []).map((e) => e.key);
  }
  /** Newest first (stable: within one time, the later-added first). */
  newestFirst(reader: string): string[] {
    const list = (this.byReader.get(reader) ?? []).map((e, i) => ({ ...e, i }));
    return list.sort((a, b) => b.at - a.at || b.i - a.i).map((e) => e.key);
  }
}

abstract class PeerRanker implements Ranker {
  abstract name: string;
  protected readonly libraries = new Libraries();
  /** Each peer owns its Python process: the process stores the papers it is given. */
  protected readonly python = new PythonPeer();
  async addWeek(_week: string, papers: readonly LabPaper[]): Promise<void> {
    await this.python.ask({ op: "add", papers });
  }
  seed(reader: string, keys: readonly string[], at: number): void {
    for (const k of keys) this.libraries.add(reader, k, at);
  }
  feedback(reader: string, key: string, vote: Vote, at: number): void {
    if (vote === "up") this.libraries.add(reader, key, at);
  }
  abstract rank(reader: string, week: string, keys: readonly string[]): Promise<string[]>;
  close(): void {
    this.python.close();
  }
}

export class SanityRanker extends PeerRanker {
  readonly name: string;
  constructor(
    private readonly maxDf = 0.5,
    private readonly c = 0.01,
  ) {
    super();
    this.name = `arxiv-sanity-lite (max_df ${maxDf})`;
  }
  async rank(reader: string, _week: string, keys: readonly string[]): Promise<string[]> {
    const positives = this.libraries.keys(reader);
    const r = await this.python.ask({
      op: "sanity",
      positives,
      candidates: keys,
      max_df: this.maxDf,
      C: this.c,
    });
    return r.keys!;
  }
}

export class ZoteroRanker extends PeerRanker {
  readonly name = "zotero-arxiv-daily (TF-IDF)";
  async rank(reader: string, _week: string, keys: readonly string[]): Promise<string[]> {
    const r = await this.python.ask({
      op: "zotero",
      library: this.libraries.newestFirst(reader),
      candidates: keys,
    });
    return r.keys!;
  }
}

/** Uniform random order (mulberry32, fixed seed), the floor. */
export class RandomRanker implements Ranker {
  readonly name = "random";
  private state = 12345;
  addWeek(): void {}
  seed(): void {}
  feedback(): void {}
  rank(_reader: string, _week: string, keys: readonly string[]): string[] {
    const out = [...keys];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
  private next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
}
