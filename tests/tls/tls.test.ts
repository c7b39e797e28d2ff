/**
 * TLS (the caCertFile and insecureSkipVerify settings): the emulator serves HTTPS with a
 * certificate generated for the test; the client verifies by default, trusts a custom CA file,
 * refuses an unknown or self-signed certificate with a TLS-coded message that names the setting
 * to use, and `insecureSkipVerify` works and warns.
 */
import { expect } from "chai";
import { startEmulator, type Emulator } from "../../emulator";
import {
  createClient,
  isOpsManagerError,
  type ClientSettings,
  type OpsManagerError,
} from "../../provider/client";
import { resolveSettings } from "../../provider/lifecycle/settings";
import { generateCertificates, hasOpenssl, type TestCertificates } from "../support/certificates";

const FAST_RETRY = { maxAttempts: 3, maxElapsedMs: 2_000, baseDelayMs: 1, maxDelayMs: 5 };

async function failureOf(promise: Promise<unknown>): Promise<OpsManagerError> {
  try {
    await promise;
  } catch (error) {
    if (isOpsManagerError(error)) return error;
    throw new Error(`expected an OpsManagerError, got ${String(error)}`);
  }
  throw new Error("expected the call to fail, but it succeeded");
}

describe("TLS: client against an HTTPS emulator", function () {
  this.timeout(30_000);
  let certs: TestCertificates;
  const emulators: Emulator[] = [];

  before(function () {
    if (!hasOpenssl()) this.skip();
    certs = generateCertificates();
  });
  after(async () => {
    await Promise.all(emulators.map((e) => e.close()));
    certs?.remove();
  });

  async function httpsEmulator(tls: { cert: string; key: string }): Promise<Emulator> {
    const emulator = await startEmulator({ seed: 11, tls });
    emulators.push(emulator);
    return emulator;
  }

  function settings(
    emulator: Emulator,
    extra: Partial<ClientSettings>,
    warnings: string[],
  ): ClientSettings {
    return {
      baseUrl: emulator.baseUrl,
      publicKey: emulator.publicKey,
      privateKey: emulator.privateKey,
      accessListPath: "auto",
      retry: FAST_RETRY,
      warn: (m) => warnings.push(m),
      ...extra,
    };
  }

  it("serves HTTPS on 127.0.0.1", async () => {
    const emulator = await httpsEmulator(certs.signed);
    expect(emulator.baseUrl).to.match(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it("refuses a certificate from an unknown CA by default, with a TLS error naming caCertFile and its env variable", async () => {
    const emulator = await httpsEmulator(certs.signed);
    const warnings: string[] = [];
    const client = createClient(settings(emulator, {}, warnings));
    const error = await failureOf(client.listApiKeys(emulator.orgId));
    expect(error.code).to.equal("TLS");
    expect(error.message).to.contain("trust the PEM bundle of the CA that signed it");
    expect(error.message).to.contain(`/orgs/${emulator.orgId}/apiKeys`);
    expect(error.message).not.to.contain(emulator.privateKey);
    expect(error.attempts, "a TLS failure is not retried").to.equal(1);
    expect(emulator.requests, "no API request got through the handshake").to.have.length(0);
    expect(warnings).to.deep.equal([]);
  });

  it("refuses a self-signed certificate with the same clear TLS error", async () => {
    const emulator = await httpsEmulator(certs.selfSigned);
    const client = createClient(settings(emulator, {}, []));
    const error = await failureOf(client.getApiKey(emulator.orgId, "5f0c8a1e2b3c4d5e6f708192"));
    expect(error.code).to.equal("TLS");
    expect(error.message).to.match(/self[- ]signed|SELF_SIGNED/i);
    expect(error.message).to.contain("trust the PEM bundle of the CA that signed it");
    expect(emulator.requests).to.have.length(0);
  });

  it("trusts a server signed by the CA in caCertFile, without warnings", async () => {
    const emulator = await httpsEmulator(certs.signed);
    const warnings: string[] = [];
    const client = createClient(settings(emulator, { caCertFile: certs.caFile }, warnings));
    const keys = await client.listApiKeys(emulator.orgId);
    expect(keys.map((k) => k.publicKey)).to.include(emulator.publicKey);
    const created = await client.createApiKey(emulator.orgId, {
      desc: "over https",
      roles: ["ORG_MEMBER"],
    });
    expect(created.desc).to.equal("over https");
    expect(warnings).to.deep.equal([]);
  });

  it("still refuses when caCertFile names a different CA", async () => {
    const emulator = await httpsEmulator(certs.signed);
    const client = createClient(settings(emulator, { caCertFile: certs.otherCaFile }, []));
    const error = await failureOf(client.listApiKeys(emulator.orgId));
    expect(error.code).to.equal("TLS");
  });

  it("reports an unreadable caCertFile as a TLS error before any request", () => {
    let thrown: unknown;
    try {
      createClient({
        baseUrl: "https://127.0.0.1:9",
        publicKey: "abcdefgh",
        privateKey: "not-a-real-private-key",
        accessListPath: "auto",
        caCertFile: "/nonexistent/ca.pem",
      });
    } catch (error) {
      thrown = error;
    }
    expect(isOpsManagerError(thrown)).to.equal(true);
    const error = thrown as OpsManagerError;
    expect(error.code).to.equal("TLS");
    expect(error.message).to.contain("/nonexistent/ca.pem");
    expect(error.message).to.contain("readable PEM file");
    expect(error.message).not.to.contain("not-a-real-private-key");
  });

  it("talks to a self-signed server with insecureSkipVerify, and warns once, loudly", async () => {
    const emulator = await httpsEmulator(certs.selfSigned);
    const warnings: string[] = [];
    const client = createClient(settings(emulator, { insecureSkipVerify: true }, warnings));
    await client.listApiKeys(emulator.orgId);
    await client.listApiKeys(emulator.orgId);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain("TLS certificate verification is OFF");
    expect(warnings[0]).to.contain(emulator.baseUrl);
    expect(warnings[0]).to.contain("Trust the PEM bundle of the CA");
    expect(warnings[0]).not.to.contain(emulator.privateKey);
  });

  it("takes the CA file and skip-verify switch from the mongocli environment variables", async () => {
    const signed = await httpsEmulator(certs.signed);
    const env = {
      MCLI_OPS_MANAGER_URL: signed.baseUrl,
      MCLI_PUBLIC_API_KEY: signed.publicKey,
      MCLI_PRIVATE_API_KEY: signed.privateKey,
      MCLI_OPS_MANAGER_CA_CERTIFICATE: certs.caFile,
    };
    const fromEnv = resolveSettings(() => undefined, env).client;
    expect(fromEnv.caCertFile).to.equal(certs.caFile);
    await createClient({ ...fromEnv, warn: () => undefined }).listApiKeys(signed.orgId);

    const selfSigned = await httpsEmulator(certs.selfSigned);
    const warnings: string[] = [];
    const skip = resolveSettings(() => undefined, {
      ...env,
      MCLI_OPS_MANAGER_URL: selfSigned.baseUrl,
      MCLI_PUBLIC_API_KEY: selfSigned.publicKey,
      MCLI_PRIVATE_API_KEY: selfSigned.privateKey,
      MCLI_OPS_MANAGER_CA_CERTIFICATE: undefined,
      MCLI_OPS_MANAGER_SKIP_VERIFY: "true",
    }).client;
    expect(skip.insecureSkipVerify).to.equal(true);
    await createClient({ ...skip, warn: (m) => warnings.push(m) }).listApiKeys(selfSigned.orgId);
    expect(warnings.join("\n")).to.contain("verification is OFF");
  });
});
