/**
 * `/subscribe`: the e-mail subscribe form. GET shows it (the published themes as checkboxes); POST
 * subscribes through the API's checks or shows the problem on the same form, values kept, escaped.
 */
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { ADMIN_TOKEN, call, freshClientIp } from "../support/api";

const form = (fields: Array<[string, string]>) =>
  call("/subscribe", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": freshClientIp() },
    body: new URLSearchParams(fields).toString(),
  });

const subscriptionsTo = (target: string) =>
  env.DB.prepare("SELECT channel, status, themes, query FROM subscriptions WHERE target = ?")
    .bind(target)
    .all<{ channel: string; status: string; themes: string; query: string | null }>()
    .then((r) => r.results);

const putTheme = async (id: string, name: string) => {
  const res = await call(`/api/themes/${id}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: JSON.stringify({ name, keywords: [name.toLowerCase()] }),
  });
  expect(res.status).toBe(200);
};

/** The checkboxes as [value, checked] pairs, in page order. */
const checkboxes = (html: string) =>
  [...html.matchAll(/<input type="checkbox" name="themes" value="([^"]*)"([^>]*)>/g)].map(
    (m) => [m[1], /\bchecked\b/.test(m[2]!)] as const,
  );

describe("GET /subscribe", () => {
  it("is a plain form: labelled fields, a fieldset for the themes, no script, in the navigation", async () => {
    const res = await call("/subscribe");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    const html = await res.text();
    expect(html).toMatch(/<h1>Subscribe<\/h1>/);
    expect(html).toContain(
      '<form class="subscribe" method="post" action="/subscribe" enctype="multipart/form-data">',
    );
    expect(html).toContain('<label for="email">E-mail address</label>');
    expect(html).toMatch(/<input id="email" name="email" type="email" autocomplete="email" required=""/);
    expect(html).toContain("<legend>Themes (optional)</legend>");
    expect(html).toContain('<label for="query">Keywords (optional)</label>');
    expect(html).toContain('<button type="submit">Subscribe</button>');
    expect(html).toContain('<a href="/subscribe" aria-current="page">Subscribe</a>');
    expect(html).not.toContain("<script");
    expect(html).not.toContain('role="alert"');
  });

  it("says when no theme is published yet", async () => {
    const html = await (await call("/subscribe")).text();
    expect(html).toContain("No themes are published yet");
    expect(checkboxes(html)).toEqual([]);
  });

  it("offers every published theme as a checkbox with its label, escaped; retired ones are gone", async () => {
    await putTheme("llm-safety", "LLM safety");
    await putTheme("graphs", "Graphs & <b>networks</b>");
    await putTheme("retired-one", "Retired");
    expect(
      (
        await call("/api/themes/retired-one", {
          method: "DELETE",
          headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        })
      ).status,
    ).toBe(204);

    const html = await (await call("/subscribe")).text();
    expect(checkboxes(html)).toEqual([
      ["graphs", false],
      ["llm-safety", false],
    ]);
    expect(html).toContain("Graphs &amp; &lt;b&gt;networks&lt;/b&gt;");
    expect(html).not.toContain("<b>networks</b>");
    expect(html).not.toContain("No themes are published yet");
    expect(html).not.toContain('value="retired-one"');
  });

  it("is linked from /", async () => {
    expect(await (await call("/")).text()).toContain(
      '<a href="/subscribe">Subscribe</a> to receive it by e-mail.',
    );
  });
});

describe("POST /subscribe", () => {
  it("creates a pending e-mail subscription with the chosen themes and keywords, and says to check the inbox", async () => {
    await putTheme("llm-safety", "LLM safety");
    const res = await form([
      ["email", "  Reader@Example.ORG "],
      ["themes", "llm-safety"],
      ["query", "red teaming"],
    ]);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/<h1>Check your inbox<\/h1>/);
    expect(html).toContain("A confirmation mail is on its way to <strong>Reader@example.org</strong>.");
    expect(await subscriptionsTo("Reader@example.org")).toEqual([
      { channel: "email", status: "pending", themes: '["llm-safety"]', query: "red teaming" },
    ]);
  });

  it("without themes or keywords: every theme, no query", async () => {
    expect(
      (
        await form([
          ["email", "everything@example.org"],
          ["query", "  "],
        ])
      ).status,
    ).toBe(200);
    expect(await subscriptionsTo("everything@example.org")).toEqual([
      { channel: "email", status: "pending", themes: "[]", query: null },
    ]);
  });

  it("refuses a bad address on the same form, 400, the values kept and escaped, nothing stored", async () => {
    await putTheme("llm-safety", "LLM safety");
    await putTheme("graphs", "Graphs");
    const typed = `"><script>alert(1)</script>`;
    const res = await form([
      ["email", typed],
      ["themes", "graphs"],
      ["query", `</textarea>"<img src=x onerror=alert(1)>`],
    ]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('role="alert"');
    expect(html).toContain("Enter an e-mail address, like name@example.org.");
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).toContain('value="&lt;/textarea&gt;&quot;&lt;img src=x onerror=alert(1)&gt;"');
    // The e-mail field carries the problem; the chosen theme stays ticked.
    expect(html).toMatch(/<input id="email"[^>]*aria-invalid="true" aria-describedby="form-problem"/);
    expect(checkboxes(html)).toEqual([
      ["graphs", true],
      ["llm-safety", false],
    ]);
    expect(await subscriptionsTo(typed)).toEqual([]);
  });

  it("asks for the address when it is missing", async () => {
    const res = await form([["query", "anything"]]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Enter your e-mail address.");
    expect(html).toContain('value="anything"');
  });

  it("refuses a theme that is not offered (unknown, or provisional and so not stored)", async () => {
    const res = await form([
      ["email", "themed@example.org"],
      ["themes", "t999"],
    ]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("A theme you chose is not offered (any more).");
    expect(html).toMatch(/<fieldset aria-describedby="form-problem">/);
    expect(html).toContain('value="themed@example.org"');
    expect(await subscriptionsTo("themed@example.org")).toEqual([]);
  });

  it("refuses keywords over 200 characters, marking that field", async () => {
    const res = await form([
      ["email", "long@example.org"],
      ["query", "x".repeat(201)],
    ]);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Keywords: at most 200 characters.");
    expect(html).toMatch(
      /<input id="query"[^>]*aria-describedby="form-problem query-hint" aria-invalid="true"/,
    );
    expect(await subscriptionsTo("long@example.org")).toEqual([]);
  });

  it("takes the picks a week (issue #14) and refuses one outside 3–50, marking the field", async () => {
    expect(
      (
        await form([
          ["email", "twenty@example.org"],
          ["size", "20"],
        ])
      ).status,
    ).toBe(200);
    const sized = await env.DB.prepare("SELECT digest_size FROM subscriptions WHERE target = ?")
      .bind("twenty@example.org")
      .first<{ digest_size: number | null }>();
    expect(sized?.digest_size).toBe(20);
    for (const size of ["2", "51", "ten", "1e1"]) {
      const target = `bad-size-${size}@example.org`;
      const res = await form([
        ["email", target],
        ["size", size],
      ]);
      expect(res.status, size).toBe(400);
      const html = await res.text();
      expect(html).toContain("Picks a week: a whole number from 3 to 50.");
      expect(html).toMatch(/<select id="size" name="size"[^>]*aria-invalid="true"/);
      expect(await subscriptionsTo(target)).toEqual([]);
    }
    // The form offers the sizes, 10 chosen by default.
    const page = await (await call("/subscribe")).text();
    expect(page).toMatch(
      /<option value="10" selected="">10<\/option>|<option value="10" selected>10<\/option>/,
    );
  });

  it("offers e-mail only: a channel or target field in the body changes nothing", async () => {
    const res = await form([
      ["channel", "webhook"],
      ["target", "https://example.org/hook"],
      ["email", "only-mail@example.org"],
    ]);
    expect(res.status).toBe(200);
    expect(await subscriptionsTo("only-mail@example.org")).toEqual([
      { channel: "email", status: "pending", themes: "[]", query: null },
    ]);
    expect(await subscriptionsTo("https://example.org/hook")).toEqual([]);
  });

  it("answers a body that is not a form with the form and a 400, not an error", async () => {
    const res = await call("/subscribe", {
      method: "POST",
      headers: { "content-type": "application/json", "cf-connecting-ip": freshClientIp() },
      body: JSON.stringify({ email: "json@example.org" }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain("Enter your e-mail address.");
  });
});
