/**
 * Tier 3: Check normalization/failures and preview unknowns through the real host. Check is pure
 * and offline, and Diff with driftCheck state too: the emulator log must stay empty.
 */
import { expect } from "chai";
import { UNKNOWN } from "../../engine-harness/host";
import { entryUrn, keyUrn, openScenario, type Scenario } from "./support/suite";

const OTHER_ORG = "0123456789abcdef01234567";

describe("host: Check and preview unknowns", function () {
  this.timeout(60000);
  let s: Scenario;
  let keyProvider: string;
  let entryProvider: string;

  before(async () => {
    s = await openScenario();
    keyProvider = s.providers.OrgApiKey;
    entryProvider = s.providers.ApiKeyWhitelistEntry;
  });
  beforeEach(() => s.emulator.clearLog());
  afterEach(() =>
    expect(
      s.emulator.requests.map((r) => `${r.method} ${r.path}`),
      "API requests",
    ).to.deep.equal([]),
  );
  after(async () => void (await s?.close()));

  const keyNews = (over: Record<string, unknown> = {}) => ({
    orgId: s.emulator.orgId,
    description: "ci",
    roles: ["ORG_MEMBER"],
    __provider: keyProvider,
    ...over,
  });
  const entryNews = (over: Record<string, unknown> = {}) => ({
    orgId: s.emulator.orgId,
    apiKeyId: OTHER_ORG,
    __provider: entryProvider,
    ...over,
  });

  it("upper-cases, dedupes and sorts roles as a set", async () => {
    const res = await s.host.check(
      keyUrn("k"),
      {},
      keyNews({ roles: ["org_read_only", "ORG_MEMBER", "Org_Member"] }),
    );
    expect(res.failures).to.deep.equal([]);
    expect(res.inputs.roles).to.deep.equal(["ORG_MEMBER", "ORG_READ_ONLY"]);
    expect(res.inputs.__provider).to.equal(keyProvider);
  });

  it("rejects a malformed orgId and an unknown role with reasons naming the property", async () => {
    const res = await s.host.check(
      keyUrn("k"),
      {},
      keyNews({ orgId: "not-an-org", roles: ["ORG_WIZARD"] }),
    );
    const props = res.failures.map((f) => f.property).sort();
    expect(props).to.deep.equal(["orgId", "roles"]);
    expect(res.failures.find((f) => f.property === "orgId")!.reason).to.match(/24.*hex/i);
    expect(res.failures.find((f) => f.property === "roles")!.reason).to.include("ORG_WIZARD");
  });

  it("suggests the network address when a CIDR has host bits set", async () => {
    const res = await s.host.check(entryUrn("e"), {}, entryNews({ cidrBlock: "10.0.0.1/24" }));
    expect(res.failures.map((f) => f.property)).to.deep.equal(["cidrBlock"]);
    expect(res.failures[0].reason).to.include("10.0.0.0/24");
  });

  it("rejects an entry that sets both ipAddress and cidrBlock", async () => {
    const res = await s.host.check(
      entryUrn("e"),
      {},
      entryNews({ ipAddress: "1.2.3.4", cidrBlock: "1.2.3.0/24" }),
    );
    expect(res.failures.length).to.be.greaterThan(0);
    expect(res.failures.map((f) => f.reason).join(" ")).to.match(
      /one of ipAddress .*cidrBlock|not both/i,
    );
  });

  it("canonicalizes IPv6 addresses and networks", async () => {
    const ip = await s.host.check(entryUrn("e"), {}, entryNews({ ipAddress: "2001:DB8:0:0::1" }));
    const net = await s.host.check(
      entryUrn("e"),
      {},
      entryNews({ cidrBlock: "2001:DB8:0:0::/32" }),
    );
    expect([...ip.failures, ...net.failures]).to.deep.equal([]);
    expect(ip.inputs.ipAddress).to.equal("2001:db8::1");
    expect(net.inputs.cidrBlock).to.equal("2001:db8::/32");
  });

  it("passes the unknown sentinel through Check untouched at any depth", async () => {
    const key = await s.host.check(
      keyUrn("k"),
      {},
      keyNews({ orgId: UNKNOWN, description: UNKNOWN, roles: UNKNOWN }),
    );
    expect(key.failures).to.deep.equal([]);
    expect(key.inputs).to.include({ orgId: UNKNOWN, description: UNKNOWN, roles: UNKNOWN });
    const nested = await s.host.check(keyUrn("k"), {}, keyNews({ roles: ["org_member", UNKNOWN] }));
    expect(nested.failures).to.deep.equal([]);
    expect(nested.inputs.roles).to.include(UNKNOWN);
    const entry = await s.host.check(
      entryUrn("e"),
      {},
      entryNews({ apiKeyId: UNKNOWN, ipAddress: UNKNOWN }),
    );
    expect(entry.failures).to.deep.equal([]);
    expect(entry.inputs).to.include({ apiKeyId: UNKNOWN, ipAddress: UNKNOWN });
  });

  it("answers a Diff with an unknown updatable value as an in-place change", async () => {
    const olds = {
      apiKeyId: OTHER_ORG,
      orgId: s.emulator.orgId,
      description: "ci",
      roles: ["ORG_MEMBER"],
      __provider: keyProvider,
    };
    const res = await s.host.diff(OTHER_ORG, keyUrn("k"), olds, keyNews({ description: UNKNOWN }));
    expect(res.changes).to.equal("DIFF_SOME");
    expect(res.replaces).to.deep.equal([]);
  });

  it("answers a Diff with an unknown replace key as a replacement", async () => {
    const olds = {
      apiKeyId: OTHER_ORG,
      orgId: s.emulator.orgId,
      description: "ci",
      roles: ["ORG_MEMBER"],
      __provider: keyProvider,
    };
    const key = await s.host.diff(OTHER_ORG, keyUrn("k"), olds, keyNews({ orgId: UNKNOWN }));
    expect(key.changes).to.equal("DIFF_SOME");
    expect(key.replaces).to.include("orgId");
    const oldEntry = {
      orgId: s.emulator.orgId,
      apiKeyId: OTHER_ORG,
      cidrBlock: "1.2.3.4/32",
      ipAddress: "1.2.3.4",
      __provider: entryProvider,
    };
    const entry = await s.host.diff(
      `${OTHER_ORG}/1.2.3.4/32`,
      entryUrn("e"),
      oldEntry,
      entryNews({ apiKeyId: UNKNOWN, ipAddress: "1.2.3.4" }),
    );
    expect(entry.changes).to.equal("DIFF_SOME");
    expect(entry.replaces).to.include("apiKeyId");
  });
});
