import { describe, expect, it } from "vitest";
import { codeForStatus, ERROR_CODES } from "../../src/errors";

describe("error codes", () => {
  it("gives Hono's own statuses their own codes", () => {
    expect(codeForStatus(401)).toBe("unauthorized");
    expect(codeForStatus(403)).toBe("forbidden");
    expect(codeForStatus(404)).toBe("not_found");
    expect(codeForStatus(405)).toBe("method_not_allowed");
    expect(codeForStatus(413)).toBe("payload_too_large");
    expect(codeForStatus(400)).toBe("bad_request");
    expect(codeForStatus(418)).toBe("bad_request");
    expect(codeForStatus(503)).toBe("internal_error");
  });

  it("are snake_case and listed once", () => {
    for (const code of ERROR_CODES) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
