/**
 * Secret hygiene across chaos runs: everything recorded — persisted state (with
 * `privateKey` as the secret ciphertext an engine stores), the emulator's request log, every
 * `__provider` text, every error message, partial-create reason and warning — holds none of the
 * private keys issued nor the managing credential.
 */
import { expect } from "chai";
import { serializedShims } from "../chaos/providers";
import { runOne, runSeed } from "../chaos/run-chaos";
import { describeHits, scanForSecrets } from "./scan-secrets";

describe("secret hygiene across chaos runs", function () {
  this.timeout(120_000);

  it("finds 0 secrets in state, request logs, __provider texts, messages and warnings", async () => {
    const providers = await serializedShims();
    let issued = 0;
    let messages = 0;
    for (let i = 0; i < 6; i++) {
      const r = await runOne(runSeed(77, i), { providers, keepRecorded: true });
      const { labels, texts, secrets } = r.recorded!;
      issued += secrets.length - 1;
      messages += texts.length - 4;
      const hits = scanForSecrets(texts, secrets);
      expect(hits, describeHits(hits, labels)).to.deep.equal([]);
      expect(texts[1], "the request log was scanned").to.contain("/apiKeys");
    }
    expect(issued, "private keys were issued and scanned for").to.be.above(5);
    expect(messages, "failure messages and warnings were scanned").to.be.above(0);
  });

  it("would notice a leak: the same texts with one private key pasted in are flagged", async () => {
    const providers = await serializedShims();
    const r = await runOne(runSeed(77, 0), { providers, keepRecorded: true });
    const { texts, secrets } = r.recorded!;
    const issued = secrets.slice(1);
    expect(issued.length).to.be.above(0);
    const leaked = [...texts, `oops ${issued[0]}`];
    expect(scanForSecrets(leaked, secrets)).to.have.length(1);
  });
});
