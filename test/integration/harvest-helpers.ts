/**
 * Helpers for the harvest tests: settings aimed at one stand-in host (each test its own host, so
 * scripted answers and recorded requests never mix), set-up of the arXiv stand-in, runs at a chosen
 * time, and the audit rows a run left.
 */
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { storeThroughWriter } from "../../src/db/identity-writer";
import { readConfig } from "../../src/env";
import { type HarvestSettings, runHarvest } from "../../src/harvest";
import type { RecordedRequest, ScriptedResponse } from "../standins/types";
import { db } from "../support/db";

/** The real arXiv API pages of `all:testing` (arxiv.py's recorded fixtures): 60 distinct papers. */
export const TESTING_PAGES = [
  "q_testing_s0_m10_bc5a6c384fe9.xml",
  "q_testing_s10_m10_34e56e15aaac.xml",
  "q_testing_s20_m10_348a237fecab.xml",
  "q_testing_s30_m10_f2e39f0143dc.xml",
  "q_testing_s40_m10_96dd32eb854c.xml",
  "q_testing_s50_m10_7f488ab8598c.xml",
].map((f) => `data/arxiv-atom/${f}`);
export const TESTING_PAPERS = 60;

export const ERROR_ANSWER = "data/arxiv-atom/id_abc_s0_m100_b79c8dcf6bc3.xml";
export const EMPTY_ANSWER = "data/arxiv-atom/id_0000.0000_s0_m100_8b51d9633a68.xml";

export function settingsFor(host: string, overrides: Partial<HarvestSettings> = {}): HarvestSettings {
  return {
    ...readConfig(env).harvest,
    apiUrl: `https://${host}/api/query`,
    rssUrl: `https://${host}/rss`,
    defaultCategories: [],
    requestIntervalMs: 5,
    timeoutMs: 1000,
    maxRetryWaitMs: 2000,
    pageSize: 25,
    ...overrides,
  };
}

export interface ArxivSetup {
  api?: Record<
    string,
    { batches: { at: string; files: string[] }[]; emptyPages?: { from: number; count: number } }
  >;
  rss?: Record<string, string>;
}

export async function setUpArxiv(host: string, setup: ArxivSetup): Promise<void> {
  const res = await env.STANDINS.fetch("http://standins/arxiv/setup", {
    method: "POST",
    body: JSON.stringify({ origin: `https://${host}`, ...setup }),
  });
  expect(res.status).toBe(200);
}

/** Queues answers for a URL (host + path), used before the stand-in's own behaviour. */
export async function scriptAnswers(url: string, answers: ScriptedResponse[]): Promise<void> {
  const res = await env.STANDINS.fetch(`http://standins/script?target=${encodeURIComponent(url)}`, {
    method: "POST",
    body: JSON.stringify(answers),
  });
  expect(res.status).toBe(200);
}

export async function requestsTo(host: string): Promise<RecordedRequest[]> {
  const res = await env.STANDINS.fetch(`http://standins/arxiv/requests?contains=${encodeURIComponent(host)}`);
  return (await res.json()) as RecordedRequest[];
}

export async function harvestAt(host: string, at: string, overrides: Partial<HarvestSettings> = {}) {
  return runHarvest(db(), settingsFor(host, overrides), {
    now: Date.parse(at),
    trigger: "test",
    storeIngest: storeThroughWriter(env),
  });
}

export interface CoverageView {
  source: string;
  stage: string;
  unit: string;
  status: string;
  expected: number | null;
  received: number;
  stored: number;
  added: number;
  gaps: number;
  detail: string;
  note: string | null;
}

export async function coverageOf(runId: string | null): Promise<CoverageView[]> {
  const rows = await env.DB.prepare(
    "SELECT source, stage, unit, status, expected, received, stored, added, gaps, detail, note FROM harvest_coverage WHERE run_id = ? ORDER BY source, stage, unit",
  )
    .bind(runId)
    .all<CoverageView>();
  return rows.results;
}

export async function count(sql: string, ...binds: unknown[]): Promise<number> {
  return (await env.DB.prepare(sql)
    .bind(...binds)
    .first<{ n: number }>())!.n;
}

/** The `start` parameter of each API request, in order. */
export function starts(requests: RecordedRequest[]): number[] {
  return requests
    .filter((r) => r.url.includes("/api/query"))
    .map((r) => Number(new URL(r.url).searchParams.get("start")));
}
