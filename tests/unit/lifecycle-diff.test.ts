import { expect } from "chai";
import fc from "fast-check";
import { diffOrgApiKey } from "../../provider/lifecycle/api-key/diff";
import { diffWhitelistEntry } from "../../provider/lifecycle/whitelist-entry/diff";
import { UNKNOWN } from "../../provider/lifecycle/common/sentinel";
import { TEST_ORG_ID } from "../support/ids";

const ORG = TEST_ORG_ID;
const OTHER_ORG = "5f0c8a1e2b3c4d5e6f708193";
const KEY = "60a1b2c3d4e5f60718293a4c";
const OTHER_KEY = "60a1b2c3d4e5f60718293a4d";

/** Old OUTPUTS of a key, as the engine passes them to diff. */
const keyOuts = {
  apiKeyId: KEY,
  publicKey: "qvhtkzma",
  privateKey: "3f2b7c1e-9a4d-4e8b-b6a1-0c9d8e7f6a5b",
  orgId: ORG,
  description: "ci key",
  roles: ["ORG_MEMBER", "ORG_OWNER"],
  rotationTrigger: null,
  existingApiKeyId: null,
  __provider: "old provider text",
};
/** Checked inputs matching keyOuts. */
const keyIns = {
  orgId: ORG,
  description: "ci key",
  roles: ["ORG_MEMBER", "ORG_OWNER"],
  __provider: "new provider text",
};

type Expected = { changes: boolean; replaces: string[] };

describe("lifecycle diff: OrgApiKey", () => {
  const table: Array<[string, Record<string, unknown>, Expected, Record<string, unknown>?]> = [
    ["nothing but __provider changed", {}, { changes: false, replaces: [] }],
    [
      "roles are the same set in another order",
      { roles: ["ORG_OWNER", "ORG_MEMBER"] },
      { changes: false, replaces: [] },
    ],
    ["the description changed", { description: "new" }, { changes: true, replaces: [] }],
    ["the roles changed", { roles: ["ORG_READ_ONLY"] }, { changes: true, replaces: [] }],
    ["the orgId changed", { orgId: OTHER_ORG }, { changes: true, replaces: ["orgId"] }],
    [
      "a rotationTrigger was added",
      { rotationTrigger: "2024-q3" },
      { changes: true, replaces: ["rotationTrigger"] },
    ],
    [
      "the rotationTrigger was removed",
      {},
      { changes: true, replaces: ["rotationTrigger"] },
      { rotationTrigger: "2024-q3" },
    ],
    [
      "existingApiKeyId names another key",
      { existingApiKeyId: OTHER_KEY },
      { changes: true, replaces: ["existingApiKeyId"] },
    ],
    [
      "existingApiKeyId names the key already managed",
      { existingApiKeyId: KEY },
      { changes: true, replaces: [] },
    ],
    [
      "an adopted key's rotationTrigger changed (replacing would delete the adopted key)",
      { existingApiKeyId: KEY, rotationTrigger: "r2" },
      { changes: true, replaces: [] },
      { existingApiKeyId: KEY, rotationTrigger: "r1" },
    ],
    [
      "existingApiKeyId was removed from an adopted key",
      {},
      { changes: true, replaces: ["existingApiKeyId"] },
      { existingApiKeyId: KEY },
    ],
    ["the description is unknown", { description: UNKNOWN }, { changes: true, replaces: [] }],
    ["the whole roles list is unknown", { roles: UNKNOWN }, { changes: true, replaces: [] }],
    ["one role is unknown", { roles: ["ORG_MEMBER", UNKNOWN] }, { changes: true, replaces: [] }],
    ["the orgId is unknown", { orgId: UNKNOWN }, { changes: true, replaces: ["orgId"] }],
    [
      "the rotationTrigger is unknown",
      { rotationTrigger: UNKNOWN },
      { changes: true, replaces: ["rotationTrigger"] },
    ],
    [
      "the existingApiKeyId is unknown",
      { existingApiKeyId: UNKNOWN },
      { changes: true, replaces: ["existingApiKeyId"] },
    ],
  ];
  for (const [what, newOverrides, expected, oldOverrides] of table) {
    it(`when ${what}: changes=${expected.changes}, replaces=[${expected.replaces.join(", ")}]`, () => {
      const result = diffOrgApiKey(
        KEY,
        { ...keyOuts, ...oldOverrides },
        { ...keyIns, ...newOverrides },
      );
      expect(result).to.deep.equal({ ...expected, deleteBeforeReplace: false });
    });
  }

  it("answers changes explicitly even for empty or malformed olds", () => {
    for (const olds of [{}, null, undefined, "junk"]) {
      const result = diffOrgApiKey(KEY, olds, keyIns);
      expect(result.changes).to.be.a("boolean");
      expect(result.changes).to.equal(true);
    }
  });
});

