import { expect } from "chai";
import { RandomHex } from "../../provider/client/random-hex";

describe("RandomHex", () => {
  it("returns two lower-case hex digits per requested byte", () => {
    const random = new RandomHex();
    expect(random.next(8)).to.match(/^[0-9a-f]{16}$/);
    expect(random.next(1)).to.match(/^[0-9a-f]{2}$/);
  });

  it("never repeats a value across many pool refills", () => {
    const random = new RandomHex();
    const seen = new Set<string>();
    for (let i = 0; i < 5000; i += 1) seen.add(random.next(8));
    expect(seen.size).to.equal(5000);
  });

  it("gives separate instances separate values", () => {
    expect(new RandomHex().next(8)).to.not.equal(new RandomHex().next(8));
  });

  it("rejects a size it cannot serve, naming the allowed range", () => {
    const random = new RandomHex();
    expect(() => random.next(0)).to.throw(RangeError, /1 to 4096/);
    expect(() => random.next(4097)).to.throw(RangeError, /1 to 4096/);
    expect(() => random.next(1.5)).to.throw(RangeError);
  });
});
