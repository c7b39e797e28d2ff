import { expect } from "chai";
import type { FaultPlan } from "../../emulator";
import { rawRequest } from "./support/digest-client";
import { type Fixture, startFixture } from "./support/emulator-fixture";

const MIXED: FaultPlan = {
  seed: 7,
  rateLimit: 0.15,
  retryAfterSeconds: 0.01,
  serverError: 0.15,
  staleNonce: 0.1,
  latencySpike: 0.2,
  latencySpikeMs: 1,
};

/** Fault names of the authenticated requests of 25 GETs against a fresh emulator. */
async function faultSequence(plan: FaultPlan): Promise<string[]> {
  const f = await startFixture({ faults: plan });
  try {
    for (let i = 0; i < 25; i++) await f.owner.request("GET", f.keysPath);
    return f.emulator.requests.filter((r) => r.authenticated).map((r) => r.fault ?? "-");
  } finally {
    await f.emulator.close();
  }
}

describe("emulator fault injection", () => {
  it("injects the same fault sequence for the same seed, and another for another seed", async () => {
    const first = await faultSequence(MIXED);
    const second = await faultSequence(MIXED);
    const other = await faultSequence({ ...MIXED, seed: 8 });
    expect(first).to.deep.equal(second);
    expect([...new Set(first)]).to.include.members(["-", "rateLimit", "serverError"]);
    expect(other).not.to.deep.equal(first);
  });

  describe("with one fault at a time", () => {
    let f: Fixture;
    beforeEach(async () => {
      f = await startFixture();
    });
    afterEach(() => f.emulator.close());

    it("applies the write, then resets the connection without answering (resetAfterWrite)", async () => {
      f.emulator.configure({ faults: { seed: 1, resetAfterWrite: 1, methods: ["POST"] } });
      const error = await f.owner
        .request("POST", f.keysPath, { desc: "lost answer", roles: ["ORG_MEMBER"] })
        .then(
          () => undefined,
          (e: Error) => e,
        );
      expect(error?.message).to.match(/socket hang up|ECONNRESET/);
      expect(f.emulator.admin.listKeys(f.emulator.orgId).map((k) => k.desc)).to.include(
        "lost answer",
      );
      expect(f.emulator.faultCounts()).to.deep.equal({ resetAfterWrite: 1 });
      expect(f.emulator.requests.at(-1)).to.include({ fault: "resetAfterWrite", status: 0 });
    });

    it("resets the connection before applying the write (resetBeforeWrite)", async () => {
      f.emulator.configure({ faults: { seed: 1, resetBeforeWrite: 1 } });
      const failed = await f.owner
        .request("POST", f.keysPath, { desc: "never", roles: ["ORG_MEMBER"] })
        .then(
          () => false,
          () => true,
        );
      expect(failed).to.equal(true);
      expect(f.emulator.admin.listKeys(f.emulator.orgId)).to.have.length(1);
    });

    it("answers 429 RATE_LIMITED with a fractional Retry-After, only for the listed methods", async () => {
      f.emulator.configure({
        faults: { seed: 1, rateLimit: 1, retryAfterSeconds: 0.01, methods: ["POST"] },
      });
      expect((await f.owner.request("GET", f.keysPath)).status).to.equal(200);
      const res = await f.owner.request("POST", f.keysPath, { desc: "x", roles: ["ORG_MEMBER"] });
      expect(res.status).to.equal(429);
      expect(res.headers["retry-after"]).to.equal("0.01");
      expect(res.json.errorCode).to.equal("RATE_LIMITED");
    });

    it("answers 5xx UNEXPECTED_ERROR for serverError and stops when the plan is removed", async () => {
      f.emulator.configure({ faults: { seed: 3, serverError: 1 } });
      const res = await f.owner.request("GET", f.keysPath);
      expect([500, 502, 503]).to.include(res.status);
      expect(res.json.errorCode).to.equal("UNEXPECTED_ERROR");
      f.emulator.configure({ faults: undefined });
      expect((await f.owner.request("GET", f.keysPath)).status).to.equal(200);
    });

    it("never faults the credential-less challenge", async () => {
      f.emulator.configure({ faults: { seed: 1, rateLimit: 1, serverError: 1 } });
      const res = await rawRequest(f.emulator.baseUrl, "GET", f.keysPath);
      expect(res.status).to.equal(401);
      expect(res.headers["www-authenticate"]).to.match(/^Digest /);
    });

    it("marks the nonce stale (staleNonce) so the client must take the fresh one", async () => {
      await f.owner.challenge();
      f.emulator.configure({ faults: { seed: 1, staleNonce: 1 } });
      const header = f.owner.authorization("GET", f.keysPath);
      const res = await rawRequest(f.emulator.baseUrl, "GET", f.keysPath, {
        headers: { Authorization: header },
      });
      expect(res.status).to.equal(401);
      expect(res.headers["www-authenticate"]).to.match(/stale=true$/);
      f.emulator.configure({ faults: undefined });
      const old = f.owner.authorization("GET", f.keysPath);
      const again = await rawRequest(f.emulator.baseUrl, "GET", f.keysPath, {
        headers: { Authorization: old },
      });
      expect(again.status).to.equal(401);
    });
  });
});
