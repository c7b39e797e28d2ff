/**
 * `config`, `config set` and `config get` (pkg/cmd/pulumi/config): keys without a namespace get
 * the project's; `config get` prints a secret decrypted, like pulumi; the listing blinds secrets
 * unless --show-secrets.
 */
import { namespaced, StackConfig } from "../state/stack-config";
import { stateFileSalt } from "../state/state-file";
import type { Stack } from "../stack-types";
import { passphraseFromEnv } from "../values/secret-crypto";
import { EXIT } from "./commands";
import type { FlagValues } from "./flags";
import type { Output } from "./output";

export function configSet(stack: Stack, key: string, value: string, flags: FlagValues): number {
  stack.setConfig(key, flags.secret === true ? { secret: value } : value);
  return EXIT.ok;
}

export function configGet(stack: Stack, key: string, flags: FlagValues, out: Output): number {
  const entry = loadConfig(stack).entries().get(namespaced(stack.project, key));
  if (!entry) {
    out.stderr(
      `error: configuration key '${namespaced(stack.project, key)}' not found for stack '${stack.stack}'\n`,
    );
    return EXIT.failed;
  }
  if (flags.json === true) {
    out.stdout(`${JSON.stringify({ value: entry.value, secret: entry.secret }, null, 2)}\n`);
  } else {
    out.stdout(`${entry.value}\n`);
  }
  return EXIT.ok;
}

export function configList(stack: Stack, flags: FlagValues, out: Output): number {
  const show = flags["show-secrets"] === true;
  const entries = [...loadConfig(stack).entries()].sort(([a], [b]) => a.localeCompare(b));
  if (flags.json === true) {
    const json = Object.fromEntries(
      entries.map(([k, v]) => [
        k,
        { ...(v.secret && !show ? {} : { value: v.value }), secret: v.secret },
      ]),
    );
    out.stdout(`${JSON.stringify(json, null, 2)}\n`);
    return EXIT.ok;
  }
  const width = Math.max("KEY".length, ...entries.map(([k]) => k.length));
  out.stdout(`${"KEY".padEnd(width)}  VALUE\n`);
  for (const [k, v] of entries) {
    out.stdout(`${k.padEnd(width)}  ${v.secret && !show ? "[secret]" : v.value}\n`);
  }
  return EXIT.ok;
}

/** The stack's config file, decrypted with the passphrase openStack() uses. */
function loadConfig(stack: Stack): StackConfig {
  return StackConfig.load(stack.configFile, passphraseFromEnv(), stateFileSalt(stack.stateFile));
}
