/**
 * The seeded slice of the chaos suite that runs in `npm test` (docs/TESTING.md): the first 10
 * runs of `npm run chaos` (seed 1), same targets: 0 orphans, 0 lost private keys, 0 duplicates,
 * every failure message clear, 0 secret hits, no key left with an empty access list after a
 * failed step, 0 lost, orphan or duplicate project assignments.
 */
import { expect } from "chai";
import { formatSummary, summarize } from "./report";
import { serializedShims } from "./providers";
import { runChaos } from "./run-chaos";

describe("chaos slice (10 seeded runs)", function () {
  this.timeout(120_000);

  it("leaves no orphan, loses no private key or assignment, makes no duplicate, leaves no key open, fails only clearly and leaks nothing", async () => {
    const started = Date.now();
    const results = await runChaos(10, 1, { providers: await serializedShims() });
    const summary = summarize(results);
    const table = formatSummary(summary, Date.now() - started);
    expect(
      Object.values(summary.faults).reduce((a, b) => a + b, 0),
      "faults were injected",
    ).to.be.above(0);
    expect(summary.okAfterRetrying, "some calls recovered from faults").to.be.above(0);
    const assignmentCalls = results
      .flatMap((r) => r.ops)
      .filter((op) => op.op.endsWith("ApiKeyProjectAssignment") && op.ok);
    expect(assignmentCalls.length, "assignments were made and changed").to.be.above(0);
    expect(summary.assignmentChecks, "assignments checked after every step").to.equal(
      summary.steps,
    );
    expect(
      {
        orphanKeys: summary.orphanKeys,
        orphanEntries: summary.orphanEntries,
        lostPrivateKeys: summary.lostPrivateKeys,
        duplicateKeys: summary.duplicateKeys,
        failedUnclearly: summary.failedUnclearly,
        secretHits: summary.secretHits,
        openKeys: summary.openKeys,
        lostAssignments: summary.lostAssignments,
        orphanAssignments: summary.orphanAssignments,
        duplicateAssignments: summary.duplicateAssignments,
      },
      table,
    ).to.deep.equal({
      orphanKeys: 0,
      orphanEntries: 0,
      lostPrivateKeys: 0,
      duplicateKeys: 0,
      failedUnclearly: 0,
      secretHits: 0,
      openKeys: 0,
      lostAssignments: 0,
      orphanAssignments: 0,
      duplicateAssignments: 0,
    });
  });
});
