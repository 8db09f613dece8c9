import { describe, expect, it } from "vitest";
import { checkWebhookTarget } from "../../../src/security/webhook-target";

const refused = (url: string, allowLoopback = false) =>
  checkWebhookTarget(url, { allowLoopback }).ok === false;

describe("webhook targets", () => {
  it("accepts public https URLs", () => {
    expect(checkWebhookTarget("https://hooks.example.com/digest?x=1").ok).toBe(true);
    expect(checkWebhookTarget("https://api.lab.example.org:8443/in").ok).toBe(true);
  });

  it("refuses non-https, credentials and malformed URLs", () => {
    for (const url of [
      "http://hooks.example.com/",
      "ftp://example.com/",
      "https://user:pw@example.com/",
      "https://user@example.com/",
      "not a url",
      "javascript:alert(1)",
    ]) {
      expect(refused(url), url).toBe(true);
    }
  });

  it("refuses IP literals in every spelling, private, loopback and link-local alike", () => {
    for (const url of [
      "https://127.0.0.1/",
      "https://10.0.0.5/",
      "https://192.168.1.1/",
      "https://169.254.169.254/latest/meta-data",
      "https://8.8.8.8/",
      "https://2130706433/",
      "https://0x7f.1/",
      "https://017700000001/",
      "https://[::1]/",
      "https://[fe80::1]/",
      "https://[::ffff:127.0.0.1]/",
    ]) {
      expect(refused(url), url).toBe(true);
    }
  });

  it("refuses localhost and internal names", () => {
    for (const url of [
      "https://localhost/",
      "https://LOCALHOST./",
      "https://api.localhost/",
      "https://printer.local/",
      "https://metadata.google.internal/",
      "https://router.home.arpa/",
      "https://intranet/",
    ]) {
      expect(refused(url), url).toBe(true);
    }
  });

  it("admits loopback receivers only when local development allows it", () => {
    expect(refused("http://127.0.0.1:9999/hook")).toBe(true);
    expect(refused("http://127.0.0.1:9999/hook", true)).toBe(false);
    expect(refused("http://localhost:9999/hook", true)).toBe(false);
    expect(refused("http://[::1]:9999/hook", true)).toBe(false);
    // Still no private ranges, credentials or other schemes.
    expect(refused("http://10.0.0.1/hook", true)).toBe(true);
    expect(refused("http://u:p@127.0.0.1/hook", true)).toBe(true);
    expect(refused("ftp://127.0.0.1/hook", true)).toBe(true);
  });
});
