/**
 * Property-based tests of `check` for both resources under hostile input:
 * it never throws, never calls the API (a provider configured for a live emulator leaves its
 * request log empty; an unconfigured provider works the same), every failure names a declared
 * property with a short reason, the unknown sentinel passes through untouched, and what it
 * accepts is canonical and stable.
 */
import { expect } from "chai";
import fc from "fast-check";
import ipaddr from "ipaddr.js";
import { startEmulator, type Emulator } from "../../emulator";
import { configure, dispatch } from "../../provider/lifecycle/index";
import { UNKNOWN } from "../../provider/lifecycle/common/sentinel";
import { stackConfigOf } from "../chaos/lifecycle-context";
import { address, entryNews, hostileString, keyNews, objectId } from "./arbitraries";

const KEY_PROPERTIES = ["orgId", "description", "roles", "rotationTrigger", "existingApiKeyId"];
const ENTRY_PROPERTIES = ["orgId", "apiKeyId", "ipAddress", "cidrBlock"];
const RUNS = { numRuns: 400, seed: 20240505 };

interface Checked {
  readonly inputs: Record<string, unknown>;
  readonly failures: Array<{ property: unknown; reason: unknown }>;
}

function expectWellFormed(result: unknown, allowed: readonly string[]): Checked {
  const r = result as Checked;
  expect(r.inputs).to.be.an("object");
  expect(r.failures).to.be.an("array");
  for (const f of r.failures) {
    expect(allowed, `failure property ${String(f.property)}`).to.include(f.property);
    expect(f.reason).to.be.a("string").and.not.equal("");
    expect((f.reason as string).length, "reasons stay short even for huge values").to.be.below(
      1_000,
    );
    expect(f.reason as string).to.contain(String(f.property).replace(/Address|Block/, ""));
  }
  return r;
}

function failedProperties(r: Checked): string[] {
  return r.failures.map((f) => f.property as string);
}

