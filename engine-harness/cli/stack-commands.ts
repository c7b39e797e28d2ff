/**
 * `stack output` and `stack export`, as pkg/cmd/pulumi/stack/stack_output.go and
 * stack_export.go print them: outputs with secrets blinded to `[secret]` unless
 * --show-secrets (`display.MassageSecrets`); the state as `{"version": 3, "deployment": …}`
 * with secrets still encrypted unless --show-secrets, which turns each into
 * `{"4dabf…": "1b47…", "plaintext": "<JSON of the value>"}`.
 */
import * as fs from "node:fs";
import type { Stack } from "../stack-types";
import {
  SECRET_SIG,
  SIG_KEY,
  isObject,
  isSecret,
  type PropertyValue,
} from "../values/property-values";
import { EXIT } from "./commands";
import type { FlagValues } from "./flags";
import type { Output } from "./output";

export function stackOutput(
  stack: Stack,
  name: string | undefined,
  flags: FlagValues,
  out: Output,
): number {
  const showSecrets = flags["show-secrets"] === true;
  const outputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(stack.outputs())) {
    outputs[key] = massageSecrets(value, showSecrets);
  }
  if (flags.json === true && flags.shell === true) {
    out.stderr("error: only one of --json and --shell may be set\n");
    return EXIT.usage;
  }
  if (name !== undefined) {
    if (!(name in outputs)) {
      out.stderr(`error: current stack does not have output property '${name}'\n`);
      return EXIT.failed;
    }
    const value = outputs[name];
    if (flags.json === true) out.stdout(`${JSON.stringify(value, null, 2)}\n`);
    else if (flags.shell === true) out.stdout(`${name}=${shellQuote(stringify(value))}\n`);
    else out.stdout(`${stringify(value)}\n`);
    return EXIT.ok;
  }
  const keys = Object.keys(outputs).sort();
  if (flags.json === true) {
    out.stdout(
      `${JSON.stringify(Object.fromEntries(keys.map((k) => [k, outputs[k]])), null, 2)}\n`,
    );
  } else if (flags.shell === true) {
    for (const k of keys) out.stdout(`${k}=${shellQuote(stringify(outputs[k]))}\n`);
  } else {
    out.stdout(`Current stack outputs (${keys.length}):\n`);
    if (keys.length === 0) {
      out.stdout("    No output values currently in this stack\n");
    } else {
      const width = Math.max("OUTPUT".length, ...keys.map((k) => k.length));
      out.stdout(`    ${"OUTPUT".padEnd(width)}  VALUE\n`);
      for (const k of keys) out.stdout(`    ${k.padEnd(width)}  ${stringify(outputs[k])}\n`);
    }
  }
  return EXIT.ok;
}

export function stackExport(stack: Stack, flags: FlagValues, out: Output): number {
  const raw = fs.existsSync(stack.stateFile)
    ? (JSON.parse(fs.readFileSync(stack.stateFile, "utf8")) as StateFileShape)
    : undefined;
  const latest = raw?.checkpoint?.latest ?? {
    manifest: { time: new Date().toISOString(), version: "engine-harness" },
    resources: [],
  };
  const resources =
    flags["show-secrets"] === true
      ? stack.snapshot().resources.map((r) => plaintextSecrets(r as unknown as PropertyValue))
      : latest.resources;
  const text = `${JSON.stringify({ version: 3, deployment: { ...latest, resources } }, null, 4)}\n`;
  const file = flags.file as string | undefined;
  if (file) fs.writeFileSync(file, text);
  else out.stdout(text);
  return EXIT.ok;
}

interface StateFileShape {
  readonly checkpoint?: { readonly latest?: { readonly resources: unknown[] } & object };
}

/** Secrets as `[secret]`, or their plain values (recursively unwrapped) with --show-secrets. */
function massageSecrets(value: PropertyValue, showSecrets: boolean): unknown {
  if (isSecret(value)) return showSecrets ? massageSecrets(value.value, true) : "[secret]";
  if (Array.isArray(value)) return value.map((v) => massageSecrets(v, showSecrets));
  if (isObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, massageSecrets(v, showSecrets)]),
    );
  }
  return value;
}

/** The wire secret `{sig, value}` as the CLI's decrypted export form `{sig, plaintext}`. */
function plaintextSecrets(value: PropertyValue): unknown {
  if (isSecret(value)) {
    return { [SIG_KEY]: SECRET_SIG, plaintext: JSON.stringify(value.value ?? null) };
  }
  if (Array.isArray(value)) return value.map(plaintextSecrets);
  if (isObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plaintextSecrets(v)]));
  }
  return value;
}

/** `stringifyOutput`: top-level strings raw, anything else as one-line JSON. */
function stringify(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function shellQuote(text: string): string {
  if (/^[A-Za-z0-9_\-.,:/@%+=]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}
