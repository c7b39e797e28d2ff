/**
 * Bad server answers at the client: after a proper Digest handshake the server
 * answers with something that is not the API's JSON. Each case must end in one clear
 * `OpsManagerError` (code BAD_RESPONSE for a 2xx/3xx, never a crash or a raw parser error) that
 * names the endpoint and the cause and never quotes a secret.
 */
import { expect } from "chai";
import {
  createClient,
  isOpsManagerError,
  type OpsManagerClient,
  type OpsManagerError,
} from "../../provider/client";
import { startRawServer, type RawAnswer, type RawServer } from "./raw-server";
import { TEST_ORG_ID } from "../support/ids";

const ORG = TEST_ORG_ID;
const KEY = "6a1b2c3d4e5f60718293a4b5";
const CREDENTIALS = { publicKey: "rawtests", privateKey: "0b6e2a55-8c1d-4f7e-9a3b-5d2c1e0f9a8b" };

async function failureOf(promise: Promise<unknown>): Promise<OpsManagerError> {
  try {
    await promise;
  } catch (error) {
    if (isOpsManagerError(error)) return error;
    throw new Error(
      `expected an OpsManagerError, got ${error instanceof Error ? error.stack : String(error)}`,
    );
  }
  throw new Error("expected the call to fail, but it succeeded");
}

/** Cases: a 2xx/3xx answer the client cannot use, and what its message must mention. */
const CASES: ReadonlyArray<{ name: string; answer: RawAnswer; mentions: RegExp }> = [
  {
    name: "a plain-text body",
    answer: { status: 200, headers: { "content-type": "text/plain" }, body: "everything is fine" },
    mentions: /non-JSON body/,
  },
  {
    name: "an HTML login page",
    answer: {
      status: 200,
      headers: { "content-type": "text/html" },
      body: "<!DOCTYPE html><html><head><title>Corporate SSO sign-in</title></head><body>login</body></html>",
    },
    mentions: /HTML page titled "Corporate SSO sign-in"/,
  },
  {
    name: "truncated JSON",
    answer: {
      status: 200,
      headers: { "content-type": "application/json" },
      body: '{"id":"6a1b2c3d4e5f60718293a4b5","desc":"x","publicKey":"abc',
    },
    mentions: /truncated or malformed/,
  },
  {
    name: "JSON with required fields missing",
    answer: {
      status: 200,
      headers: { "content-type": "application/json" },
      body: '{"desc":"only a description"}',
    },
    mentions: /no string "id"/,
  },
  {
    name: "a JSON array where an object belongs",
    answer: { status: 200, headers: { "content-type": "application/json" }, body: "[1,2,3]" },
    mentions: /not a JSON object/,
  },
  {
    name: "a 302 redirect to another host",
    answer: { status: 302, headers: { location: "http://127.0.0.1:1/login?next=/api" }, body: "" },
    mentions: /redirect \(302\) to 127\.0\.0\.1:1/,
  },
];

describe("bad server answers: client", function () {
  this.timeout(10_000);
  let server: RawServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  async function clientAnswering(answer: (url: string) => RawAnswer): Promise<OpsManagerClient> {
    server = await startRawServer(CREDENTIALS, (r) => answer(r.url));
    return createClient({
      baseUrl: server.baseUrl,
      ...CREDENTIALS,
      accessListPath: "accessList",
      retry: { maxAttempts: 3, maxElapsedMs: 2_000, baseDelayMs: 1, maxDelayMs: 5 },
      warn: () => undefined,
    });
  }

  for (const c of CASES) {
    it(`turns ${c.name} into a clear BAD_RESPONSE error naming the endpoint`, async () => {
      const client = await clientAnswering(() => c.answer);
      const error = await failureOf(client.getApiKey(ORG, KEY));
      expect(error.code).to.equal("BAD_RESPONSE");
      expect(error.message).to.contain(`GET /orgs/${ORG}/apiKeys/${KEY}`);
      expect(error.message).to.match(c.mentions);
      expect(error.message).to.contain("base URL");
      expect(error.message).not.to.contain(CREDENTIALS.privateKey);
      expect(error.attempts, "a malformed answer is not retried").to.equal(1);
      expect(server?.requests.filter((r) => r.authorized)).to.have.length(1);
    });
  }

  it("never echoes a body that carries secrets, even when the server reflects them", async () => {
    const reflected = `<html><title>Debug</title>Authorization: Digest username="rawtests", response="abc" key=${CREDENTIALS.privateKey}</html>`;
    const client = await clientAnswering(() => ({
      status: 200,
      headers: { "content-type": "text/html" },
      body: reflected,
    }));
    const error = await failureOf(client.listApiKeys(ORG));
    expect(error.code).to.equal("BAD_RESPONSE");
    const everything = JSON.stringify({
      message: error.message,
      detail: error.detail,
      cause: String(error.cause),
    });
    expect(everything).not.to.contain(CREDENTIALS.privateKey);
    expect(everything).not.to.contain('response="abc"');
  });

  it("does not follow a redirect, so the Digest answer is never replayed to the other host", async () => {
    const elsewhere = await startRawServer(CREDENTIALS, () => ({ status: 200, body: "{}" }));
    try {
      const client = await clientAnswering(() => ({
        status: 307,
        headers: { location: `${elsewhere.baseUrl}/api/public/v1.0/x` },
      }));
      const error = await failureOf(client.createApiKey(ORG, { desc: "d", roles: ["ORG_MEMBER"] }));
      expect(error.code).to.equal("BAD_RESPONSE");
      expect(error.message).to.contain(`POST /orgs/${ORG}/apiKeys`);
      expect(elsewhere.requests).to.have.length(0);
    } finally {
      await elsewhere.close();
    }
  });

  it("answers an HTML 502 page from a proxy with a SERVER_ERROR that describes the page, after bounded retries", async () => {
    const page =
      "<!doctype html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    const client = await clientAnswering(() => ({
      status: 502,
      headers: { "content-type": "text/html" },
      body: page,
    }));
    const error = await failureOf(client.listApiKeys(ORG));
    expect(error.code).to.equal("SERVER_ERROR");
    expect(error.message).to.contain('HTML page titled "502 Bad Gateway"');
    expect(error.message).to.contain(`GET /orgs/${ORG}/apiKeys`);
    expect(error.attempts).to.equal(3);
  });

  // An absent `results` is legal (the public Go client declares it `omitempty`, see docs/OPS-MANAGER-API.md); a malformed element is not.
  it("rejects a list page whose elements lack cidrBlock instead of dropping them", async () => {
    const page = '{"results":[{"ipAddress":"10.0.0.1","count":0}],"totalCount":1}';
    const client = await clientAnswering(() => ({
      status: 200,
      headers: { "content-type": "application/json" },
      body: page,
    }));
    const error = await failureOf(client.listAccessList(ORG, KEY));
    expect(error.code).to.equal("BAD_RESPONSE");
    expect(error.message).to.contain(`/orgs/${ORG}/apiKeys/${KEY}/accessList`);
  });
});
