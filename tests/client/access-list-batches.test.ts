import { expect } from "chai";
import { batchingAdds, MAX_ENTRIES_PER_POST } from "../../provider/client/access-list-batches";
import {
  isOpsManagerError,
  OpsManagerError,
  type AccessListEntry,
  type AccessListEntryRequest,
} from "../../provider/client";
import { rejectionOf, startClientFixture, type ClientFixture } from "./support/fixture";

const ORG = "60a1b2c3d4e5f60718293a4b";
const KEY_A = "60a1b2c3d4e5f60718293a4c";
const KEY_B = "60a1b2c3d4e5f60718293a4d";

type Call = { apiKeyId: string; entries: readonly AccessListEntryRequest[] };

/** A fake add that records its calls and answers with `answer(call)`. */
function recordingAdd(answer: (call: Call) => AccessListEntry[] | Error) {
  const calls: Call[] = [];
  const add = batchingAdds(async (_orgId, apiKeyId, entries) => {
    const call = { apiKeyId, entries };
    calls.push(call);
    await new Promise((resolve) => setImmediate(resolve));
    const result = answer(call);
    if (result instanceof Error) throw result;
    return result;
  });
  return { add, calls };
}

function apiError(status: number, errorCode: string): OpsManagerError {
  return new OpsManagerError(`refused: ${errorCode}`, {
    code: status >= 500 ? "SERVER_ERROR" : "VALIDATION",
    status,
    errorCode,
    method: "POST",
    path: "/x",
    attempts: 1,
  });
}

const page = (entries: readonly AccessListEntryRequest[]): AccessListEntry[] =>
  entries.map((e) => ({
    cidrBlock: "ipAddress" in e ? `${e.ipAddress}/32` : e.cidrBlock,
    ipAddress: "ipAddress" in e ? e.ipAddress : undefined,
  }));

describe("client access-list batching", () => {
  it("sends adds to one key made at the same time as one request, each address once", async () => {
    const { add, calls } = recordingAdd((call) => page(call.entries));
    const results = await Promise.all([
      add(ORG, KEY_A, [{ ipAddress: "192.0.2.1" }]),
      add(ORG, KEY_A, [{ cidrBlock: "198.51.100.0/24" }]),
      add(ORG, KEY_A, [{ ipAddress: "192.0.2.1" }]),
    ]);
    expect(calls).to.have.length(1);
    expect(calls[0]?.entries).to.deep.equal([
      { ipAddress: "192.0.2.1" },
      { cidrBlock: "198.51.100.0/24" },
    ]);
    for (const result of results) expect(result.map((e) => e.cidrBlock)).to.have.length(2);
  });

  it("keeps adds to different keys, and adds made later, in requests of their own", async () => {
    const { add, calls } = recordingAdd((call) => page(call.entries));
    await Promise.all([
      add(ORG, KEY_A, [{ ipAddress: "192.0.2.1" }]),
      add(ORG, KEY_B, [{ ipAddress: "192.0.2.2" }]),
    ]);
    await add(ORG, KEY_A, [{ ipAddress: "192.0.2.3" }]);
    expect(calls.map((c) => c.apiKeyId)).to.deep.equal([KEY_A, KEY_B, KEY_A]);
  });

  it("starts a new request when a batch would carry more than the per-request limit", async () => {
    const { add, calls } = recordingAdd((call) => page(call.entries));
    const adds = Array.from({ length: MAX_ENTRIES_PER_POST + 1 }, (_, i) =>
      add(ORG, KEY_A, [{ ipAddress: `10.0.${i >> 8}.${i & 255}` }]),
    );
    await Promise.all(adds);
    expect(calls.map((c) => c.entries.length)).to.deep.equal([MAX_ENTRIES_PER_POST, 1]);
  });

  it("sends a batch the server refuses as a whole again add by add, so each gets its own answer", async () => {
    const { add, calls } = recordingAdd((call) =>
      call.entries.some((e) => "ipAddress" in e && e.ipAddress.includes(":"))
        ? apiError(400, "IPV6_UNSUPPORTED")
        : page(call.entries),
    );
    const [v4, v6] = await Promise.allSettled([
      add(ORG, KEY_A, [{ ipAddress: "192.0.2.1" }]),
      add(ORG, KEY_A, [{ ipAddress: "2001:db8::1" }]),
    ]);
    expect(calls.map((c) => c.entries.length)).to.deep.equal([2, 1, 1]);
    expect(v4.status).to.equal("fulfilled");
    expect(v6.status).to.equal("rejected");
    const reason = (v6 as PromiseRejectedResult).reason as unknown;
    expect(isOpsManagerError(reason) && reason.errorCode).to.equal("IPV6_UNSUPPORTED");
  });

  it("gives every add of a batch a failure after which the batch may have been applied", async () => {
    const failure = apiError(502, "BAD_GATEWAY");
    const { add, calls } = recordingAdd(() => failure);
    const settled = await Promise.allSettled([
      add(ORG, KEY_A, [{ ipAddress: "192.0.2.1" }]),
      add(ORG, KEY_A, [{ ipAddress: "192.0.2.2" }]),
    ]);
    expect(calls).to.have.length(1);
    expect(settled.map((s) => s.status === "rejected" && s.reason)).to.deep.equal([
      failure,
      failure,
    ]);
  });

  describe("through the client against the emulator", () => {
    let f: ClientFixture;
    afterEach(() => f.close());

    it("adds a key's entries made at the same time in one POST", async () => {
      f = await startClientFixture();
      const key = await f.client.createApiKey(f.orgId, { desc: "batch", roles: ["ORG_MEMBER"] });
      const from = f.emulator.requests.length;
      const pages = await Promise.all(
        ["192.0.2.1", "192.0.2.2", "192.0.2.3"].map((ipAddress) =>
          f.client.addAccessListEntries(f.orgId, key.id, [{ ipAddress }]),
        ),
      );
      const posts = f.emulator.requests.slice(from).filter((r) => r.method === "POST");
      expect(posts).to.have.length(1);
      for (const p of pages) expect(p.map((e) => e.ipAddress).sort()).to.have.length(3);
      expect(
        f.emulator.admin
          .listEntries(f.orgId, key.id)
          .map((e) => e.cidrBlock)
          .sort(),
      ).to.deep.equal(["192.0.2.1/32", "192.0.2.2/32", "192.0.2.3/32"]);
    });

    it("lets the valid entry through when the server refuses the batch for another one", async () => {
      f = await startClientFixture({ ipv6: false });
      const key = await f.client.createApiKey(f.orgId, { desc: "batch", roles: ["ORG_MEMBER"] });
      const [v4, v6] = await Promise.allSettled([
        f.client.addAccessListEntries(f.orgId, key.id, [{ ipAddress: "192.0.2.1" }]),
        f.client.addAccessListEntries(f.orgId, key.id, [{ ipAddress: "2001:db8::1" }]),
      ]);
      expect(v4.status).to.equal("fulfilled");
      const error = await rejectionOf(
        v6.status === "rejected" ? Promise.reject(v6.reason as Error) : Promise.resolve(),
      );
      expect(isOpsManagerError(error) && error.errorCode).to.equal("IPV6_UNSUPPORTED");
      expect(f.emulator.admin.listEntries(f.orgId, key.id).map((e) => e.cidrBlock)).to.deep.equal([
        "192.0.2.1/32",
      ]);
    });
  });
});
