/**
 * Flag parsing with the `pulumi` CLI's conventions (cobra/pflag): `--name value`,
 * `--name=value`, `-x value`, boolean flags that take no value (or `--flag=true|false`),
 * repeatable flags collected in order, `--` ends the flags. Anything else is a UsageError
 * (exit code 2).
 */

export type FlagType = "boolean" | "string" | "strings" | "integer";

export interface FlagSpec {
  readonly name: string;
  readonly short?: string;
  readonly type: FlagType;
  /** Shown in --help after the flag (e.g. `URN`). */
  readonly value?: string;
  readonly help: string;
}

export type FlagValues = Record<string, boolean | string | number | string[] | undefined>;

/** A mistake in how the command was called: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose --help is suggested, e.g. `stack output`. */
    readonly command?: string,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

export interface ParsedArgs {
  readonly flags: FlagValues;
  readonly positionals: string[];
}

/** Parses `argv` against `specs`; throws UsageError naming `command` on anything unknown. */
export function parseFlags(
  argv: readonly string[],
  specs: readonly FlagSpec[],
  command: string,
): ParsedArgs {
  const flags: FlagValues = {};
  const positionals: string[] = [];
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let spec: FlagSpec | undefined;
    let inline: string | undefined;
    let shown = arg;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
      shown = `--${name}`;
      spec = byName.get(name);
    } else if (arg.startsWith("-") && arg.length > 1) {
      shown = arg.slice(0, 2);
      spec = byShort.get(arg.slice(1, 2));
      if (arg.length > 2) inline = arg.slice(2).replace(/^=/, "");
    } else {
      positionals.push(arg);
      continue;
    }
    if (!spec) throw new UsageError(`unknown flag: ${shown}`, command);
    if (spec.type === "boolean") {
      if (inline === undefined || inline === "true") flags[spec.name] = true;
      else if (inline === "false") flags[spec.name] = false;
      else throw new UsageError(`${shown} takes no value (or =true / =false)`, command);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`flag needs an argument: ${shown}`, command);
    if (spec.type === "integer") {
      if (!/^\d+$/.test(value) || Number(value) < 1) {
        throw new UsageError(`${shown} needs a positive whole number, got "${value}"`, command);
      }
      flags[spec.name] = Number(value);
    } else if (spec.type === "strings") {
      flags[spec.name] = [...((flags[spec.name] as string[] | undefined) ?? []), value];
    } else {
      flags[spec.name] = value;
    }
  }
  return { flags, positionals };
}

/** The `Flags:` block of --help. */
export function renderFlags(specs: readonly FlagSpec[]): string[] {
  const left = specs.map(
    (s) =>
      `${s.short ? `-${s.short}, ` : "    "}--${s.name}${s.value ? ` ${s.value}` : ""}${
        s.type === "strings" ? " (repeatable)" : ""
      }`,
  );
  const width = Math.max(...left.map((l) => l.length));
  return specs.map((s, i) => `  ${left[i].padEnd(width)}   ${s.help}`);
}
