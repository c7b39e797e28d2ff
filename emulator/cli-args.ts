/**
 * Flags of the `opsmanager-emulator` command. A bad flag is a UsageError naming
 * it; the CLI prints it on stderr and exits 2.
 */
import type { EmulatorOptions } from "./types";

export class UsageError extends Error {}

export const USAGE = `Usage: opsmanager-emulator [flags]

Runs a local Ops Manager API emulator (org API keys, their access lists and their project
assignments) and prints one JSON line {"baseUrl","orgId","projectId","publicKey","privateKey"}
on stdout; serves until SIGINT/SIGTERM.

  --port N                  port to listen on (default 8080; 0 picks a free port)
  --host H                  address to bind (default 127.0.0.1)
  --data FILE               keep state in FILE across restarts
  --access-list-mode M      both | whitelist-only | accessList-only (default both)
  --missing-key-status S    400 | 404: status of API_KEY_NOT_FOUND (default 400)
  --duplicate-entry D       noop | conflict: posting a listed address (default noop)
  --no-ipv6                 reject IPv6 access-list entries (400 IPV6_UNSUPPORTED)
  --html-not-found          answer unknown paths with an HTML 404, as a reverse proxy would
  --require-access-list     the seeded org requires an IP access list
  --seed N                  seed of ids and keys (deterministic runs)
  --help                    show this text
`;

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function oneOf<const T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} must be one of ${allowed.join(", ")}; got "${value}"`);
  }
  return value as T;
}

function integer(flag: string, value: string, min: number, max: number): number {
  if (!/^[0-9]+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`${flag} must be an integer from ${min} to ${max}; got "${value}"`);
  }
  return Number(value);
}

/** Parse argv (without node and script); `help: true` means print USAGE and exit 0. */
export function parseCliArgs(argv: readonly string[]): { help: boolean; options: EmulatorOptions } {
  const options: Mutable<EmulatorOptions> = { port: 8080, host: "127.0.0.1" };
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s, 2) : [arg];
    const value = (): string => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case "--help":
      case "-h":
        help = true;
        break;
      case "--port":
        options.port = integer(flag, value(), 0, 65535);
        break;
      case "--host":
        options.host = value();
        break;
      case "--data":
        options.dataFile = value();
        break;
      case "--access-list-mode":
        options.accessListMode = oneOf(flag, value(), [
          "both",
          "whitelist-only",
          "accessList-only",
        ]);
        break;
      case "--missing-key-status":
        options.missingKeyStatus = Number(oneOf(flag, value(), ["400", "404"])) as 400 | 404;
        break;
      case "--duplicate-entry":
        options.duplicateEntry = oneOf(flag, value(), ["noop", "conflict"]);
        break;
      case "--no-ipv6":
        options.ipv6 = false;
        break;
      case "--html-not-found":
        options.htmlNotFound = true;
        break;
      case "--require-access-list":
        options.requireAccessList = true;
        break;
      case "--seed":
        options.seed = integer(flag, value(), 0, 2 ** 32 - 1);
        break;
      default:
        throw new UsageError(`unknown flag ${arg}; run with --help for the list of flags`);
    }
  }
  return { help, options };
}
