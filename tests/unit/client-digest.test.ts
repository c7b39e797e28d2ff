import { expect } from "chai";
import {
  authorizationHeader,
  digestResponse,
  formatNonceCount,
  parseChallenge,
  type DigestChallenge,
} from "../../provider/client/digest";
import { createDigestSession } from "../../provider/client/digest-session";

const RFC_CHALLENGE: DigestChallenge = {
  realm: "testrealm@host.com",
  nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093",
  qop: ["auth"],
  algorithm: "MD5",
  opaque: "5ccc069c403ebaf9f0171e9517f40e41",
  stale: false,
};

/** Directives of an Authorization header, for assertions. */
function directives(header: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of header.slice("Digest ".length).matchAll(/(\w+)=(?:"([^"]*)"|([^,\s]*))/g)) {
    out[m[1]] = m[2] ?? m[3];
  }
  return out;
}

describe("client digest", () => {
  it("reproduces the RFC 2617 (section 3.5) response for Mufasa", () => {
    const response = digestResponse({
      username: "Mufasa",
      password: "Circle Of Life",
      method: "GET",
      uri: "/dir/index.html",
      challenge: RFC_CHALLENGE,
      nc: 1,
      cnonce: "0a4f113b",
    });
    expect(response).to.equal("6629fae49393a05397450978507c4ef1");
  });

  it("builds an Authorization header carrying the RFC vector's directives", () => {
    const header = authorizationHeader({
      username: "Mufasa",
      password: "Circle Of Life",
      method: "GET",
      uri: "/dir/index.html",
      challenge: RFC_CHALLENGE,
      nc: 1,
      cnonce: "0a4f113b",
    });
    expect(header.startsWith("Digest ")).to.equal(true);
    expect(directives(header)).to.deep.equal({
      username: "Mufasa",
      realm: "testrealm@host.com",
      nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093",
      uri: "/dir/index.html",
      algorithm: "MD5",
      response: "6629fae49393a05397450978507c4ef1",
      qop: "auth",
      nc: "00000001",
      cnonce: "0a4f113b",
      opaque: "5ccc069c403ebaf9f0171e9517f40e41",
    });
    expect(header).to.not.include("Circle Of Life");
  });

  it("parses the Ops Manager challenge exactly as the server prints it", () => {
    const challenge = parseChallenge(
      'Digest realm="MMS Public API", domain="", nonce="kWVA9Ciu7lNaN5QdjPe8kxPMReVjbt+B", algorithm=MD5, qop="auth", stale=false',
    );
    expect(challenge).to.deep.equal({
      realm: "MMS Public API",
      nonce: "kWVA9Ciu7lNaN5QdjPe8kxPMReVjbt+B",
      qop: ["auth"],
      algorithm: "MD5",
      opaque: undefined,
      stale: false,
    });
  });

  it("reads stale=true and quoted commas", () => {
    const challenge = parseChallenge(
      'Digest realm="a, b", nonce="n1", qop="auth,auth-int", stale=TRUE',
    );
    expect(challenge?.realm).to.equal("a, b");
    expect(challenge?.stale).to.equal(true);
    expect(challenge?.qop).to.deep.equal(["auth", "auth-int"]);
  });

  it("rejects headers it cannot answer", () => {
    expect(parseChallenge(undefined)).to.equal(undefined);
    expect(parseChallenge('Basic realm="x"')).to.equal(undefined);
    expect(parseChallenge('Digest realm="x"')).to.equal(undefined);
    expect(parseChallenge('Digest realm="x", nonce="n", algorithm=MD5-sess')).to.equal(undefined);
    expect(parseChallenge('Digest realm="x", nonce="n", qop="auth-int"')).to.equal(undefined);
  });

  it("formats nc as eight hex digits", () => {
    expect(formatNonceCount(1)).to.equal("00000001");
    expect(formatNonceCount(255)).to.equal("000000ff");
  });

  describe("session", () => {
    it("sends nothing before the first challenge", () => {
      const session = createDigestSession("user", "pw", () => "c");
      expect(session.authorize("GET", "/x")).to.equal(undefined);
    });

    it("hands out strictly increasing nc per nonce and restarts at 1 for a new nonce", () => {
      const session = createDigestSession("user", "pw", () => "c");
      session.accept({ ...RFC_CHALLENGE, nonce: "n1" });
      const first = [1, 2, 3].map(() => directives(session.authorize("GET", "/x") ?? "").nc);
      expect(first).to.deep.equal(["00000001", "00000002", "00000003"]);
      session.accept({ ...RFC_CHALLENGE, nonce: "n1", stale: false });
      expect(directives(session.authorize("GET", "/x") ?? "").nc).to.equal("00000004");
      session.accept({ ...RFC_CHALLENGE, nonce: "n2", stale: true });
      const next = directives(session.authorize("POST", "/y") ?? "");
      expect(next.nonce).to.equal("n2");
      expect(next.nc).to.equal("00000001");
    });

    it("uses the exact request target as uri, percent-encoding intact", () => {
      const session = createDigestSession("user", "pw", () => "c");
      session.accept(RFC_CHALLENGE);
      const target = "/api/public/v1.0/orgs/o/apiKeys/k/accessList/10.0.0.0%2F24?pageNum=1";
      expect(directives(session.authorize("GET", target) ?? "").uri).to.equal(target);
    });
  });
});
