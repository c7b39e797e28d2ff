import { expect } from "chai";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import { gzipSync } from "node:zlib";
import { startEmulator } from "../../emulator";
import {
  createClient,
  isOpsManagerError,
  type ClientSettings,
  type OpsManagerError,
} from "../../provider/client";
import { rejectionOf, startClientFixture, type ClientFixture } from "./support/fixture";
import { generateCertificates, hasOpenssl, type TestCertificates } from "../support/certificates";

const ORG = "60a1b2c3d4e5f60718293a4b";
const PRIVATE_KEY = "3f2b7c1e-9a4d-4e8b-b6a1-0c9d8e7f6a5b";

function settings(baseUrl: string, extra: Partial<ClientSettings> = {}): ClientSettings {
  return {
    baseUrl,
    publicKey: "abcdefgh",
    privateKey: PRIVATE_KEY,
    accessListPath: "auto",
    retry: { maxAttempts: 2, maxElapsedMs: 2_000, baseDelayMs: 1, maxDelayMs: 2 },
    warn: () => undefined,
    ...extra,
  };
}

/** A plain HTTP server answering every request with one canned response. */
async function cannedServer(
  status: number,
  headers: Record<string, string>,
  body: string | Buffer,
): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(status, headers);
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

function urlOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

describe("client transport failures", () => {
  describe("answers that are not the API", () => {
    const cases: Array<[string, number, Record<string, string>, string, string]> = [
      [
        "a redirect, naming its host",
        302,
        { location: "https://login.example.com/sso?x=1" },
        "",
        "login.example.com",
      ],
      [
        "an HTML login page",
        200,
        { "content-type": "text/html" },
        "<html><title>Sign in</title></html>",
        "HTML page",
      ],
      [
        "truncated JSON",
        200,
        { "content-type": "application/json" },
        '{"results": [{"id": "x"',
        "truncated",
      ],
      [
        "JSON without the required fields",
        200,
        { "content-type": "application/json" },
        '{"id": "x"}',
        '"desc"',
      ],
    ];
    for (const [name, status, headers, body, mention] of cases) {
      it(`reports ${name} as BAD_RESPONSE without retrying`, async () => {
        const server = await cannedServer(status, headers, body);
        try {
          const client = createClient(settings(urlOf(server)));
          const error = await rejectionOf(client.getApiKey(ORG, "0123456789abcdef01234567"));
          const e = error as OpsManagerError;
          expect(e.code).to.equal("BAD_RESPONSE");
          expect(e.message).to.include(mention);
          expect(e.message).to.include("base URL");
          expect(client.stats()).to.deep.equal({ calls: 1, requests: 1, retries: 0 });
        } finally {
          await closeServer(server);
        }
      });
    }

    it("sends JSON headers and its User-Agent, and never lets got retry", async () => {
      const seen: Array<Record<string, string | string[] | undefined>> = [];
      const server = createServer((req, res) => {
        seen.push(req.headers);
        res.writeHead(503, { "content-type": "application/json" });
        res.end('{"error":503,"detail":"down"}');
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const client = createClient(settings(urlOf(server), { retry: { maxAttempts: 1 } }));
        const e = (await rejectionOf(client.listApiKeys(ORG))) as OpsManagerError;
        expect(e.code).to.equal("SERVER_ERROR");
        expect(seen.length).to.equal(1);
        const pkg = JSON.parse(
          readFileSync(path.join(__dirname, "../../../package.json"), "utf8"),
        ) as {
          version: string;
        };
        expect(seen[0]["user-agent"]).to.equal(`pulumi-opsmanager-apikeys/${pkg.version}`);
        expect(seen[0].accept).to.equal("application/json");
        expect(seen[0]["content-type"]).to.equal("application/json");
      } finally {
        await closeServer(server);
      }
    });

    it("reports a 401 without a Digest challenge as UNAUTHORIZED after one request", async () => {
      const server = await cannedServer(
        401,
        { "content-type": "application/json" },
        '{"error":401}',
      );
      try {
        const client = createClient(settings(urlOf(server)));
        const e = (await rejectionOf(client.listApiKeys(ORG))) as OpsManagerError;
        expect(e.code).to.equal("UNAUTHORIZED");
        expect(client.stats().requests).to.equal(1);
      } finally {
        await closeServer(server);
      }
    });

    it("reads a list page a proxy compressed with gzip, whole and in order", async () => {
      const results = Array.from({ length: 300 }, (_, i) => ({
        id: (0x1000 + i).toString(16).padStart(24, "0"),
        desc: `key ${i} é`,
        publicKey: `pub${i}`,
        roles: [{ roleName: "ORG_MEMBER", orgId: ORG }],
      }));
      const server = await cannedServer(
        200,
        { "content-type": "application/json", "content-encoding": "gzip" },
        gzipSync(JSON.stringify({ results, totalCount: results.length, links: [] })),
      );
      try {
        const keys = await createClient(settings(urlOf(server))).listApiKeys(ORG);
        expect(keys.map((k) => k.desc)).to.deep.equal(results.map((r) => r.desc));
      } finally {
        await closeServer(server);
      }
    });

    it("accepts 200 with {} or an empty body for DELETE", async () => {
      for (const body of ["", "{}"]) {
        const server = await cannedServer(200, {}, body);
        try {
          await createClient(settings(urlOf(server))).deleteApiKey(ORG, "0123456789abcdef01234567");
        } finally {
          await closeServer(server);
        }
      }
    });
  });

  describe("no answer", () => {
    let f: ClientFixture | undefined;
    afterEach(async () => {
      await f?.close();
      f = undefined;
    });

    it("reports a refused connection as NETWORK after the configured attempts", async () => {
      const gone = await startEmulator({ seed: 1 });
      const baseUrl = gone.baseUrl;
      await gone.close();
      const client = createClient(settings(baseUrl));
      const e = (await rejectionOf(client.listApiKeys(ORG))) as OpsManagerError;
      expect(e.code).to.equal("NETWORK");
      expect(e.transportCode).to.equal("ECONNREFUSED");
      expect(e.attempts).to.equal(2);
      expect(e.message).to.include("base URL");
      expect(e.message).to.not.include(PRIVATE_KEY);
    });

    it("reports a server slower than requestTimeoutMs as TIMEOUT", async () => {
      f = await startClientFixture({ latencyMs: 300 });
      const client = f.clientWith({
        requestTimeoutMs: 60,
        retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 },
      });
      const e = (await rejectionOf(client.listApiKeys(f.orgId))) as OpsManagerError;
      expect(e.code).to.equal("TIMEOUT");
      expect(e.attempts).to.equal(2);
      expect(e.message).to.include("60 ms");
    });

    it("reports an answer cut off in its body as NETWORK, and settles every attempt", async () => {
      let requests = 0;
      const server = createServer((_req, res) => {
        requests += 1;
        res.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        res.write('{"results":[');
        setImmediate(() => res.socket?.destroy());
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      try {
        const client = createClient(settings(urlOf(server)));
        const e = (await rejectionOf(client.listApiKeys(ORG))) as OpsManagerError;
        expect(e.code).to.equal("NETWORK");
        expect(e.attempts).to.equal(2);
        expect(requests).to.equal(2);
      } finally {
        await closeServer(server);
      }
    });

    it("reports a create that timed out after sending credentials as AMBIGUOUS_WRITE", async () => {
      f = await startClientFixture({
        faults: { seed: 4, latencySpike: 1, latencySpikeMs: 1200, methods: ["POST"] },
      });
      const slow = f.clientWith({ requestTimeoutMs: 250 });
      const e = (await rejectionOf(
        slow.createApiKey(f.orgId, { desc: "slow", roles: ["ORG_MEMBER"] }),
      )) as OpsManagerError;
      expect(e.code).to.equal("AMBIGUOUS_WRITE");
      expect(e.attempts).to.equal(1);
      expect(slow.stats()).to.deep.equal({ calls: 1, requests: 2, retries: 0 });
      expect(
        f.emulator.requests.filter((r) => r.method === "POST" && r.authenticated).length,
      ).to.equal(1);
    });
  });

  describe("TLS", function () {
    this.timeout(20_000);
    let certificates: TestCertificates;
    let cert: string;
    let key: string;
    before(function () {
      if (!hasOpenssl()) this.skip();
      certificates = generateCertificates();
      ({ cert, key } = certificates.selfSigned);
    });
    after(() => certificates?.remove());

    it("rejects a self-signed server as TLS, trusts it with caCertFile, and warns once when skipping", async () => {
      const emulator = await startEmulator({ seed: 2, tls: { cert, key } });
      try {
        const base = { publicKey: emulator.publicKey, privateKey: emulator.privateKey };
        const strict = createClient(settings(emulator.baseUrl, base));
        const e = (await rejectionOf(strict.listApiKeys(emulator.orgId))) as OpsManagerError;
        expect(isOpsManagerError(e) && e.code).to.equal("TLS");
        expect(e.attempts).to.equal(1);
        expect(e.message).to.include("CA");

        const trusted = createClient(
          settings(emulator.baseUrl, { ...base, caCertFile: certificates.selfSignedFile }),
        );
        expect((await trusted.listApiKeys(emulator.orgId)).length).to.equal(1);

        const warnings: string[] = [];
        const skipping = createClient(
          settings(emulator.baseUrl, {
            ...base,
            insecureSkipVerify: true,
            warn: (m) => warnings.push(m),
          }),
        );
        await skipping.listApiKeys(emulator.orgId);
        await skipping.listApiKeys(emulator.orgId);
        expect(warnings.length).to.equal(1);
        expect(warnings[0]).to.include("TLS certificate verification is OFF");
      } finally {
        await emulator.close();
      }
    });

    it("reports an unreadable caCertFile when the client is made", () => {
      let error: unknown;
      try {
        createClient(
          settings("https://127.0.0.1:1", {
            caCertFile: path.join(path.dirname(certificates.caFile), "missing.pem"),
          }),
        );
      } catch (e) {
        error = e;
      }
      expect(isOpsManagerError(error) && error.code).to.equal("TLS");
      expect((error as Error).message).to.include("missing.pem");
    });
  });

  describe("settings", () => {
    it("rejects a base URL with user info without echoing it", () => {
      let error: unknown;
      try {
        createClient(settings(`https://user:${PRIVATE_KEY}@om.example.com`));
      } catch (e) {
        error = e;
      }
      expect(isOpsManagerError(error) && error.code).to.equal("VALIDATION");
      expect((error as Error).message).to.not.include(PRIVATE_KEY);
    });

    it("rejects missing credentials naming the config keys", () => {
      let error: unknown;
      try {
        createClient(settings("https://om.example.com", { privateKey: "" }));
      } catch (e) {
        error = e;
      }
      expect((error as Error).message).to.include("private key");
    });
  });
});
