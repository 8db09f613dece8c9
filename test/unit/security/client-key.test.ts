/** The rate-limit key of a request (issue #11): the client IP, an IPv6 client by its /64. */
import { describe, expect, it } from "vitest";
import { clientKey, ipv6Prefix64 } from "../../../src/security/client-key";

const key = (ip?: string) => clientKey(new Headers(ip === undefined ? {} : { "cf-connecting-ip": ip }));

describe("clientKey", () => {
  it("counts an IPv4 client by its address", () => {
    expect(key("203.0.113.7")).toBe("ip:203.0.113.7");
    expect(key("203.0.113.8")).not.toBe(key("203.0.113.7"));
  });

  it("counts every address of one IPv6 /64 as one client, whatever the spelling", () => {
    const forms = [
      "2001:db8:1:2::1",
      "2001:db8:1:2:ffff:ffff:ffff:ffff",
      "2001:0DB8:0001:0002:0:0:0:9",
      "2001:db8:1:2::5%eth0",
    ];
    expect(new Set(forms.map(key))).toEqual(new Set(["ip6:2001:db8:1:2::/64"]));
    expect(key("2001:db8:1:3::1")).not.toBe(key("2001:db8:1:2::1"));
    expect(key("::1")).toBe("ip6:0:0:0:0::/64");
    expect(ipv6Prefix64("::ffff:198.51.100.1")).toBe("0:0:0:0");
  });

  it("shares one bucket without the header, and keeps odd values bounded", () => {
    expect(key()).toBe("ip:unknown");
    expect(key("   ")).toBe("ip:unknown");
    expect(ipv6Prefix64("1:2:3:4:5:6:7:8:9")).toBeNull();
    expect(ipv6Prefix64("1::2::3")).toBeNull();
    expect(key(`x:${"y".repeat(500)}`).length).toBeLessThanOrEqual(67);
  });
});
