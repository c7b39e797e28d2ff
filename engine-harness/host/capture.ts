/**
 * Runs a tiny Pulumi program under `pulumi.runtime.setMocks` in a child process whose cwd is
 * the program directory (so it loads the INSTALLED package and SDK), and records every
 * RegisterResource request: the wire inputs (with `__provider` exactly as
 * `pulumi.dynamic.Resource` serialized it) and the options the engine would see.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { isSecretWrapper, type PropertyMap } from "./wire";

/** One RegisterResource request as the engine would receive it. */
export interface Registration {
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  /** Wire inputs; secret values stay wrapped as `{4dabf…: 1b47…, value}`. */
  readonly inputs: PropertyMap;
  /** The serialized provider module text (unwrapped when secret). */
  readonly providerText?: string;
  /** True when `__provider` arrived as a secret (the closure captured a secret Output). */
  readonly providerIsSecret: boolean;
  readonly additionalSecretOutputs: readonly string[];
  readonly deleteBeforeReplace: boolean;
  readonly deleteBeforeReplaceDefined: boolean;
  readonly replaceOnChanges: readonly string[];
  readonly ignoreChanges: readonly string[];
  readonly deletedWith: string;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly importId: string;
}

export interface CaptureResult {
  readonly registrations: readonly Registration[];
  readonly stdout: string;
  readonly stderr: string;
}

const MARK = "@@registrations@@";

/** Runner: `module.exports = async (pulumi) => Resource[] | void` is loaded from the program file. */
const RUNNER = `"use strict";
const pulumi = require("@pulumi/pulumi");
(async () => {
  const regs = [];
  await pulumi.runtime.setMocks({
    newResource: (a) => ({ id: a.name + "-id", state: a.inputs }),
    call: (a) => a.inputs,
  }, "proj", "dev", false);
  const monitor = pulumi.runtime.getMonitor();
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, cb) => {
    regs.push({
      type: req.getType(), name: req.getName(), custom: req.getCustom(),
      inputs: req.getObject() ? req.getObject().toJavaScript() : {},
      additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
      deleteBeforeReplace: req.getDeletebeforereplace(),
      deleteBeforeReplaceDefined: req.getDeletebeforereplacedefined(),
      replaceOnChanges: req.getReplaceonchangesList(), ignoreChanges: req.getIgnorechangesList(),
      deletedWith: req.getDeletedwith(), protect: req.getProtect() === true,
      retainOnDelete: req.getRetainondelete() === true, importId: req.getImportid(),
    });
    return original(req, cb);
  };
  const resources = (await require(process.argv[2])(pulumi)) || [];
  await Promise.all(resources.map((r) => new Promise((res) => r.urn.apply(res))));
  await pulumi.runtime.disconnect();
  process.stdout.write("\\n${MARK}" + JSON.stringify(regs) + "\\n");
})().catch((e) => { console.error((e && e.stack) || String(e)); process.exit(1); });
`;

export interface CaptureOptions {
  /** Extra environment for the program process (e.g. credentials, to prove none are captured). */
  readonly env?: Record<string, string>;
  readonly timeoutMs?: number;
}

let counter = 0;

/**
 * Runs `programSource` (a CommonJS module exporting `async (pulumi) => resources[]`) with cwd
 * `programDir`, where `require` resolves the installed packages.
 */
export function captureRegistrations(
  programDir: string,
  programSource: string,
  options: CaptureOptions = {},
): Promise<CaptureResult> {
  const n = `${process.pid}-${++counter}`;
  const runnerFile = path.join(programDir, `.capture-runner-${n}.js`);
  const programFile = path.join(programDir, `.capture-program-${n}.js`);
  fs.writeFileSync(runnerFile, RUNNER);
  fs.writeFileSync(programFile, programSource);
  return new Promise<CaptureResult>((resolve, reject) => {
    execFile(
      process.execPath,
      [runnerFile, programFile],
      {
        cwd: programDir,
        timeout: options.timeoutMs ?? 60000,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, PULUMI_NODEJS_PROJECT: "proj", ...options.env },
      },
      (err, stdout, stderr) => {
        fs.rmSync(runnerFile, { force: true });
        fs.rmSync(programFile, { force: true });
        const at = stdout.lastIndexOf(MARK);
        if (err || at < 0) {
          return reject(
            new Error(
              `mock program in ${programDir} failed: ${err?.message ?? "no registrations printed"}\nstderr:\n${stderr}`,
            ),
          );
        }
        const raw = JSON.parse(stdout.slice(at + MARK.length)) as Array<
          Omit<Registration, "providerText" | "providerIsSecret">
        >;
        resolve({ registrations: raw.map(withProvider), stdout: stdout.slice(0, at), stderr });
      },
    );
  });
}

function withProvider(r: Omit<Registration, "providerText" | "providerIsSecret">): Registration {
  const p = r.inputs.__provider;
  const providerIsSecret = isSecretWrapper(p);
  const text = providerIsSecret ? p.value : p;
  return { ...r, providerIsSecret, ...(typeof text === "string" ? { providerText: text } : {}) };
}
