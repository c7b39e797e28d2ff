/**
 * Tier 3: connection settings reach the provider through the real host: namespaced stack config via Configure, else the mongocli environment variables of the
 * plugin process; missing or wrong settings fail with an actionable message and no secrets.
 */
import { expect } from "chai";
import { isHostCallError } from "../../engine-harness/host";
import { createKey, expectNoSecrets, keyUrn, openScenario, type Scenario } from "./support/suite";

const WRONG_PRIVATE_KEY = "0badc0de-1111-2222-3333-444455556666";

async function failureOf(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    expect(isHostCallError(e), String(e)).to.equal(true);
    return e as Error;
  }
  throw new Error("expected the host call to fail");
}

describe("host: connection settings", function () {
  this.timeout(90000);
  let fromEnv: Scenario;
  let configBeatsEnv: Scenario;
  let missing: Scenario;
  let wrong: Scenario;

  before(async () => {
    // Each needs its own host: a host configures a provider text once per process.
    [fromEnv, configBeatsEnv, missing, wrong] = await Promise.all([
      openScenario({
        config: null,
        env: (em) => ({
          MCLI_OPS_MANAGER_URL: em.baseUrl,
          MCLI_PUBLIC_API_KEY: em.publicKey,
          MCLI_PRIVATE_API_KEY: em.privateKey,
        }),
      }),
      openScenario({
        env: {
          MCLI_OPS_MANAGER_URL: "http://127.0.0.1:9",
          MCLI_PRIVATE_API_KEY: WRONG_PRIVATE_KEY,
        },
      }),
      openScenario({ config: null }),
      openScenario({ config: { "opsmanager:privateKey": WRONG_PRIVATE_KEY } }),
    ]);
  });
  after(async () => {
    await Promise.all(
      [fromEnv, configBeatsEnv, missing, wrong].filter(Boolean).map((s) => s.close()),
    );
  });

  it("falls back to MCLI_* environment variables of the plugin process", async () => {
    const key = await createKey(fromEnv, "from-env");
    expect(fromEnv.emulator.admin.listKeys(fromEnv.emulator.orgId).map((k) => k.id)).to.include(
      key.id,
    );
  });

  it("prefers namespaced stack config over the environment", async () => {
    const key = await createKey(configBeatsEnv, "config-wins");
    expect(
      configBeatsEnv.emulator.admin.listKeys(configBeatsEnv.emulator.orgId).map((k) => k.id),
    ).to.include(key.id);
  });

  it("checks offline without any settings, then fails a create naming what to set", async () => {
    const news = {
      orgId: missing.emulator.orgId,
      description: "d",
      roles: ["ORG_MEMBER"],
      __provider: missing.providers.OrgApiKey,
    };
    const checked = await missing.host.check(keyUrn("k"), {}, news);
    expect(checked.failures).to.deep.equal([]);
    const err = await failureOf(missing.host.create(keyUrn("k"), checked.inputs));
    expect(err.message).to.include("opsmanager:baseUrl").and.include("MCLI_OPS_MANAGER_URL");
    expect(err.message).to.include("opsmanager:privateKey").and.include("MCLI_PRIVATE_API_KEY");
    expect(missing.emulator.requests).to.deep.equal([]);
  });

  it("fails a create with wrong credentials clearly, without secrets, creating nothing", async () => {
    const news = {
      orgId: wrong.emulator.orgId,
      description: "d",
      roles: ["ORG_MEMBER"],
      __provider: wrong.providers.OrgApiKey,
    };
    const checked = await wrong.host.check(keyUrn("k"), {}, news);
    const err = await failureOf(wrong.host.create(keyUrn("k"), checked.inputs));
    expect(err.message).to.match(/credential|401|unauthori[sz]ed/i);
    expect(err.message).to.match(/POST|apiKeys/);
    expect((err as { initFailed?: unknown }).initFailed).to.equal(undefined);
    expectNoSecrets([WRONG_PRIVATE_KEY, wrong.emulator.privateKey], {
      "error message": err.message,
    });
    expect(wrong.emulator.admin.listKeys(wrong.emulator.orgId)).to.have.length(
      1,
      "only the bootstrap key",
    );
  });

  it("writes no credential to any host's stdout or stderr", async () => {
    for (const [name, s] of Object.entries({ fromEnv, configBeatsEnv, missing, wrong })) {
      const { stdout, stderr } = await s.close(); // complete output: the process has exited
      expectNoSecrets([...s.secrets, WRONG_PRIVATE_KEY], {
        [`${name} stdout`]: stdout,
        [`${name} stderr`]: stderr,
      });
    }
  });
});
