import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./env";
import { ApiError, codeForStatus, errorBody } from "./errors";
import { logError } from "./log";
import { deliveryRoutes } from "./routes/api/deliveries";
import { digestRoutes } from "./routes/api/digests";
import { harvestConfigRoutes } from "./routes/api/harvest-config";
import { harvestRoutes } from "./routes/api/harvests";
import { ingestRoutes } from "./routes/api/ingest";
import { paperRoutes } from "./routes/api/papers";
import { savedBibRoutes } from "./routes/api/saved-bib";
import { searchRoutes } from "./routes/api/search";
import { subscriptionProfileRoutes } from "./routes/api/subscription-profile";
import { subscriptionRoutes } from "./routes/api/subscriptions";
import { themeRoutes } from "./routes/api/themes";
import { feedRoutes } from "./routes/feeds";
import { withContext } from "./routes/middleware";
import { pageRoutes } from "./routes/pages";
import { readerRoutes } from "./routes/reader";
import { slackRoutes } from "./routes/slack";
import { subscriptionPageRoutes } from "./routes/subscription-pages";

export const app = new Hono<AppEnv>();

app.use("*", withContext);
app.route("/api/ingest", ingestRoutes);
app.route("/api/papers", paperRoutes);
app.route("/api/search", searchRoutes);
app.route("/api/themes", themeRoutes);
app.route("/api/digests", digestRoutes);
app.route("/api/subscriptions", savedBibRoutes);
app.route("/api/subscriptions", subscriptionRoutes);
app.route("/api/subscriptions", subscriptionProfileRoutes);
app.route("/api/deliveries", deliveryRoutes);
app.route("/api/harvests", harvestRoutes);
app.route("/api/harvest/config", harvestConfigRoutes);
app.route("/slack", slackRoutes);
app.route("/feeds", feedRoutes);
app.route("/", pageRoutes);
app.route("/", subscriptionPageRoutes);
app.route("/", readerRoutes);

app.notFound((c) => c.json(errorBody("not_found", `There is no route ${c.req.method} ${c.req.path}.`), 404));

app.onError((err, c) => {
  if (err instanceof ApiError) return c.json(errorBody(err.code, err.message), err.status, err.headers);
  if (err instanceof HTTPException) {
    return c.json(errorBody(codeForStatus(err.status), err.message || "Bad request."), err.status);
  }
  // Anything else is our fault: log it, answer without internals.
  logError("unhandled-error", err, { method: c.req.method, path: c.req.path });
  return c.json(errorBody("internal_error", "Something went wrong on our side; it has been logged."), 500);
});
