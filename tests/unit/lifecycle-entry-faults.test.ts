import { expect } from "chai";
import { OpsManagerError, type OpsManagerErrorCode } from "../../provider/client/errors";
import type { OpsManagerClient } from "../../provider/client/types";
import { createWhitelistEntry } from "../../provider/lifecycle/whitelist-entry/add-entry";
import { expectJsonSafe, fixture, type Fixture } from "./lifecycle-crud-support";

const PROVIDER = "exports.handler = __f0; /* shim text */";
const CIDR = "10.20.0.0/16";

function apiError(code: OpsManagerErrorCode, status?: number): OpsManagerError {
  return new OpsManagerError(`Ops Manager ${code} (${status ?? "no answer"}) for POST /x`, {
    code,
    status,
    method: "POST",
    path: "/x",
    attempts: 5,
  });
}

/** Wraps the entry calls: `add` decides what the POST does, `get` what the lookup does. */
function entryCalls(
  add: (client: OpsManagerClient, real: () => Promise<unknown>) => Promise<never>,
  get?: () => Promise<never>,
): (client: OpsManagerClient) => OpsManagerClient {
  return (client) => ({
    ...client,
    addAccessListEntries: (orgId, id, entries) =>
      add(client, () => client.addAccessListEntries(orgId, id, entries)),
    ...(get ? { getAccessListEntry: get } : {}),
  });
}

describe("lifecycle: ApiKeyWhitelistEntry create after a failure that may hide an added entry", () => {
  let f: Fixture;
  let keyId: string;
  afterEach(() => f.close());
  async function start(wrap: (client: OpsManagerClient) => OpsManagerClient): Promise<void> {
    f = await fixture({}, wrap);
    keyId = (
      await f.ctx.client.createApiKey(f.emulator.orgId, { desc: "k", roles: ["ORG_MEMBER"] })
    ).id;
  }
  const inputs = () => ({
    orgId: f.emulator.orgId,
    apiKeyId: keyId,
    cidrBlock: CIDR,
    __provider: PROVIDER,
  });
  const listed = () =>
    f.emulator.admin.listEntries(f.emulator.orgId, keyId).map((e) => e.cidrBlock);

  for (const [code, status] of [
    ["SERVER_ERROR", 500],
    ["RATE_LIMITED", 429],
    ["NETWORK", undefined],
    ["TIMEOUT", undefined],
    ["BAD_RESPONSE", 200],
    ["AMBIGUOUS_WRITE", undefined],
  ] as const) {
    it(`succeeds with the entry's outputs when it was added behind a ${code}`, async () => {
      await start(
        entryCalls(async (_c, real) => {
          await real();
          throw apiError(code, status);
        }),
      );
      const { id, outs } = await createWhitelistEntry(f.ctx, inputs());
      expect(id).to.equal(`${keyId}/${CIDR}`);
      expect(outs).to.include({ cidrBlock: CIDR, apiKeyId: keyId });
      expect(outs.created).to.be.a("string");
      expect(listed()).to.deep.equal([CIDR]);
    });
  }

  it("reports a partial create (id, properties with __provider, reasons) when the lookup fails too", async () => {
    await start(
      entryCalls(
        async (_c, real) => {
          await real();
          throw apiError("NETWORK");
        },
        () => Promise.reject(apiError("SERVER_ERROR", 503)),
      ),
    );
    const error = (await createWhitelistEntry(f.ctx, inputs()).then(
      () => null,
      (e: unknown) => e,
    )) as { id: string; properties: Record<string, unknown>; reasons: string[]; message: string };
    expect(error.id).to.equal(`${keyId}/${CIDR}`);
    expect(error.properties).to.include({ __provider: PROVIDER, cidrBlock: CIDR, apiKeyId: keyId });
    expectJsonSafe(error.properties);
    expect(error.reasons).to.deep.equal([error.message]);
    expect(error.message)
      .to.include(`ApiKeyWhitelistEntry create of ${CIDR} on key ${keyId}`)
      .and.to.include("NETWORK")
      .and.to.match(/pulumi up/);
  });

  it("rethrows the original failure when the entry is not there", async () => {
    await start(entryCalls(() => Promise.reject(apiError("RATE_LIMITED", 429))));
    const error = await createWhitelistEntry(f.ctx, inputs()).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).to.match(/^ApiKeyWhitelistEntry create of .* failed: .*RATE_LIMITED/);
    expect(error).not.to.have.property("properties");
    expect(listed()).to.deep.equal([]);
  });

  it("does not look anything up after a failure that cannot have added the entry", async () => {
    let gets = 0;
    await start(
      entryCalls(
        () => Promise.reject(apiError("VALIDATION", 400)),
        () => (gets++, Promise.reject(apiError("SERVER_ERROR", 500))),
      ),
    );
    const error = await createWhitelistEntry(f.ctx, inputs()).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).to.include("VALIDATION");
    expect(gets).to.equal(0);
  });
});
