/**
 * `npm run chaos` → `node dist/tests/chaos/run.js [--runs N] [--seed S] [--only-seed X]`:
 * seeded randomized lifecycle runs against in-process emulators on 127.0.0.1 with injected
 * faults; prints the figures and exits 1 when a target is missed.
 */
import { formatSummary, passed, summarize } from "./report";
import { serializedShims } from "./providers";
import { runChaos, runOne } from "./run-chaos";

interface Args {
  runs: number;
  seed: number;
  onlySeed?: number;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { runs: 200, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const n = Number(value);
    if (!["--runs", "--seed", "--only-seed"].includes(flag) || !Number.isInteger(n) || n < 0) {
      throw new Error(
        `usage: node dist/tests/chaos/run.js [--runs N] [--seed S] [--only-seed RUNSEED] (bad argument ${flag})`,
      );
    }
    if (flag === "--runs") args.runs = n;
    else if (flag === "--seed") args.seed = n;
    else args.onlySeed = n;
    i++;
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const providers = await serializedShims();
  const started = Date.now();
  if (args.onlySeed !== undefined) {
    const r = await runOne(args.onlySeed, { providers });
    console.log(JSON.stringify({ ...r, recorded: undefined }, null, 2));
    console.log(formatSummary(summarize([r]), Date.now() - started));
    return passed(summarize([r])) ? 0 : 1;
  }
  console.log(`chaos: ${args.runs} runs, seed ${args.seed}, emulators on 127.0.0.1`);
  const results = await runChaos(args.runs, args.seed, { providers }, (_r, i) => {
    if ((i + 1) % 50 === 0) console.log(`  ${i + 1}/${args.runs} runs`);
  });
  const summary = summarize(results);
  console.log(formatSummary(summary, Date.now() - started));
  return passed(summary) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 2;
  },
);
