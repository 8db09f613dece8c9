/** The test's drizzle handle on the real local D1 (for reads and direct set-up). */
import { env } from "cloudflare:workers";
import { openDatabase } from "../../src/db/client";

export const db = () => openDatabase(env.DB);
