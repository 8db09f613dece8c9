/** Confirm and unsubscribe links: GET only shows a page (scanners prefetch), POST acts; RFC 8058 one-click. */
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, call } from "../support/api";
import { emailSubscription, subscriptionStatus } from "../support/deliveries";

const statusOf = subscriptionStatus;

describe("confirming an e-mail subscription", () => {
  it("shows a button on GET and confirms only on POST, idempotently", async () => {
    const sub = await emailSubscription("confirm-me@example.org");
    const url = `/subscriptions/confirm?token=${sub.confirmToken}`;
    const page = await call(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Confirm subscription");
    expect(html).toContain("confirm-me@example.org");
    expect(await statusOf(sub.id)).toBe("pending");

    for (let i = 0; i < 2; i++) {
      const res = await call(url, { method: "POST" });
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("Subscribed");
      expect(await statusOf(sub.id)).toBe("active");
    }
    expect(await (await call(url)).text()).toContain("already confirmed");
  });

  it("describes what was asked for: the themes by label, escaped, and the keywords", async () => {
    const put = await call("/api/themes/graphs", {
      method: "PUT",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "Graphs <&> nets", keywords: ["graph"] }),
    });
    expect(put.status).toBe(200);
    const sub = await emailSubscription("labels@example.org", ["graphs"], "message passing");
    const html = await (await call(`/subscriptions/confirm?token=${sub.confirmToken}`)).text();
    expect(html).toContain(
      "the weekly arXiv digest (theme “Graphs &lt;&amp;&gt; nets”; papers matching “message passing”) by e-mail to labels@example.org",
    );
    expect(await (await call(`/unsubscribe?token=${sub.unsubscribeToken}`)).text()).toContain(
      "Stop sending the weekly arXiv digest (theme “Graphs &lt;&amp;&gt; nets”;",
    );
  });

  it("says the subscription was cancelled when its confirm link is used after unsubscribing", async () => {
    const sub = await emailSubscription("changed-mind@example.org");
    const left = await call(`/unsubscribe?token=${sub.unsubscribeToken}`, { method: "POST" });
    expect(left.status).toBe(200);
    const url = `/subscriptions/confirm?token=${sub.confirmToken}`;
    const res = await call(url, { method: "POST" });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("This subscription was cancelled");
    expect(html).toContain('<a href="/subscribe">subscribe again</a>');
    expect(html).not.toContain("<h1>Subscribed</h1>");
    expect(await statusOf(sub.id)).toBe("unsubscribed");
    expect(await (await call(url)).text()).toContain("This subscription was cancelled");
  });

  it("answers unknown and malformed tokens with 404 and changes nothing", async () => {
    for (const token of ["", "nope", `confirm_${"A".repeat(43)}`, "<script>"]) {
      expect((await call(`/subscriptions/confirm?token=${encodeURIComponent(token)}`)).status).toBe(404);
      expect(
        (await call(`/subscriptions/confirm?token=${encodeURIComponent(token)}`, { method: "POST" })).status,
      ).toBe(404);
    }
  });
});

describe("one-click unsubscribe (RFC 8058)", () => {
  it("GET shows a confirmation page and does not unsubscribe", async () => {
    const sub = await emailSubscription("leaver@example.org");
    const res = await call(`/unsubscribe?token=${sub.unsubscribeToken}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('name="List-Unsubscribe" value="One-Click"');
    expect(await statusOf(sub.id)).toBe("pending");
  });

  it("POST List-Unsubscribe=One-Click answers 200 without a redirect, and again the same", async () => {
    const sub = await emailSubscription("one-click@example.org");
    for (let i = 0; i < 2; i++) {
      const res = await call(`/unsubscribe?token=${sub.unsubscribeToken}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
        redirect: "manual",
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("location")).toBeNull();
      expect(await statusOf(sub.id)).toBe("unsubscribed");
    }
    expect(await (await call(`/unsubscribe?token=${sub.unsubscribeToken}`)).text()).toContain(
      "already ended",
    );
  });

  it("refuses unknown tokens with 404", async () => {
    const res = await call(`/unsubscribe?token=unsub_${"B".repeat(43)}`, {
      method: "POST",
      body: "List-Unsubscribe=One-Click",
    });
    expect(res.status).toBe(404);
  });
});
