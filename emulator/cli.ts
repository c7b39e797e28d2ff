#!/usr/bin/env node
/**
 * `opsmanager-emulator`: prints exactly one JSON line on stdout
 * ({"baseUrl","orgId","projectId","publicKey","privateKey"}), then serves until SIGINT/SIGTERM
 * and exits 0.
 * Everything else goes to stderr. Bad flags exit 2.
 */
import { parseCliArgs, USAGE, UsageError } from "./cli-args";
import { startEmulator } from "./server";

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseCliArgs>;
  try {
    parsed = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`opsmanager-emulator: ${error.message}\n`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stderr.write(USAGE);
    return;
  }
  const emulator = await startEmulator(parsed.options);
  const { baseUrl, orgId, projectId, publicKey, privateKey } = emulator;
  process.stdout.write(JSON.stringify({ baseUrl, orgId, projectId, publicKey, privateKey }) + "\n");
  process.stderr.write(
    `opsmanager-emulator: serving ${baseUrl}/api/public/v1.0 (Ctrl-C to stop)\n`,
  );
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`opsmanager-emulator: ${signal}, closing\n`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`opsmanager-emulator: close failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((error: unknown) => {
  process.stderr.write(`opsmanager-emulator: could not start: ${String(error)}\n`);
  process.exit(1);
});
