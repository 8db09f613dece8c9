import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      /** Set by vitest.config.mts: the SQL migrations, applied by test/setup/apply-migrations.ts. */
      TEST_MIGRATIONS: D1Migration[];
      /** Set by vitest.config.mts: wrangler.toml's `triggers.crons` (workerd cannot read the file). */
      WRANGLER_CRONS: string[];
      /** Set by vitest.config.mts: docs/architecture.md, whose table is the import rules. */
      ARCHITECTURE_DOC: string;
      /** Set by vitest.config.mts: docs/contract.md, which lists every error code. */
      CONTRACT_DOC: string;
      /** Set by vitest.config.mts: serves files under test/fixtures byte for byte. */
      FIXTURES: Fetcher;
      /** Set by vitest.config.mts: reads and scripts the local stand-ins (test/standins/registry.ts). */
      STANDINS: Fetcher;
    }
  }
}
