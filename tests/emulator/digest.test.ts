import { expect } from "chai";
import { DigestClient, parseChallenge, rawRequest } from "./support/digest-client";
import { type Fixture, startFixture } from "./support/emulator-fixture";

const CHALLENGE =
  /^Digest realm="MMS Public API", domain="", nonce="[A-Za-z0-9+/=]{32}", algorithm=MD5, qop="auth", stale=false$/;

describe("emulator Digest authentication", () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(() => f.emulator.close());

  it("answers a credential-less request with the exact Ops Manager challenge", async () => {
    const res = await rawRequest(f.emulator.baseUrl, "GET", f.keysPath);
    expect(res.status).to.equal(401);
    expect(res.headers["www-authenticate"]).to.match(CHALLENGE);
    expect(res.headers["content-type"]).to.equal("application/json");
    expect(res.json).to.deep.equal({
      reason: "Unauthorized",
      error: 401,
      detail: "You are not authorized for this resource.",
    });
  });

  it("serves K1 as a list envelope to a Digest-authenticated owner", async () => {
    const res = await f.owner.request("GET", f.keysPath);
    expect(res.status).to.equal(200);
    expect(res.json.totalCount).to.equal(1);
    expect(res.json.results[0].publicKey).to.equal(f.emulator.publicKey);
    expect(res.json.links[0].rel).to.equal("self");
  });

  it("accepts one nonce for many requests with increasing nc", async () => {
    for (let i = 0; i < 3; i++)
      expect((await f.owner.request("GET", f.keysPath)).status).to.equal(200);
    const challenges = f.emulator.requests.filter((r) => r.status === 401);
    expect(challenges).to.have.length(1);
  });

  it("rejects a wrong password with stale=false", async () => {
    const bad = new DigestClient(f.emulator.baseUrl, f.emulator.publicKey, "wrong-password");
    const res = await bad.request("GET", f.keysPath);
    expect(res.status).to.equal(401);
    expect(parseChallenge(res.headers["www-authenticate"] as string).stale).to.equal(false);
    expect(res.json.errorCode).to.equal(undefined);
  });

  it("rejects an unknown user and a uri that differs from the request target", async () => {
    const stranger = new DigestClient(f.emulator.baseUrl, "nobodyxx", f.emulator.privateKey);
    expect((await stranger.request("GET", f.keysPath)).status).to.equal(401);
    await f.owner.challenge();
    const header = f.owner.authorization("GET", `${f.keysPath}?pageNum=1`);
    const res = await rawRequest(f.emulator.baseUrl, "GET", f.keysPath, {
      headers: { Authorization: header },
    });
    expect(res.status).to.equal(401);
  });

  it("answers a replayed nc with stale=true", async () => {
    await f.owner.challenge();
    const header = f.owner.authorization("GET", f.keysPath);
    const first = await rawRequest(f.emulator.baseUrl, "GET", f.keysPath, {
      headers: { Authorization: header },
    });
    const replay = await rawRequest(f.emulator.baseUrl, "GET", f.keysPath, {
      headers: { Authorization: header },
    });
    expect(first.status).to.equal(200);
    expect(replay.status).to.equal(401);
    expect(parseChallenge(replay.headers["www-authenticate"] as string).stale).to.equal(true);
  });

  it("answers an expired nonce with stale=true and a fresh nonce", async () => {
    f.emulator.configure({ nonceTtlMs: 20 });
    await f.owner.challenge();
    await new Promise((resolve) => setTimeout(resolve, 40));
    const header = f.owner.authorization("GET", f.keysPath);
    const res = await rawRequest(f.emulator.baseUrl, "GET", f.keysPath, {
      headers: { Authorization: header },
    });
    expect(res.status).to.equal(401);
    const challenge = parseChallenge(res.headers["www-authenticate"] as string);
    expect(challenge.stale).to.equal(true);
    expect(res.headers["www-authenticate"]).to.match(
      /^Digest realm="MMS Public API", domain="", nonce="[^"]+", algorithm=MD5, qop="auth", stale=true$/,
    );
    f.emulator.configure({ nonceTtlMs: 60_000 });
    f.owner.useNonce(challenge.nonce);
    expect((await f.owner.request("GET", f.keysPath)).status).to.equal(200);
  });

  it("never records the Authorization header or a private key in the request log", async () => {
    const created = await f.owner.request("POST", f.keysPath, {
      desc: "logged",
      roles: ["ORG_MEMBER"],
    });
    const log = JSON.stringify(f.emulator.requests);
    expect(log).not.to.contain(f.emulator.privateKey);
    expect(log).not.to.contain(created.json.privateKey);
    expect(log).to.contain(created.json.privateKey.slice(-12));
    expect(log).not.to.contain("Digest username");
    expect(log).to.contain("logged");
    expect(f.emulator.requests.at(-1)).to.include({
      method: "POST",
      path: f.keysPath,
      status: 200,
      authenticated: true,
    });
    expect(created.json.privateKey).to.match(/^[0-9a-f]{8}-/);
  });
});
