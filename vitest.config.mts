import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { parse } from "smol-toml";
import { defineConfig } from "vitest/config";
import { controlStandins, routeOutbound } from "./test/standins/registry";

const root = path.dirname(new URL(import.meta.url).pathname);
const fixturesDir = path.join(root, "test", "fixtures");

// Tests run inside workerd, which has no file system. Fixture files are served
// byte-for-byte by this Node-side service binding (so non-UTF-8 files stay intact):
// env.FIXTURES.fetch("http://fixtures/data/arxiv-atom/") lists a folder, a file path returns its bytes.
async function serveFixture(request: Request): Promise<Response> {
  const rel = decodeURIComponent(new URL(request.url).pathname).replace(/^\/+/, "");
  const full = path.resolve(fixturesDir, rel);
  if (!full.startsWith(fixturesDir)) return new Response("outside fixtures", { status: 403 });
  try {
    // A folder answers with the JSON list of the files below it (paths relative to the folder).
    if ((await stat(full)).isDirectory()) {
      const entries = await readdir(full, { recursive: true, withFileTypes: true });
      const files = entries
        .filter((e) => e.isFile())
        .map((e) => path.relative(full, path.join(e.parentPath, e.name)))
        .sort();
      return Response.json(files);
    }
    return new Response(await readFile(full));
  } catch {
    return new Response(`no fixture ${rel}`, { status: 404 });
  }
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(root, "migrations"));
  // The deployed crons, so a test can hold the code's cron constants to wrangler.toml (workerd cannot read it).
  const wrangler = parse(await readFile(path.join(root, "wrangler.toml"), "utf8")) as {
    triggers: { crons: string[] };
  };
  return {
    test: {
      projects: [
        {
          // Unit and integration tests inside workerd, with a real local D1.
          plugins: [
            cloudflareTest({
              main: "./src/index.ts",
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  WRANGLER_CRONS: wrangler.triggers.crons,
                  ARCHITECTURE_DOC: await readFile(path.join(root, "docs", "architecture.md"), "utf8"),
                  CONTRACT_DOC: await readFile(path.join(root, "docs", "contract.md"), "utf8"),
                  ADMIN_TOKEN: "test-admin-token",
                  SLACK_SIGNING_SECRET: "test-slack-signing-secret",
                  TOKEN_SECRET: "test-token-secret-of-the-bot",
                  PUBLIC_BASE_URL: "https://digest.example.org",
                  MAIL_FROM: "arxiv-digest <digest@example.org>",
                  SLACK_BOT_TOKEN: "xoxb-test-token",
                  SLACK_API_URL: "https://slack.standin.test/api",
                  MAIL_API_URL: "https://mail-api.standin.test",
                  MAIL_API_KEY: "test-mail-api-key",
                  // The daily harvest cron against the arXiv stand-in, paced in ms (docs/harvest.md).
                  ARXIV_API_URL: "https://cron.arxiv.standin.test/api/query",
                  ARXIV_RSS_URL: "https://cron.arxiv.standin.test/rss",
                  HARVEST_CONTACT: "harvest-tests@example.org",
                  HARVEST_REQUEST_INTERVAL_MS: "5",
                  HARVEST_TIMEOUT_MS: "2000",
                  HARVEST_MAX_RETRY_WAIT_MS: "2000",
                },
                serviceBindings: { FIXTURES: serveFixture, STANDINS: controlStandins },
                // Every outbound fetch of the Worker goes to the local stand-ins (test/standins/).
                outboundService: routeOutbound,
              },
            }),
          ],
          test: {
            name: "workers",
            setupFiles: ["./test/setup/apply-migrations.ts"],
            include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"],
            testTimeout: 60_000,
          },
        },
        {
          // The pages in Debian's Chromium against `wrangler dev` (Node side: they start processes).
          test: {
            name: "browser",
            environment: "node",
            include: ["test/browser/**/*.test.ts"],
            testTimeout: 60_000,
            hookTimeout: 150_000,
          },
        },
      ],
    },
  };
});
