import { expect } from "chai";
import { checkOrgApiKey } from "../../provider/lifecycle/api-key/check";
import { checkWhitelistEntry } from "../../provider/lifecycle/whitelist-entry/check";
import { UNKNOWN } from "../../provider/lifecycle/common/sentinel";
import { entry, failureFor, key, KEY, ORG, PROVIDER } from "./lifecycle-check-support";

describe("lifecycle check: OrgApiKey", () => {
  it("normalizes roles to an upper-case, deduplicated, sorted set and ids to lower case", () => {
    const result = checkOrgApiKey(
      {},
      key({ orgId: ORG.toUpperCase(), roles: [" org_owner", "ORG_MEMBER", "org_member"] }),
    );
    expect(result.failures).to.deep.equal([]);
    expect(result.inputs).to.deep.equal(key({ roles: ["ORG_MEMBER", "ORG_OWNER"] }));
  });

  it("keeps __provider untouched and drops properties that are not inputs", () => {
    const result = checkOrgApiKey({}, key({ privateKey: "x", extra: 1 }));
    expect(result.inputs.__provider).to.equal(PROVIDER);
    expect(result.inputs).to.not.have.any.keys("privateKey", "extra");
  });

  const invalid: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["a short orgId", { orgId: "abc" }, "orgId", /24-character hex id/],
    ["a missing orgId", { orgId: undefined }, "orgId", /not set/],
    ["a non-string description", { description: 42 }, "description", /string of 1 to 250/],
    ["an empty description", { description: "  " }, "description", /must not be empty/],
    [
      "a 251-character description",
      { description: "d".repeat(251) },
      "description",
      /251 UTF-16 code units .*at most 250/,
    ],
    [
      "an unknown role",
      { roles: ["ORG_MEMBER", "GROUP_OWNER"] },
      "roles",
      /GROUP_OWNER.*allowed roles: .*ORG_OWNER/,
    ],
    ["an empty role list", { roles: [] }, "roles", /at least one role/],
    ["roles that are not a list", { roles: "ORG_MEMBER" }, "roles", /list of role names/],
    ["a non-string role", { roles: [7] }, "roles", /only strings/],
    ["a numeric rotationTrigger", { rotationTrigger: 3 }, "rotationTrigger", /must be a string/],
    [
      "a malformed existingApiKeyId",
      { existingApiKeyId: "nope" },
      "existingApiKeyId",
      /24-character hex id/,
    ],
  ];
  for (const [what, overrides, property, reason] of invalid) {
    it(`rejects ${what}, naming ${property}`, () => {
      expect(failureFor(checkOrgApiKey({}, key(overrides)), property)).to.match(reason);
    });
  }

  it("counts description length in UTF-16 code units, as Ops Manager (Java) does", () => {
    expect(checkOrgApiKey({}, key({ description: "🔑".repeat(125) })).failures).to.deep.equal([]);
    const tooLong = "a" + "🔑".repeat(130); // 131 characters, 261 code units
    expect(failureFor(checkOrgApiKey({}, key({ description: tooLong })), "description")).to.match(
      /261 UTF-16 code units long \(131 characters\).*at most 250/,
    );
  });

  it("passes the unknown sentinel through for every input, including a whole roles list", () => {
    const news = key({
      orgId: UNKNOWN,
      description: UNKNOWN,
      roles: UNKNOWN,
      rotationTrigger: UNKNOWN,
      existingApiKeyId: UNKNOWN,
    });
    const result = checkOrgApiKey({}, news);
    expect(result.failures).to.deep.equal([]);
    expect(result.inputs).to.deep.equal(news);
  });

  it("keeps unknown role elements while normalizing the known ones", () => {
    const result = checkOrgApiKey({}, key({ roles: ["org_owner", UNKNOWN] }));
    expect(result.failures).to.deep.equal([]);
    expect(result.inputs.roles).to.deep.equal(["ORG_OWNER", UNKNOWN]);
  });
});

