/** The secret scanner itself: it must find leaks in every form it claims, and nothing else. */
import { expect } from "chai";
import { describeHits, scanForSecrets } from "./scan-secrets";

const SECRET = "0b6e2a55-8c1d-4f7e-9a3b-5d2c1e0f9a8b";

describe("scanForSecrets", () => {
  it("finds a secret as is, and says in which text and where", () => {
    const hits = scanForSecrets(["clean", `key=${SECRET};`], [SECRET]);
    expect(hits).to.deep.equal([
      { text: 1, secret: 0, hint: "0b6e…(36 chars)", form: "plain", offset: 4 },
    ]);
  });

  it("finds upper-cased, percent-encoded, base64 and hex forms", () => {
    const secret = "p@ss word/1234";
    const texts = [
      secret.toUpperCase(),
      encodeURIComponent(secret),
      `Basic ${Buffer.from(secret).toString("base64")}`,
      Buffer.from(secret).toString("hex"),
    ];
    const forms = scanForSecrets(texts, [secret]).map((h) => `${h.text}:${h.form}`);
    expect(forms).to.have.members(["0:upper-case", "1:percent-encoded", "2:base64", "3:hex"]);
  });

  it("does not match Ops Manager's redacted form of a private key", () => {
    expect(
      scanForSecrets([`"privateKey":"********-****-****-${SECRET.slice(-12)}"`], [SECRET]),
    ).to.deep.equal([]);
  });

  it("ignores secrets too short to scan without false alarms, and duplicates", () => {
    expect(scanForSecrets(["abc abc"], ["abc"])).to.deep.equal([]);
    expect(scanForSecrets([SECRET], [SECRET, SECRET])).to.have.length(1);
  });

  it("describes hits without revealing the secret", () => {
    const text = describeHits(scanForSecrets([SECRET], [SECRET]), ["state"]);
    expect(text).to.contain("in state");
    expect(text).not.to.contain(SECRET);
  });
});
