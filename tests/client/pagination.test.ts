import { expect } from "chai";
import type { AccessListEntryRequest } from "../../provider/client";
import { startClientFixture, type ClientFixture } from "./support/fixture";

describe("client pagination against the emulator", () => {
  let f: ClientFixture;
  afterEach(() => f.close());

  it("lists 600 access-list entries across two pages of 500", async () => {
    f = await startClientFixture();
    const key = await f.client.createApiKey(f.orgId, { desc: "many", roles: ["ORG_MEMBER"] });
    const all: AccessListEntryRequest[] = Array.from({ length: 600 }, (_, i) => ({
      ipAddress: `10.${1 + Math.floor(i / 250)}.${i % 250}.1`,
    }));
    for (let start = 0; start < all.length; start += 100) {
      await f.client.addAccessListEntries(f.orgId, key.id, all.slice(start, start + 100));
    }
    const logStart = f.emulator.requests.length;
    const listed = await f.client.listAccessList(f.orgId, key.id);
    expect(listed.length).to.equal(600);
    expect(new Set(listed.map((e) => e.cidrBlock)).size).to.equal(600);
    const pages = f.emulator.requests.slice(logStart).map((r) => r.path.split("?")[1]);
    expect(pages).to.deep.equal(["pageNum=1&itemsPerPage=500", "pageNum=2&itemsPerPage=500"]);
    expect(f.client.stats().calls, "a paged list is one call").to.equal(8);
  });

  it("lists an empty access list with one request", async () => {
    f = await startClientFixture();
    const key = await f.client.createApiKey(f.orgId, { desc: "none", roles: ["ORG_MEMBER"] });
    const logStart = f.emulator.requests.length;
    expect(await f.client.listAccessList(f.orgId, key.id)).to.deep.equal([]);
    expect(f.emulator.requests.length - logStart).to.equal(1);
  });
});
