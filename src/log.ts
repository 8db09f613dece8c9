/**
 * The one logger: a JSON line per event, `{"event": "<name>", ...fields}`, so Workers Logs
 * (observability in wrangler.toml) can filter on the event name and every field. Errors go to
 * console.error (shown as errors), everything else to console.log.
 */

type Fields = Record<string, unknown>;

/** An error as a string a log line can carry: the name and message, not the object. */
export function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export function logEvent(event: string, fields: Fields = {}): void {
  console.log(JSON.stringify({ event, ...fields }));
}

export function logError(event: string, error: unknown, fields: Fields = {}): void {
  console.error(
    JSON.stringify({
      event,
      ...fields,
      error: describeError(error),
      ...(error instanceof Error && error.stack ? { stack: error.stack } : {}),
    }),
  );
}