describe("check under hostile input (fast-check)", function () {
  this.timeout(120_000);
  let emulator: Emulator;
  const configured = { kind: "OrgApiKey" };
  const configuredEntry = { kind: "ApiKeyWhitelistEntry" };
  const bare = { kind: "OrgApiKey" };
  const bareEntry = { kind: "ApiKeyWhitelistEntry" };

  before(async () => {
    emulator = await startEmulator({ seed: 5 });
    const config = stackConfigOf(emulator);
    for (const p of [configured, configuredEntry])
      configure(p, { config: { get: (k: string) => config[k] } });
  });
  after(async () => {
    expect(emulator.requests, "check must never call the API").to.have.length(0);
    await emulator.close();
  });
  afterEach(() => expect(emulator.requests.map((r) => `${r.method} ${r.path}`)).to.deep.equal([]));

  const check = (provider: object, news: unknown, olds: unknown = {}): Promise<unknown> =>
    dispatch(provider, "check", [olds, news]);

  it("OrgApiKey: never throws and every failure names a property, configured or not", async () => {
    await fc.assert(
      fc.asyncProperty(keyNews, keyNews, async (news, olds) => {
        expectWellFormed(await check(configured, news, olds), KEY_PROPERTIES);
        expectWellFormed(await check(bare, news, olds), KEY_PROPERTIES);
      }),
      RUNS,
    );
  });

  it("ApiKeyWhitelistEntry: never throws and every failure names a property, configured or not", async () => {
    await fc.assert(
      fc.asyncProperty(entryNews, entryNews, async (news, olds) => {
        expectWellFormed(await check(configuredEntry, news, olds), ENTRY_PROPERTIES);
        expectWellFormed(await check(bareEntry, news, olds), ENTRY_PROPERTIES);
      }),
      RUNS,
    );
  });

  it("passes the unknown sentinel through untouched for every property, without a failure for it", async () => {
    const cases = [
      ...KEY_PROPERTIES.map((p) => ({ provider: configured, p })),
      ...ENTRY_PROPERTIES.map((p) => ({ provider: configuredEntry, p })),
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...cases),
        keyNews,
        entryNews,
        async ({ provider, p }, k, e) => {
          const base = provider === configured ? k : e;
          const news = { ...(typeof base === "object" && base !== null ? base : {}), [p]: UNKNOWN };
          const r = expectWellFormed(
            await check(provider, news),
            provider === configured ? KEY_PROPERTIES : ENTRY_PROPERTIES,
          );
          expect(r.inputs[p]).to.equal(UNKNOWN);
          expect(failedProperties(r)).not.to.include(p);
        },
      ),
      { numRuns: 200, seed: 7 },
    );
  });

  it("keeps a sentinel inside the roles list and accepts the known roles beside it", async () => {
    await fc.assert(
      fc.asyncProperty(
        objectId,
        fc.subarray(["ORG_OWNER", "org_member", "ORG_READ_ONLY"]),
        async (orgId, known) => {
          const r = expectWellFormed(
            await check(configured, { orgId, description: "d", roles: [...known, UNKNOWN] }),
            KEY_PROPERTIES,
          );
          expect(r.failures).to.deep.equal([]);
          expect(r.inputs.roles).to.include(UNKNOWN);
        },
      ),
      { numRuns: 50, seed: 8 },
    );
  });

  it("names the property that holds a bad value: orgId, description, apiKeyId", async () => {
    const notId = hostileString.filter((s) => !/^[0-9a-fA-F]{24}$/.test(s) && s !== UNKNOWN);
    await fc.assert(
      fc.asyncProperty(notId, objectId, async (bad, good) => {
        const key = expectWellFormed(
          await check(configured, { orgId: bad, description: "d", roles: ["ORG_MEMBER"] }),
          KEY_PROPERTIES,
        );
        expect(failedProperties(key)).to.deep.equal(["orgId"]);
        const entry = expectWellFormed(
          await check(configuredEntry, { orgId: good, apiKeyId: bad, ipAddress: "10.0.0.1" }),
          ENTRY_PROPERTIES,
        );
        expect(failedProperties(entry)).to.deep.equal(["apiKeyId"]);
      }),
      { numRuns: 200, seed: 9 },
    );
  });

  it("accepts only canonical addresses and host-bit-free CIDRs, and accepting is stable", async () => {
    const field = fc.constantFrom("ipAddress", "cidrBlock");
    await fc.assert(
      fc.asyncProperty(objectId, objectId, field, address, async (orgId, apiKeyId, f, value) => {
        const r = expectWellFormed(
          await check(configuredEntry, { orgId, apiKeyId, [f]: value }),
          ENTRY_PROPERTIES,
        );
        if (r.failures.length > 0 || value === UNKNOWN) return;
        const text = r.inputs[f] as string;
        if (f === "ipAddress") {
          expect(ipaddr.isValid(text), text).to.equal(true);
        } else {
          const [net, prefix] = ipaddr.parseCIDR(text);
          const base = (net.kind() === "ipv4" ? ipaddr.IPv4 : ipaddr.IPv6).networkAddressFromCIDR(
            text,
          );
          expect(base.toString(), `${text} has no host bits`).to.equal(net.toString());
          expect(text).to.equal(`${text.split("/")[0]}/${prefix}`);
        }
        const again = expectWellFormed(
          await check(configuredEntry, r.inputs, r.inputs),
          ENTRY_PROPERTIES,
        );
        expect(again.failures).to.deep.equal([]);
        expect(again.inputs).to.deep.equal(r.inputs);
      }),
      { numRuns: 600, seed: 10 },
    );
  });

  it("OrgApiKey: a check that passes is stable when checked again", async () => {
    await fc.assert(
      fc.asyncProperty(keyNews, async (news) => {
        const r = expectWellFormed(await check(configured, news), KEY_PROPERTIES);
        if (r.failures.length > 0) return;
        const again = expectWellFormed(await check(configured, r.inputs, r.inputs), KEY_PROPERTIES);
        expect(again.failures).to.deep.equal([]);
        expect(again.inputs).to.deep.equal(r.inputs);
      }),
      RUNS,
    );
  });
});
