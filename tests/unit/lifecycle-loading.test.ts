import { expect } from "chai";
import { execFile } from "node:child_process";
import path from "node:path";

const LIFECYCLE = path.resolve(__dirname, "..", "..", "provider", "lifecycle", "index.js");

/** In a fresh process: load the lifecycle, run check and diff, list the packages that got loaded. */
const SCRIPT = `
const lifecycle = require(${JSON.stringify(LIFECYCLE)});
const news = { orgId: "5f0c8a1e2b3c4d5e6f708192", apiKeyId: "60a1b2c3d4e5f60718293a4c", ipAddress: "1.2.3.4" };
(async () => {
  await lifecycle.dispatch({ kind: "ApiKeyWhitelistEntry" }, "check", [{}, news]);
  await lifecycle.dispatch({ kind: "ApiKeyWhitelistEntry" }, "diff", ["id", news, news]);
  const loaded = Object.keys(require.cache).filter((m) => m.includes("node_modules"));
  process.stdout.write(JSON.stringify(loaded.map((m) => m.replace(/.*node_modules[\\\\/]/, ""))));
})();
`;

describe("lifecycle loading (host cold start)", () => {
  it("loads and runs check and diff without @pulumi/pulumi or the HTTP stack", async () => {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ["-e", SCRIPT], { timeout: 20000 }, (error, out, err) =>
        error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
      ),
    );
    const packages = JSON.parse(stdout) as string[];
    expect(packages.filter((p) => p.startsWith("@pulumi/") || p.startsWith("got/"))).to.deep.equal(
      [],
    );
    expect(packages.some((p) => p.startsWith("ipaddr.js/"))).to.equal(true);
  });
});