describe("lifecycle check: ApiKeyWhitelistEntry", () => {
  const canonical: Array<[string, Record<string, unknown>, Record<string, unknown>]> = [
    ["an IPv4 address", { ipAddress: " 203.0.113.7 " }, { ipAddress: "203.0.113.7" }],
    ["an IPv6 address", { ipAddress: "2001:DB8:0:0:0:0:0:1" }, { ipAddress: "2001:db8::1" }],
    [
      "an IPv4 CIDR",
      { ipAddress: undefined, cidrBlock: "10.0.0.0/24" },
      { cidrBlock: "10.0.0.0/24" },
    ],
    [
      "an IPv6 CIDR",
      { ipAddress: undefined, cidrBlock: "2001:DB8:0::/32" },
      { cidrBlock: "2001:db8::/32" },
    ],
    ["a /32 CIDR", { ipAddress: null, cidrBlock: "10.1.2.3/32" }, { cidrBlock: "10.1.2.3/32" }],
  ];
  for (const [what, overrides, expected] of canonical) {
    it(`accepts ${what} in canonical form`, () => {
      const result = checkWhitelistEntry({}, entry(overrides));
      expect(result.failures).to.deep.equal([]);
      expect(result.inputs).to.deep.equal({
        orgId: ORG,
        apiKeyId: KEY,
        __provider: PROVIDER,
        ...expected,
      });
    });
  }

  it("suggests the network when a CIDR has host bits set", () => {
    const result = checkWhitelistEntry(
      {},
      entry({ ipAddress: undefined, cidrBlock: "10.0.0.1/24" }),
    );
    expect(failureFor(result, "cidrBlock")).to.include(
      '"10.0.0.1/24" has host bits set; did you mean 10.0.0.0/24?',
    );
  });

  const invalid: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["both ipAddress and cidrBlock", { cidrBlock: "10.0.0.0/24" }, "cidrBlock", /exactly one/],
    [
      "neither ipAddress nor cidrBlock",
      { ipAddress: undefined },
      "ipAddress",
      /set one of ipAddress/,
    ],
    ["a CIDR in ipAddress", { ipAddress: "10.0.0.0/24" }, "ipAddress", /set cidrBlock instead/],
    [
      "a bare address in cidrBlock",
      { ipAddress: undefined, cidrBlock: "10.0.0.7" },
      "cidrBlock",
      /10\.0\.0\.7\/32/,
    ],
    [
      "a leading-zero octet",
      { ipAddress: "010.0.0.1" },
      "ipAddress",
      /not an IPv4 or IPv6 address/,
    ],
    ["a zone id", { ipAddress: "fe80::1%eth0" }, "ipAddress", /not an IPv4 or IPv6 address/],
    [
      "a prefix too long",
      { ipAddress: undefined, cidrBlock: "10.0.0.0/33" },
      "cidrBlock",
      /0 to 32/,
    ],
    [
      "a padded prefix",
      { ipAddress: undefined, cidrBlock: "10.0.0.0/024" },
      "cidrBlock",
      /invalid prefix/,
    ],
    [
      "an IPv6 host-bits CIDR",
      { ipAddress: undefined, cidrBlock: "2001:db8::1/64" },
      "cidrBlock",
      /did you mean 2001:db8::\/64\?/,
    ],
    ["a numeric ipAddress", { ipAddress: 167772161 }, "ipAddress", /must be a string/],
    ["a malformed apiKeyId", { apiKeyId: "k" }, "apiKeyId", /24-character hex/],
  ];
  for (const [what, overrides, property, reason] of invalid) {
    it(`rejects ${what}, naming ${property}`, () => {
      expect(failureFor(checkWhitelistEntry({}, entry(overrides)), property)).to.match(reason);
    });
  }

  it("passes the unknown sentinel through for ids and the address", () => {
    const news = entry({ orgId: UNKNOWN, apiKeyId: UNKNOWN, ipAddress: UNKNOWN });
    const result = checkWhitelistEntry({}, news);
    expect(result.failures).to.deep.equal([]);
    expect(result.inputs).to.deep.equal(news);
  });
});
