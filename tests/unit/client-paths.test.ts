import { expect } from "chai";
import fc from "fast-check";
import {
  accessListEntryPath,
  accessListPath,
  apiKeyPath,
  apiKeysPath,
  entryAddress,
  pageQuery,
  type AccessListSegment,
} from "../../provider/client/paths";
import { createHttpEndpoint, requestTargetFor } from "../../provider/client/http";
import { validateClientSettings } from "../../provider/client/settings";

const ORG = "60a1b2c3d4e5f60718293a4b";
const KEY = "60a1b2c3d4e5f60718293a4c";

describe("client paths", () => {
  it("builds key paths below the API root without a leading slash", () => {
    expect(apiKeysPath(ORG)).to.equal(`orgs/${ORG}/apiKeys`);
    expect(apiKeyPath(ORG, KEY)).to.equal(`orgs/${ORG}/apiKeys/${KEY}`);
  });

  it("takes the access-list segment as a parameter", () => {
    for (const route of ["accessList", "whitelist"] satisfies AccessListSegment[]) {
      expect(accessListPath(ORG, KEY, route)).to.equal(`orgs/${ORG}/apiKeys/${KEY}/${route}`);
      expect(accessListEntryPath(ORG, KEY, route, "10.0.0.0/24")).to.equal(
        `orgs/${ORG}/apiKeys/${KEY}/${route}/10.0.0.0%2F24`,
      );
    }
  });

  it("encodes a CIDR's slash exactly once", () => {
    const path = accessListEntryPath(ORG, KEY, "accessList", "192.0.2.0/24");
    expect(path.endsWith("/192.0.2.0%2F24")).to.equal(true);
    expect(path).to.not.include("%252F");
  });

  it("addresses single-address entries by the bare IP", () => {
    expect(
      accessListEntryPath(ORG, KEY, "accessList", "203.0.113.25/32").endsWith("/203.0.113.25"),
    ).to.equal(true);
    expect(
      accessListEntryPath(ORG, KEY, "accessList", "203.0.113.25").endsWith("/203.0.113.25"),
    ).to.equal(true);
    expect(entryAddress("2001:db8::1/128")).to.equal("2001:db8::1");
    expect(entryAddress("2001:db8::/32")).to.equal("2001:db8::/32");
    expect(entryAddress("2001:db8::/64")).to.equal("2001:db8::/64");
    expect(entryAddress("10.0.0.0/8")).to.equal("10.0.0.0/8");
  });

  it("encodes IPv6 entries so the path stays one segment", () => {
    const path = accessListEntryPath(ORG, KEY, "whitelist", "2001:db8::/48");
    expect(path.endsWith("/whitelist/2001%3Adb8%3A%3A%2F48")).to.equal(true);
  });

  it("encodes ids too, so a hostile id cannot change the route", () => {
    expect(apiKeyPath(ORG, "../x?y")).to.equal(`orgs/${ORG}/apiKeys/..%2Fx%3Fy`);
  });

  it("round-trips any segment through one decode", () => {
    fc.assert(
      fc.property(fc.string(), (entry) => {
        const last = accessListEntryPath(ORG, KEY, "accessList", entry).split("/").pop() ?? "";
        return decodeURIComponent(last) === entryAddress(entry);
      }),
      { seed: 7 },
    );
  });

  it("pages with at most 500 items", () => {
    expect(pageQuery(3, 500)).to.equal("pageNum=3&itemsPerPage=500");
    expect(pageQuery(1, 10_000)).to.equal("pageNum=1&itemsPerPage=500");
  });
});

describe("client base URL", () => {
  const resolve = (baseUrl: string) =>
    validateClientSettings({ baseUrl, publicKey: "p", privateKey: "k", accessListPath: "auto" });
  const endpoint = (baseUrl: string) => createHttpEndpoint(resolve(baseUrl));

  it("appends /api/public/v1.0 to the root and keeps %2F in the request target", () => {
    const target = endpoint("https://om.example.com:8443/").requestTarget(
      accessListEntryPath(ORG, KEY, "accessList", "10.0.0.0/24") + "?pageNum=1",
    );
    expect(target).to.equal(
      `/api/public/v1.0/orgs/${ORG}/apiKeys/${KEY}/accessList/10.0.0.0%2F24?pageNum=1`,
    );
  });

  it("gives the same request target as URL parsing for any relative path", () => {
    const viaUrl = (prefix: string, relative: string) => {
      const url = new URL(`${prefix}/${relative}`);
      return `${url.pathname}${url.search}`;
    };
    const alphabet = "aZ09-._~!$&'()*+,;=:@%/?#\\ \"<>{}`2eE".split("");
    const prefixes = ["https://om.example.com/api/public/v1.0", "http://h:8080/om/api/public/v1.0"];
    fc.assert(
      fc.property(
        fc.constantFrom(...prefixes),
        fc.array(fc.constantFrom(...alphabet), { maxLength: 24 }).map((chars) => chars.join("")),
        (prefix, relative) => {
          expect(requestTargetFor(prefix)(relative)).to.equal(viaUrl(prefix, relative));
        },
      ),
      { numRuns: 3000 },
    );
    for (const relative of ["orgs/../x", "a/./b", "a/%2E%2e/b", "..", "a/..?q", "x?a='b'"]) {
      expect(requestTargetFor(prefixes[0])(relative)).to.equal(viaUrl(prefixes[0], relative));
    }
  });

  it("does not double an included API root and keeps a path prefix", () => {
    expect(endpoint("https://om.example.com/api/public/v1.0/").requestTarget("orgs")).to.equal(
      "/api/public/v1.0/orgs",
    );
    expect(endpoint("https://proxy.example.com/om").requestTarget("orgs")).to.equal(
      "/om/api/public/v1.0/orgs",
    );
    expect(resolve("http://127.0.0.1:8080").origin).to.equal("http://127.0.0.1:8080");
    expect(resolve("https://proxy.example.com/om/").apiUrl).to.equal(
      "https://proxy.example.com/om/api/public/v1.0",
    );
  });

  it("rejects URLs that cannot be an Ops Manager root", () => {
    for (const bad of ["om.example.com", "ftp://om.example.com", "https://u:p@om.example.com"]) {
      expect(() => resolve(bad), bad).to.throw(/base URL/);
    }
  });
});
