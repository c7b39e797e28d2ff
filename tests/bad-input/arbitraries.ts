/**
 * fast-check generators of hostile `check` inputs: random and nasty strings, address
 * and CIDR look-alikes, role names, descriptions, unicode, huge values, non-string types, and the
 * engine's unknown sentinel at any depth.
 */
import fc from "fast-check";
import { UNKNOWN } from "../../provider/lifecycle/common/sentinel";

/** Strings people (and attackers) type: control characters, injections, look-alikes. */
const NASTY_STRINGS = [
  "",
  " ",
  "\t",
  "\n",
  "\u0000",
  "\u202e",
  "\ufeff",
  "null",
  "undefined",
  "NaN",
  "[object Object]",
  "__proto__",
  "constructor",
  "toString",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "${jndi:ldap://x}",
  "../../etc/passwd",
  "%2F",
  "%00",
  "a/b",
  "\\",
  "😀",
  "Ω≈ç√",
  "ǅ",
  "ＯＲＧ＿ＯＷＮＥＲ",
  UNKNOWN,
  `${UNKNOWN} `,
  UNKNOWN.toUpperCase(),
];

/** Address and CIDR look-alikes, valid and not. */
const ADDRESSY = [
  "10.0.0.1",
  "10.0.0.1/32",
  "10.0.0.1/24",
  "10.0.0.0/24",
  "0.0.0.0/0",
  "255.255.255.255",
  "256.0.0.1",
  "1.2.3",
  "1.2.3.4.5",
  "01.02.03.04",
  "0x7f.0.0.1",
  "127.1",
  "1.2.3.4/33",
  "1.2.3.4/-1",
  "1.2.3.4/",
  "/24",
  "1.2.3.4/024",
  " 1.2.3.4",
  "1.2.3.4\n",
  "1.2.3.4 /24",
  "::",
  "::1",
  "::/0",
  "::ffff:1.2.3.4",
  "2001:db8::1",
  "2001:DB8::/32",
  "2001:db8::1/64",
  "2001:0db8:0000:0000:0000:0000:0000:0001",
  "fe80::1%eth0",
  "fe80::1%25eth0",
  "2001:db8:::1",
  "1::2::3",
  "2001:db8::/129",
  "[::1]",
  "1.2.3.4%eth0",
  "localhost",
  "example.com",
  "1.2.3.4:80",
];

const ROLE_NAMES = [
  "ORG_OWNER",
  "org_member",
  " Org_Read_Only ",
  "ORG_GROUP_CREATOR",
  "ORG_BILLING_ADMIN",
  "GROUP_OWNER",
  "ORG_OWNER ",
  "ORG-OWNER",
  "",
  "ORG_OWNER\u0000",
  "ＯＲＧ＿ＯＷＮＥＲ",
];

/** A 24-hex id (valid `orgId` / `apiKeyId`). */
export const objectId = fc.stringMatching(/^[0-9a-f]{24}$/);

/** Any hostile string, including huge and full-unicode ones. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_STRINGS, ...ADDRESSY, ...ROLE_NAMES) },
  { weight: 3, arbitrary: fc.string({ unit: "binary", maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 300 }) },
  { weight: 1, arbitrary: fc.stringMatching(/^[0-9a-fA-F]{20,28}$/) },
  { weight: 1, arbitrary: fc.constantFrom(10_000, 300_000).map((n) => "x".repeat(n)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => `${s}${UNKNOWN}`) },
);

/** Non-string values of every JSON-ish and non-JSON type. */
export const nonString: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    undefined,
    true,
    false,
    0,
    -0,
    NaN,
    Infinity,
    -Infinity,
    1e308,
    2 ** 53 + 1,
  ),
  fc.integer(),
  fc.double(),
  fc.constantFrom([], {}, [[]], { __proto__: null }, Object.create(null) as object),
  fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(UNKNOWN)), {
    maxLength: 5,
  }),
  fc.dictionary(
    fc.string({ maxLength: 8 }),
    fc.oneof(fc.string({ maxLength: 8 }), fc.constant(UNKNOWN)),
    { maxKeys: 4 },
  ),
  fc.constantFrom(() => 1, Symbol("s"), 10n, new Date(0), /re/, new Map()),
);

/** The sentinel itself or a structure holding it somewhere inside. */
export const unknownAtDepth: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(UNKNOWN),
    fc.array(tie("node"), { minLength: 1, maxLength: 3 }),
    fc.tuple(fc.string({ maxLength: 6 }), tie("node")).map(([k, v]) => ({ [k || "k"]: v })),
  ),
})).node;

/** Any value a hostile or buggy program could put in a property. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: nonString },
  { weight: 1, arbitrary: unknownAtDepth },
  { weight: 1, arbitrary: fc.anything() },
);

/** A role list: valid names, hostile strings, non-strings and sentinels mixed. */
export const roles: fc.Arbitrary<unknown> = fc.oneof(
  fc.array(
    fc.oneof(fc.constantFrom(...ROLE_NAMES), hostileString, nonString, fc.constant(UNKNOWN)),
    { maxLength: 8 },
  ),
  fc.constant(UNKNOWN),
  anyValue,
  fc.constant(Array.from({ length: 5_000 }, (_, i) => `ROLE_${i}`)),
);

/** An address-ish value for `ipAddress` / `cidrBlock`. */
export const address: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ADDRESSY) },
  { weight: 2, arbitrary: fc.ipV4().map((ip) => ip) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.ipV4(), fc.integer({ min: -2, max: 40 })).map(([ip, p]) => `${ip}/${p}`),
  },
  { weight: 2, arbitrary: fc.ipV6() },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 130 })).map(([ip, p]) => `${ip}/${p}`),
  },
  { weight: 1, arbitrary: fc.ipV4Extended() },
  { weight: 2, arbitrary: anyValue },
);

/** Sometimes absent, else a value from `arb` (absent keys are left out of the record). */
function maybe(arb: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.option(arb, { nil: undefined, freq: 4 });
}

/** OrgApiKey `news`: every field hostile or valid, plus stray fields; sometimes not an object at all. */
export const keyNews: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        orgId: fc.oneof(objectId, anyValue),
        description: fc.oneof(fc.string({ minLength: 1, maxLength: 250 }), anyValue),
        roles,
        rotationTrigger: maybe(anyValue),
        existingApiKeyId: maybe(fc.oneof(objectId, anyValue)),
        extra: maybe(anyValue),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: anyValue },
);

/** ApiKeyWhitelistEntry `news`, same idea. */
export const entryNews: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record(
      {
        orgId: fc.oneof(objectId, anyValue),
        apiKeyId: fc.oneof(objectId, anyValue),
        ipAddress: maybe(address),
        cidrBlock: maybe(address),
        extra: maybe(anyValue),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: anyValue },
);
