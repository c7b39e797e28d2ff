/**
 * The seeded slice of the chaos suite that runs in `npm test` (issue 5 §1): the first 10 runs of
 * `npm run chaos` (seed 1), same targets: 0 orphans, 0 lost private keys, 0 duplicates, every
 * failure message clear, 0 secret hits.
 */
import { expect } from "chai";
import { formatSummary, summarize } from "./report";
import { serializedShims } from "./providers";
import { runChaos } from "./run-chaos";

describe("chaos slice (10 seeded runs)", function () {
  this.timeout(120_000);

  it("leaves no orphan, loses no private key, makes no duplicate, fails only clearly and leaks nothing", async () => {
    const started = Date.now();
    const summary = summarize(await runChaos(10, 1, { providers: await serializedShims() }));
    const table = formatSummary(summary, Date.now() - started);
    expect(
      Object.values(summary.faults).reduce((a, b) => a + b, 0),
      "faults were injected",
    ).to.be.above(0);
    expect(summary.okAfterRetrying, "some calls recovered from faults").to.be.above(0);
    expect(
      {
        orphanKeys: summary.orphanKeys,
        orphanEntries: summary.orphanEntries,
        lostPrivateKeys: summary.lostPrivateKeys,
        duplicateKeys: summary.duplicateKeys,
        failedUnclearly: summary.failedUnclearly,
        secretHits: summary.secretHits,
      },
      table,
    ).to.deep.equal({
      orphanKeys: 0,
      orphanEntries: 0,
      lostPrivateKeys: 0,
      duplicateKeys: 0,
      failedUnclearly: 0,
      secretHits: 0,
    });
  });
});
