/** Our webhook signing against the official Standard Webhooks vector (test/fixtures/data/test_vectors.json). */
import { describe, expect, it } from "vitest";
import { signedRequest } from "../../../src/deliver/webhook";
import { fixtureText } from "../../support/api";

interface Vector {
  secret: string;
  webhook_id: string;
  webhook_timestamp: string;
  payload: string;
  expected_webhook_signature: string;
}

describe("Standard Webhooks signature", () => {
  it("reproduces the official vector byte for byte", async () => {
    const v = (
      JSON.parse(await fixtureText("data/test_vectors.json")) as { standard_webhooks_symmetric: Vector }
    ).standard_webhooks_symmetric;
    const { headers } = signedRequest(v.secret, v.webhook_id, Number(v.webhook_timestamp) * 1000, v.payload);
    expect(headers["webhook-id"]).toBe(v.webhook_id);
    expect(headers["webhook-timestamp"]).toBe(v.webhook_timestamp);
    expect(headers["webhook-signature"]).toBe(v.expected_webhook_signature);
  });
});
