import { expect } from "chai";
import { createKey, type Fixture, startFixture } from "./support/emulator-fixture";

interface Link {
  href: string;
  rel: string;
}

const rels = (links: Link[]) => Object.fromEntries(links.map((l) => [l.rel, l.href]));

describe("emulator pagination", () => {
  let f: Fixture;
  let listPath: string;
  before(async () => {
    f = await startFixture();
    const key = await createKey(f);
    listPath = `${f.keysPath}/${key.id}/accessList`;
    const entries = Array.from({ length: 600 }, (_, i) => ({
      ipAddress: `10.1.${i >> 8}.${i & 255}`,
    }));
    const res = await f.owner.request("POST", listPath, entries);
    expect(res.status).to.equal(200);
    expect(res.json.results).to.have.length(100);
  });
  after(() => f.emulator.close());

  it("pages 600 entries at 500 per page with self/next and self/previous links", async () => {
    const base = `${f.emulator.baseUrl}${listPath}`;
    const first = await f.owner.request("GET", `${listPath}?itemsPerPage=500`);
    expect(first.json.totalCount).to.equal(600);
    expect(first.json.results).to.have.length(500);
    expect(rels(first.json.links)).to.deep.equal({
      self: `${base}?pageNum=1&itemsPerPage=500`,
      next: `${base}?pageNum=2&itemsPerPage=500`,
    });
    const second = await f.owner.request("GET", `${listPath}?pageNum=2&itemsPerPage=500`);
    expect(second.json.results).to.have.length(100);
    expect(rels(second.json.links)).to.deep.equal({
      self: `${base}?pageNum=2&itemsPerPage=500`,
      previous: `${base}?pageNum=1&itemsPerPage=500`,
    });
    const all = [...first.json.results, ...second.json.results].map(
      (e: { ipAddress: string }) => e.ipAddress,
    );
    expect(all[0]).to.equal("10.1.0.0");
    expect(all[599]).to.equal("10.1.2.87");
    expect(new Set(all).size).to.equal(600);
  });

  it("answers an empty page past the end with results [] and no next link", async () => {
    const res = await f.owner.request("GET", `${listPath}?pageNum=9&itemsPerPage=500`);
    expect(res.status).to.equal(200);
    expect(res.json.results).to.deep.equal([]);
    expect(rels(res.json.links)).not.to.have.property("next");
  });

  it("omits totalCount with includeCount=false and adds status with envelope=true", async () => {
    const res = await f.owner.request(
      "GET",
      `${listPath}?includeCount=false&envelope=true&itemsPerPage=1`,
    );
    expect(res.json).not.to.have.property("totalCount");
    expect(res.json.status).to.equal(200);
    expect(res.json.results).to.have.length(1);
  });

  for (const query of [
    "itemsPerPage=0",
    "itemsPerPage=501",
    "itemsPerPage=abc",
    "pageNum=0",
    "pageNum=1.5",
    "pretty=yes",
  ]) {
    it(`answers ${query} with 400 INVALID_QUERY_PARAMETER naming the parameter`, async () => {
      const res = await f.owner.request("GET", `${f.keysPath}?${query}`);
      expect(res.status).to.equal(400);
      expect(res.json.errorCode).to.equal("INVALID_QUERY_PARAMETER");
      expect(res.json.parameters).to.deep.equal([query.split("=")[0]]);
    });
  }
});
