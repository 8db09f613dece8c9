import { env } from "cloudflare:workers";
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

  it("are the ones docs/contract.md lists, no more and no fewer", () => {
    const section = env.CONTRACT_DOC.slice(env.CONTRACT_DOC.indexOf("## Every error code"));
    const rows = section.split("\n").filter((line) => /^\| \d{3} \|/.test(line));
    const documented = rows.flatMap((row) =>
      [...(row.split("|")[2] ?? "").matchAll(/`([a-z_]+)`/g)].map((m) => m[1]),
    );
    expect([...new Set(documented)].sort()).toEqual([...ERROR_CODES].sort());
  });
});
