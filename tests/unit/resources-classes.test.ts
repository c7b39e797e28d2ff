import { expect } from "chai";
import { execFile } from "node:child_process";
import path from "node:path";

interface Registration {
  type: string;
  name: string;
  additionalSecretOutputs: string[];
  deleteBeforeReplace: boolean;
  inputs: Record<string, unknown>;
}
interface Report {
  registrations: Registration[];
  outputs: Record<string, unknown>;
}

const PROGRAM = path.resolve(__dirname, "..", "serialization", "mock-program.js");

/** Runs the mock program in its own process (setMocks is process-global). */
function runMockProgram(): Promise<Report> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [PROGRAM], { timeout: 20000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${error.message}\n${stderr}`));
      const line = stdout.trim().split("\n").pop() ?? "";
      resolve(JSON.parse(line) as Report);
    });
  });
}

describe("resource classes under Pulumi mocks", () => {
  let report: Report;
  before(async function () {
    this.timeout(30000);
    report = await runMockProgram();
  });
  const registration = (name: string): Registration => {
    const found = report.registrations.find((r) => r.name === name);
    expect(found, name).to.not.equal(undefined);
    return found as Registration;
  };

  it("registers the exact dynamic type tokens", () => {
    expect(registration("key").type).to.equal("pulumi-nodejs:dynamic/opsmanager:OrgApiKey");
    expect(registration("entry").type).to.equal(
      "pulumi-nodejs:dynamic/opsmanager:ApiKeyWhitelistEntry",
    );
  });

  it("marks privateKey secret through additionalSecretOutputs", () => {
    expect(registration("key").additionalSecretOutputs).to.deep.equal(["privateKey"]);
  });

  it("forces deleteBeforeReplace on no resource: entry replacements create the new entry first", () => {
    expect(registration("entry").deleteBeforeReplace).to.equal(false);
    expect(registration("key").deleteBeforeReplace).to.equal(false);
  });

  it("sends the serialized shim as __provider, small and free of implementation code", () => {
    for (const name of ["key", "entry"]) {
      const text = registration(name).inputs.__provider;
      expect(text).to.be.a("string");
      expect(Buffer.byteLength(text as string)).to.be.at.most(1024);
      expect(text).to.match(
        /require\("pulumi-opsmanager-apikeys\/dist\/provider\/shims\/[a-z-]+\.js"\)/,
      );
    }
  });

  it("resolves every declared output, including ones that are not inputs", () => {
    expect(report.outputs).to.deep.equal({
      apiKeyId: "60a1b2c3d4e5f60718293a4c",
      publicKey: "qvhtkzma",
      privateKey: "mock-private",
      roles: ["ORG_MEMBER"],
      cidrBlock: "1.2.3.4/32",
      created: "2024-01-01T00:00:00Z",
      count: 0,
    });
  });
});
