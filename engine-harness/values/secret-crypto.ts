/**
 * Encryption of secret values for the state and config files, in the spirit of Pulumi's
 * passphrase secrets provider: a key derived from the passphrase by scrypt (salt stored next to
 * the data), AES-256-GCM per value, and on disk the secret wrapper carries `ciphertext` instead
 * of `value`.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";
import {
  SECRET_SIG,
  SIG_KEY,
  isObject,
  isSecret,
  mapValues,
  type PropertyValue,
} from "./property-values";

/** Used only when PULUMI_CONFIG_PASSPHRASE is unset (tests and the demo); documented in the README. */
export const DEFAULT_TEST_PASSPHRASE = "engine-harness-test-passphrase";

export interface Crypter {
  /** `v1:<salt>` as stored in files, so that the same passphrase re-derives the key. */
  readonly saltText: string;
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
}

/** The passphrase the harness uses: PULUMI_CONFIG_PASSPHRASE, else the test default. */
export function passphraseFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.PULUMI_CONFIG_PASSPHRASE ?? DEFAULT_TEST_PASSPHRASE;
}

/** A crypter for `saltText` (from an existing file) or a fresh salt. */
export function createCrypter(passphrase: string, saltText?: string): Crypter {
  const salt = saltText ? Buffer.from(saltText.replace(/^v1:/, ""), "base64") : randomBytes(16);
  const key = scryptSync(passphrase, salt, 32, { N: 16384, r: 8, p: 1 });
  return {
    saltText: `v1:${salt.toString("base64")}`,
    encrypt(plaintext: string): string {
      const nonce = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, nonce);
      const body = Buffer.concat([
        cipher.update(plaintext, "utf8"),
        cipher.final(),
        cipher.getAuthTag(),
      ]);
      return `v1:${nonce.toString("base64")}:${body.toString("base64")}`;
    },
    decrypt(ciphertext: string): string {
      const [version, nonceText, bodyText] = ciphertext.split(":");
      if (version !== "v1" || !nonceText || !bodyText) {
        throw new Error(
          "a secret in the state or config file is not in the v1 format; the file is damaged",
        );
      }
      const body = Buffer.from(bodyText, "base64");
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonceText, "base64"));
      decipher.setAuthTag(body.subarray(body.length - 16));
      try {
        return Buffer.concat([
          decipher.update(body.subarray(0, body.length - 16)),
          decipher.final(),
        ]).toString("utf8");
      } catch {
        throw new Error(
          "could not decrypt a secret: the passphrase is wrong; set PULUMI_CONFIG_PASSPHRASE to the one used to write the file",
        );
      }
    },
  };
}

/** Replaces every in-memory secret `{sig, value}` by `{sig, ciphertext}` (for writing files). */
export function encryptSecrets(value: PropertyValue, crypter: Crypter): PropertyValue {
  if (isSecret(value)) {
    return {
      [SIG_KEY]: SECRET_SIG,
      ciphertext: crypter.encrypt(JSON.stringify(value.value ?? null)),
    };
  }
  if (Array.isArray(value)) return value.map((v) => encryptSecrets(v, crypter));
  if (isObject(value)) return mapValues(value, (v) => encryptSecrets(v, crypter));
  return value;
}

/** Reverse of encryptSecrets (for reading files). */
export function decryptSecrets(value: PropertyValue, crypter: Crypter): PropertyValue {
  if (isSecret(value) && typeof value.ciphertext === "string") {
    return { [SIG_KEY]: SECRET_SIG, value: JSON.parse(crypter.decrypt(value.ciphertext)) };
  }
  if (Array.isArray(value)) return value.map((v) => decryptSecrets(v, crypter));
  if (isObject(value)) return mapValues(value, (v) => decryptSecrets(v, crypter));
  return value;
}