/** Old OUTPUTS of an entry declared with ipAddress 1.2.3.4. */
const entryOuts = {
  orgId: ORG,
  apiKeyId: KEY,
  cidrBlock: "1.2.3.4/32",
  ipAddress: "1.2.3.4",
  created: "2024-03-05T10:15:30Z",
  count: 0,
  lastUsed: null,
  lastUsedAddress: null,
  __provider: "old provider text",
};
const entryIns = {
  orgId: ORG,
  apiKeyId: KEY,
  ipAddress: "1.2.3.4",
  __provider: "new provider text",
};

describe("lifecycle diff: ApiKeyWhitelistEntry", () => {
  const table: Array<[string, Record<string, unknown>, Expected]> = [
    ["nothing but __provider changed", {}, { changes: false, replaces: [] }],
    [
      "1.2.3.4 is declared as 1.2.3.4/32",
      { ipAddress: undefined, cidrBlock: "1.2.3.4/32" },
      { changes: false, replaces: [] },
    ],
    ["the address changed", { ipAddress: "1.2.3.5" }, { changes: true, replaces: ["ipAddress"] }],
    [
      "the address became a network",
      { ipAddress: undefined, cidrBlock: "1.2.3.0/24" },
      { changes: true, replaces: ["cidrBlock"] },
    ],
    ["the key changed", { apiKeyId: OTHER_KEY }, { changes: true, replaces: ["apiKeyId"] }],
    ["the org changed", { orgId: OTHER_ORG }, { changes: true, replaces: ["orgId"] }],
    ["the key is unknown", { apiKeyId: UNKNOWN }, { changes: true, replaces: ["apiKeyId"] }],
    ["the address is unknown", { ipAddress: UNKNOWN }, { changes: true, replaces: ["ipAddress"] }],
    ["the org is unknown", { orgId: UNKNOWN }, { changes: true, replaces: ["orgId"] }],
  ];
  for (const [what, overrides, expected] of table) {
    it(`when ${what}: changes=${expected.changes}, replaces=[${expected.replaces.join(", ")}]`, () => {
      const result = diffWhitelistEntry(`${KEY}/1.2.3.4/32`, entryOuts, {
        ...entryIns,
        ...overrides,
      });
      expect(result).to.deep.equal({ ...expected, deleteBeforeReplace: false });
    });
  }

  it("creates first even when the replacement reuses the same address on the same key", () => {
    // Delete-first would leave the key without the entry if the create failed; the ownership
    // record keeps the old half's delete from removing the re-added entry instead.
    const result = diffWhitelistEntry(`${KEY}/1.2.3.4/32`, entryOuts, {
      ...entryIns,
      orgId: OTHER_ORG,
    });
    expect(result.deleteBeforeReplace).to.equal(false);
  });

  it("compares IPv6 entries in canonical form", () => {
    const olds = { ...entryOuts, cidrBlock: "2001:db8::1/128", ipAddress: "2001:db8::1" };
    const news = { ...entryIns, ipAddress: undefined, cidrBlock: "2001:DB8:0:0:0:0:0:1/128" };
    expect(diffWhitelistEntry("id", olds, news).changes).to.equal(false);
  });

  it("treats an undecidable new address as a replacement rather than no change", () => {
    const result = diffWhitelistEntry("id", entryOuts, {
      ...entryIns,
      ipAddress: "not an address",
    });
    expect(result).to.deep.equal({
      changes: true,
      replaces: ["ipAddress"],
      deleteBeforeReplace: false,
    });
  });
});

describe("lifecycle diff properties", () => {
  it("never throws and always answers changes as a boolean, whatever the olds and news", () => {
    const bag = fc.oneof(
      fc.anything({ withNullPrototype: true }),
      fc.dictionary(fc.string(), fc.anything()),
    );
    fc.assert(
      fc.property(bag, bag, (olds, news) => {
        for (const result of [
          diffOrgApiKey("id", olds, news),
          diffWhitelistEntry("id", olds, news),
        ]) {
          expect(result.changes).to.be.a("boolean");
          expect(result.deleteBeforeReplace).to.be.a("boolean");
          expect(result.replaces).to.be.an("array");
        }
      }),
      { seed: 20240817, numRuns: 300 },
    );
  });

  it("reports no change when the checked inputs equal the outputs they produced", () => {
    fc.assert(
      fc.property(
        fc.subarray(["ORG_OWNER", "ORG_MEMBER", "ORG_READ_ONLY", "ORG_GROUP_CREATOR"], {
          minLength: 1,
        }),
        fc.string({ minLength: 1, maxLength: 40 }),
        (roles, description) => {
          const outs = { ...keyOuts, roles: [...roles].sort(), description };
          const news = { ...keyIns, roles: [...roles].reverse(), description };
          expect(diffOrgApiKey(KEY, outs, news).changes).to.equal(false);
        },
      ),
      { seed: 20240817, numRuns: 100 },
    );
  });
});
