/**
 * The step executor's worker pool (step_executor.go): at most `--parallel` resource operations
 * (Create, Update, Delete, Read) run at once. The CLI's default is 4 × the number of CPUs
 * (pkg/cmd/pulumi/operations/up.go `defaultParallel`).
 */
import { availableParallelism } from "node:os";

export function defaultParallel(): number {
  return availableParallelism() * 4;
}

export class Limiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number = defaultParallel()) {}

  /** Runs `work` once a slot is free. */
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= Math.max(1, this.limit)) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
