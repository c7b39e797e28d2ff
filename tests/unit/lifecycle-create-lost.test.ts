import { expect } from "chai";
import { OpsManagerError, type OpsManagerErrorCode } from "../../provider/client/errors";
import type { OpsManagerClient } from "../../provider/client/types";
import { createOrgApiKey } from "../../provider/lifecycle/api-key/create";
import { LOST_LISTING_ATTEMPTS } from "../../provider/lifecycle/api-key/lost-create";
import { fixture, keyIds, type Fixture } from "./lifecycle-crud-support";

const PROVIDER = "exports.handler = __f0; /* shim text */";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A client error as the client makes it. */
function apiError(code: OpsManagerErrorCode, status?: number): OpsManagerError {
  const method = code === "AMBIGUOUS_WRITE" ? "POST" : "GET";
  return new OpsManagerError(`Ops Manager ${code} (${status ?? "no answer"}) for ${method} /orgs`, {
    code,
    status,
    method,
    path: "/orgs",
    attempts: 1,
  });
}

/** The first POST goes through on the server, then its answer is replaced by `error`. */
function firstAnswerLost(
  error: OpsManagerError,
  more: Partial<OpsManagerClient> = {},
): (client: OpsManagerClient) => OpsManagerClient {
  return (client) => {
    let posts = 0;
    return {
      ...client,
      createApiKey: async (...args) => {
        const key = await client.createApiKey(...args);
        if (++posts === 1) throw error;
        return key;
      },
      ...more,
    };
  };
}

describe("lifecycle: OrgApiKey create whose answer is lost or unreadable", () => {
  const declared = (f: Fixture) => ({
    orgId: f.emulator.orgId,
    description: "ci key",
    roles: ["ORG_MEMBER"],
    __provider: PROVIDER,
  });
  let f: Fixture;
  afterEach(() => f.close());

  it("counts a lost key that is already gone when deleted (a retried DELETE whose first try went through)", async () => {
    f = await fixture({}, (client) =>
      firstAnswerLost(apiError("AMBIGUOUS_WRITE"), {
        // The first DELETE goes through but its answer is lost; the retry gets 400 API_KEY_NOT_FOUND.
        deleteApiKey: async (orgId, id) => {
          await client.deleteApiKey(orgId, id);
          await client.deleteApiKey(orgId, id);
        },
      })(client),
    );
    const before = keyIds(f.emulator);
    const { id, outs } = await createOrgApiKey(f.ctx, declared(f));
    expect(outs.privateKey).to.match(UUID);
    expect(keyIds(f.emulator)).to.deep.equal([...before, id].sort());
    expect(f.warnings.join("\n")).to.match(/deleted API key [0-9a-f]{24}/);
  });

  it("looks a lost key up when its DELETE keeps failing, and counts it deleted once it is gone", async () => {
    f = await fixture({}, (client) =>
      firstAnswerLost(apiError("AMBIGUOUS_WRITE"), {
        // Every DELETE goes through on the server but its answer is lost (retries exhausted).
        deleteApiKey: async (orgId, id) => {
          await client.deleteApiKey(orgId, id).catch(() => undefined);
          throw apiError("NETWORK");
        },
      })(client),
    );
    const before = keyIds(f.emulator);
    const { id, outs } = await createOrgApiKey(f.ctx, declared(f));
    expect(outs.privateKey, "a usable key, not a partial create").to.match(UUID);
    expect(keyIds(f.emulator)).to.deep.equal([...before, id].sort());
  });

  it("names a lost request whose key could not be found by its marker, in case it arrives late", async () => {
    let posts = 0;
    f = await fixture({}, (client) => ({
      ...client,
      createApiKey: async (...args) => {
        // The first request is still on its way when its answer is declared lost.
        if (++posts === 1) throw apiError("AMBIGUOUS_WRITE");
        return client.createApiKey(...args);
      },
    }));
    const before = keyIds(f.emulator);
    const { id, outs } = await createOrgApiKey(f.ctx, declared(f));
    expect(outs.privateKey).to.match(UUID);
    expect(outs.description, "the declared description, not the marked one").to.equal("ci key");
    expect(keyIds(f.emulator)).to.deep.equal([...before, id].sort());
    expect(f.warnings.join("\n")).to.match(
      /a key described "ci key \[pulumi:[0-9a-f]{12}\]" appears/,
    );
  });

  for (const [what, error] of [
    ["a 2xx with an unreadable body (BAD_RESPONSE)", apiError("BAD_RESPONSE", 200)],
    ["a 500 (the server may have failed after storing the key)", apiError("SERVER_ERROR", 500)],
  ] as const) {
    it(`treats ${what} as a lost answer: deletes the key it made, then creates one`, async () => {
      let posts = 0;
      f = await fixture({}, (client) => {
        const lost = firstAnswerLost(error)(client);
        return { ...lost, createApiKey: (...args) => (posts++, lost.createApiKey(...args)) };
      });
      const before = keyIds(f.emulator);
      const { id, outs } = await createOrgApiKey(f.ctx, declared(f));
      expect(posts).to.equal(2);
      expect(outs.privateKey).to.match(UUID);
      expect(keyIds(f.emulator)).to.deep.equal([...before, id].sort());
    });
  }

  it("does not treat a 503 (refused) or a 4xx as a lost answer: one POST, a plain failure", async () => {
    let posts = 0;
    let answer = apiError("SERVER_ERROR", 503);
    f = await fixture({}, (client) => ({
      ...client,
      createApiKey: () => (posts++, Promise.reject(answer)),
    }));
    for (const error of [apiError("SERVER_ERROR", 503), apiError("VALIDATION", 400)]) {
      answer = error;
      posts = 0;
      const failure = await createOrgApiKey(f.ctx, declared(f)).then(
        () => null,
        (e: Error) => e,
      );
      expect(failure?.message).to.match(/^OrgApiKey create \(org [0-9a-f]{24}/);
      expect(posts, error.message).to.equal(1);
    }
  });

  it("lists again when the listing after a lost answer fails once, and leaves no orphan", async () => {
    let lists = 0;
    f = await fixture({}, (client) =>
      firstAnswerLost(apiError("AMBIGUOUS_WRITE"), {
        listApiKeys: async (orgId) => {
          if (++lists === 1) throw apiError("SERVER_ERROR", 500); // the first listing after the POST
          return client.listApiKeys(orgId);
        },
      })(client),
    );
    const before = keyIds(f.emulator);
    const { id, outs } = await createOrgApiKey(f.ctx, declared(f));
    expect(outs.privateKey).to.match(UUID);
    expect(lists).to.equal(2);
    expect(keyIds(f.emulator)).to.deep.equal([...before, id].sort());
  });

  it("gives up after a bounded number of listings, naming the description and where to look", async () => {
    let lists = 0;
    f = await fixture({}, (client) =>
      firstAnswerLost(apiError("AMBIGUOUS_WRITE"), {
        listApiKeys: async (orgId) => {
          lists += 1;
          throw apiError("SERVER_ERROR", 500);
          return client.listApiKeys(orgId);
        },
      })(client),
    );
    const error = await createOrgApiKey(f.ctx, declared(f)).then(
      () => null,
      (e: Error) => e,
    );
    expect(lists).to.equal(LOST_LISTING_ATTEMPTS);
    expect(error?.message)
      .to.include('description "ci key"')
      .and.to.include("look for it in the org's API keys")
      .and.to.include(f.emulator.orgId)
      .and.to.match(/pulumi up/);
    expect(error).not.to.have.property("properties");
  });
});
