/**
 * Pending deletes: replaced or removed resources whose delete has not succeeded yet, deleted in
 * order (entries and assignments before their keys) at the end of a deployment that succeeded
 * and at the start of every later one; the first failure stops the rest.
 */
import type { Step } from "./step";

export async function retryPendingDeletes(s: Step): Promise<void> {
  // From here on the old keys are being deleted: their entries first, then the keys themselves.
  for (const p of s.state.pending) if (p.kind === "OrgApiKey") s.track.deleteIssued.add(p.id);
  while (s.state.pending.length > 0) {
    const next = s.state.pending[0];
    if (!(await s.engine.delete(next.kind, next.id, next.id, next.outs))) return;
    s.state.pending.shift();
  }
}
