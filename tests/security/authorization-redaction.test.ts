/**
 * Authorization headers are redacted anywhere a request is logged or an error is built: the emulator's request log, every field of a client error (message, detail,
 * cause, inspected form) for transport failures and HTTP errors, and `redact()` itself.
 */
import { inspect } from "node:util";
import { expect } from "chai";
import { startEmulator, type Emulator } from "../../emulator";
import { createClient, isOpsManagerError, redact } from "../../provider/client";
import { startRawServer } from "../bad-input/raw-server";

const AUTH_VALUE = /Digest\s+username=|response="[0-9a-f]{32}"|cnonce=/i;

function everythingAbout(error: unknown): string {
  return `${inspect(error, { depth: 6, showHidden: true })}\n${JSON.stringify(error)}\n${String((error as Error).stack)}`;
}

describe("Authorization header redaction", function () {
  this.timeout(20_000);
  let emulator: Emulator;
  before(async () => {
    emulator = await startEmulator({ seed: 41 });
  });
  after(() => emulator.close());

  it("keeps the emulator's request log free of Authorization values and private keys", async () => {
    const client = createClient({ ...emulator, accessListPath: "auto", warn: () => undefined });
    const key = await client.createApiKey(emulator.orgId, {
      desc: "logged",
      roles: ["ORG_MEMBER"],
    });
    await client.listApiKeys(emulator.orgId);
    const log = JSON.stringify(emulator.requests);
    expect(emulator.requests.some((r) => r.authenticated)).to.equal(true);
    expect(log).not.to.match(AUTH_VALUE);
    expect(log.toLowerCase()).not.to.contain("authorization");
    expect(log).not.to.contain(key.privateKey);
    expect(log).not.to.contain(emulator.privateKey);
  });

  it("keeps HTTP-error objects free of Authorization values, even inspected deeply", async () => {
    const client = createClient({ ...emulator, accessListPath: "auto", warn: () => undefined });
    let error: unknown;
    try {
      await client.getApiKey(emulator.orgId, "0123456789abcdef01234567");
    } catch (e) {
      error = e;
    }
    expect(isOpsManagerError(error)).to.equal(true);
    const text = everythingAbout(error);
    expect(text).not.to.match(AUTH_VALUE);
    expect(text).not.to.contain(emulator.privateKey);
  });

  it("keeps transport-failure objects (reset after an authenticated request) free of Authorization values", async () => {
    const credentials = {
      publicKey: "redacted",
      privateKey: "2f3c4d5e-6a7b-4c8d-9e0f-1a2b3c4d5e6f",
    };
    const server = await startRawServer(credentials, () => ({ status: 200, reset: true }));
    try {
      const client = createClient({
        baseUrl: server.baseUrl,
        ...credentials,
        accessListPath: "accessList",
        warn: () => undefined,
        retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
      });
      let error: unknown;
      try {
        await client.listApiKeys("5f0c8a1e2b3c4d5e6f708192");
      } catch (e) {
        error = e;
      }
      expect(isOpsManagerError(error), String(error)).to.equal(true);
      const text = everythingAbout(error);
      expect(text).not.to.match(AUTH_VALUE);
      expect(text).not.to.contain(credentials.privateKey);
    } finally {
      await server.close();
    }
  });

  it("redact() blanks Authorization headers in every usual spelling", () => {
    const header =
      'Digest username="abcdefgh", realm="MMS Public API", nonce="n", uri="/x", response="0123456789abcdef0123456789abcdef", qop=auth, nc=00000001, cnonce="c"';
    for (const text of [
      `Authorization: ${header}`,
      `authorization=${header}`,
      JSON.stringify({ headers: { authorization: header } }),
      `{"Authorization":"${header.replace(/"/g, '\\"')}"}`,
    ]) {
      const out = redact(text);
      expect(out, text).not.to.contain("0123456789abcdef0123456789abcdef");
      expect(out).to.contain("[REDACTED]");
    }
  });
});
