import { expect } from "chai";
import { type ChildProcess, execFile, execFileSync, spawn } from "node:child_process";
import { resolve } from "node:path";
import { DigestClient } from "./support/digest-client";

const CLI = resolve(__dirname, "../../emulator/cli.js");

interface Started {
  child: ChildProcess;
  line: {
    baseUrl: string;
    orgId: string;
    projectId: string;
    publicKey: string;
    privateKey: string;
  };
  stdout: () => string;
}

function startCli(args: string[]): Promise<Started> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  return new Promise((resolvePromise, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const newline = out.indexOf("\n");
      if (newline >= 0)
        resolvePromise({ child, line: JSON.parse(out.slice(0, newline)), stdout: () => out });
    });
    child.on("exit", (code) => reject(new Error(`emulator CLI exited early with ${code}`)));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => child.once("exit", (code) => done(code)));
}

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [CLI, ...args], (error, stdout, stderr) =>
      done({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

describe("opsmanager-emulator command", () => {
  let started: Started | undefined;
  afterEach(() => {
    if (started && started.child.exitCode === null) started.child.kill("SIGKILL");
    started = undefined;
  });

  it("prints exactly one JSON line, serves Digest requests and exits 0 on SIGTERM", async () => {
    started = await startCli(["--port", "0", "--seed", "5"]);
    const { line } = started;
    expect(Object.keys(line)).to.deep.equal([
      "baseUrl",
      "orgId",
      "projectId",
      "publicKey",
      "privateKey",
    ]);
    expect(line.baseUrl).to.match(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(line.projectId).to.match(/^[0-9a-f]{24}$/);
    const client = new DigestClient(line.baseUrl, line.publicKey, line.privateKey);
    expect(
      (await client.request("GET", `/api/public/v1.0/orgs/${line.orgId}/apiKeys`)).status,
    ).to.equal(200);
    expect(
      (await client.request("GET", `/api/public/v1.0/groups/${line.projectId}/apiKeys`)).status,
    ).to.equal(200);
    const exited = exitOf(started.child);
    started.child.kill("SIGTERM");
    expect(await exited).to.equal(0);
    expect(started.stdout().trimEnd().split("\n")).to.have.length(1);
  });

  it("answers curl --digest with 200 on the printed base URL", async function () {
    try {
      execFileSync("curl", ["--version"], { stdio: "ignore" });
    } catch {
      this.skip(); // curl is not installed here; the Digest client test above covers the path
    }
    started = await startCli(["--port", "0"]);
    const { line } = started;
    const url = `${line.baseUrl}/api/public/v1.0/orgs/${line.orgId}/apiKeys`;
    const credentials = `${line.publicKey}:${line.privateKey}`;
    const status = await new Promise<string>((done) =>
      execFile(
        "curl",
        ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--digest", "-u", credentials, url],
        (error, stdout) => done(stdout || `curl failed: ${error?.message}`),
      ),
    );
    expect(status).to.equal("200");
  });

  it("exits 2 with a message naming a bad flag", async () => {
    const unknown = await run(["--colour", "red"]);
    expect(unknown.code).to.equal(2);
    expect(unknown.stderr).to.contain("--colour");
    expect(unknown.stdout).to.equal("");
    const mode = await run(["--access-list-mode", "sometimes"]);
    expect(mode.code).to.equal(2);
    expect(mode.stderr).to.contain(
      "--access-list-mode must be one of both, whitelist-only, accessList-only",
    );
  });

  it("prints usage on --help without starting", async () => {
    const help = await run(["--help"]);
    expect(help.code).to.equal(0);
    expect(help.stderr).to.contain("--require-access-list");
    expect(help.stdout).to.equal("");
  });
});
