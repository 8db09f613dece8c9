import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, whatever directory the benchmark was started from. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const DATA_DIR = path.join(REPO_ROOT, "test/fixtures/data");
