import { expect } from "chai";
import fc from "fast-check";
import ipaddr from "ipaddr.js";
import { checkOrgApiKey } from "../../provider/lifecycle/api-key/check";
import { checkWhitelistEntry } from "../../provider/lifecycle/whitelist-entry/check";
import { UNKNOWN } from "../../provider/lifecycle/common/sentinel";
import { entry, failureFor, key } from "./lifecycle-check-support";

const SEED = 20240817;

describe("lifecycle check properties", () => {
  const keyProperties = ["orgId", "description", "roles", "rotationTrigger", "existingApiKeyId"];
  const entryProperties = ["orgId", "apiKeyId", "ipAddress", "cidrBlock"];
  const hostile = fc.oneof(
    fc.anything(),
    fc.string({ unit: "binary", maxLength: 300 }),
    fc.string({ minLength: 5000, maxLength: 20000 }),
    fc.constant(UNKNOWN),
  );

  it("never throws, and every failure names an input and has a bounded reason", () => {
    const bag = (names: string[]) =>
      fc.record(Object.fromEntries(names.map((n) => [n, hostile])), { requiredKeys: [] });
    fc.assert(
      fc.property(bag(keyProperties), bag(entryProperties), fc.anything(), (k, e, junk) => {
        for (const [result, names] of [
          [checkOrgApiKey(junk, k), keyProperties],
          [checkWhitelistEntry(junk, e), entryProperties],
          [checkOrgApiKey({}, junk), keyProperties],
          [checkWhitelistEntry({}, junk), entryProperties],
        ] as const) {
          for (const f of result.failures) {
            expect(names).to.include(f.property);
            expect(f.reason.length).to.be.lessThan(600);
          }
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("returns the sentinel unchanged wherever it replaces an input, at any depth", () => {
    fc.assert(
      fc.property(fc.constantFrom(...keyProperties), fc.boolean(), (property, nested) => {
        const value = nested && property === "roles" ? ["ORG_MEMBER", UNKNOWN] : UNKNOWN;
        const result = checkOrgApiKey({}, key({ [property]: value }));
        expect(result.failures.filter((f) => f.property === property)).to.deep.equal([]);
        expect(JSON.stringify(result.inputs[property])).to.include(UNKNOWN);
      }),
      { seed: SEED, numRuns: 50 },
    );
    fc.assert(
      fc.property(fc.constantFrom(...entryProperties), (property) => {
        const base = property === "cidrBlock" ? entry({ ipAddress: undefined }) : entry();
        const result = checkWhitelistEntry({}, { ...base, [property]: UNKNOWN });
        expect(result.failures.filter((f) => f.property === property)).to.deep.equal([]);
        expect(result.inputs[property]).to.equal(UNKNOWN);
      }),
      { seed: SEED, numRuns: 20 },
    );
  });

  it("canonicalizes every address the way ipaddr.js prints it, idempotently", () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), (address) => {
        const first = checkWhitelistEntry({}, entry({ ipAddress: address }));
        expect(first.failures).to.deep.equal([]);
        const parsed = ipaddr.parse(address);
        const expected =
          parsed.kind() === "ipv6" ? (parsed as ipaddr.IPv6).toRFC5952String() : parsed.toString();
        expect(first.inputs.ipAddress).to.equal(expected);
        expect(checkWhitelistEntry({}, first.inputs).inputs).to.deep.equal(first.inputs);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it("accepts a CIDR exactly when its host bits are clear, and the suggested fix is accepted", () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), fc.nat(128), (address, n) => {
        const max = address.includes(":") ? 128 : 32;
        const prefix = n % (max + 1);
        const cidr = `${address}/${prefix}`;
        const result = checkWhitelistEntry({}, entry({ ipAddress: undefined, cidrBlock: cidr }));
        if (hostBitsClear(address, prefix)) {
          expect(result.failures).to.deep.equal([]);
        } else {
          const suggestion = /did you mean (\S+)\?$/.exec(
            failureFor(result, "cidrBlock"),
          )?.[1] as string;
          const fixed = checkWhitelistEntry(
            {},
            entry({ ipAddress: undefined, cidrBlock: suggestion }),
          );
          expect(fixed.failures).to.deep.equal([]);
          expect(fixed.inputs.cidrBlock).to.equal(suggestion);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});

/** True when every bit after `prefix` of the address is zero (independent of the code under test). */
function hostBitsClear(address: string, prefix: number): boolean {
  const bytes = ipaddr.parse(address).toByteArray();
  return bytes.every((byte, i) => {
    const hostBits = Math.max(0, Math.min(8, (i + 1) * 8 - prefix));
    return (byte & ((1 << hostBits) - 1)) === 0;
  });
}
