import { expect } from "chai";
import { createAccessListRoute } from "../../provider/client/access-list";
import { OpsManagerError, type OpsManagerErrorCode } from "../../provider/client/errors";
import type { AccessListSegment } from "../../provider/client/paths";

function failure(code: OpsManagerErrorCode, status: number, errorCode?: string): OpsManagerError {
  return new OpsManagerError(`${status} ${errorCode ?? ""}`, {
    code,
    status,
    errorCode,
    method: "GET",
    path: "/x",
    attempts: 1,
  });
}

/** A call that fails on accessList with `onAccessList` and answers on whitelist. */
function callFailingOn(onAccessList: OpsManagerError, onWhitelist?: OpsManagerError) {
  const routes: AccessListSegment[] = [];
  const call = (route: AccessListSegment): Promise<string> => {
    routes.push(route);
    if (route === "accessList") return Promise.reject(onAccessList);
    return onWhitelist ? Promise.reject(onWhitelist) : Promise.resolve("whitelist answered");
  };
  return { routes, call };
}

describe("client access-list route choice", () => {
  const fallbackCases: Array<[string, OpsManagerError]> = [
    ["no errorCode", failure("ENDPOINT_NOT_FOUND", 404)],
    ["RESOURCE_NOT_FOUND", failure("ENDPOINT_NOT_FOUND", 404, "RESOURCE_NOT_FOUND")],
    ["an unknown not-found code", failure("ENDPOINT_NOT_FOUND", 404, "SOMETHING_NOT_FOUND")],
  ];
  for (const [name, error] of fallbackCases) {
    it(`falls back to whitelist on a 404 with ${name}, and remembers it`, async () => {
      const warnings: string[] = [];
      const route = createAccessListRoute("auto", (m) => warnings.push(m));
      const first = callFailingOn(error);
      expect(await route.run(first.call)).to.equal("whitelist answered");
      expect(first.routes).to.deep.equal(["accessList", "whitelist"]);
      const second = callFailingOn(error);
      await route.run(second.call);
      expect(second.routes).to.deep.equal(["whitelist"]);
      expect(warnings.length).to.equal(1);
    });
  }

  it("never falls back on Ops Manager's own key or entry not-found answers", async () => {
    for (const errorCode of ["API_KEY_NOT_FOUND", "API_KEY_ACCESS_LIST_NOT_FOUND"]) {
      const route = createAccessListRoute("auto", () => undefined);
      const error = failure("NOT_FOUND", 404, errorCode);
      const { routes, call } = callFailingOn(error);
      expect(await route.run(call).catch((e: unknown) => e)).to.equal(error);
      expect(routes).to.deep.equal(["accessList"]);
    }
  });

  it("surfaces the accessList error and keeps the route when whitelist answers the same kind of 404", async () => {
    const warnings: string[] = [];
    const route = createAccessListRoute("auto", (m) => warnings.push(m));
    const orgMissing = failure("ORG_NOT_FOUND", 404, "ORG_NOT_FOUND");
    const { call } = callFailingOn(orgMissing, failure("ORG_NOT_FOUND", 404, "ORG_NOT_FOUND"));
    expect(await route.run(call).catch((e: unknown) => e)).to.equal(orgMissing);
    const next = callFailingOn(failure("NOT_FOUND", 404, "API_KEY_NOT_FOUND"));
    await route.run(next.call).catch(() => undefined);
    expect(next.routes).to.deep.equal(["accessList"]);
    expect(warnings).to.deep.equal([]);
  });

  it("learns whitelist when whitelist answers with Ops Manager's own not-found", async () => {
    const route = createAccessListRoute("auto", () => undefined);
    const keyMissing = failure("NOT_FOUND", 400, "API_KEY_NOT_FOUND");
    const { call } = callFailingOn(failure("ENDPOINT_NOT_FOUND", 404), keyMissing);
    expect(await route.run(call).catch((e: unknown) => e)).to.equal(keyMissing);
    const next = callFailingOn(failure("ENDPOINT_NOT_FOUND", 404));
    await route.run(next.call);
    expect(next.routes).to.deep.equal(["whitelist"]);
  });

  it("never falls back when the route is fixed", async () => {
    const route = createAccessListRoute("accessList", () => undefined);
    const error = failure("ENDPOINT_NOT_FOUND", 404);
    const { routes, call } = callFailingOn(error);
    expect(await route.run(call).catch((e: unknown) => e)).to.equal(error);
    expect(routes).to.deep.equal(["accessList"]);
  });
});
