import { defineConfig } from "drizzle-kit";

// `npm run db:generate` writes flat SQL files into migrations/ (what wrangler and
// readD1Migrations() read). Read every generated file before committing it: a table
// rebuild in SQLite drops and recreates the table, which cascade-deletes child rows in D1.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema.ts",
  out: "./migrations",
});
