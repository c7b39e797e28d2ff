/**
 * Test certificates made with the `openssl` command (node:crypto cannot sign X.509): a private CA,
 * a server certificate for 127.0.0.1 / localhost signed by it, and a self-signed certificate for
 * the same names. Everything lives in one temp directory that `remove()` deletes.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/** PEM texts and the CA file paths a client can be pointed at. */
export interface TestCertificates {
  /** PEM file of the private CA (what opsmanager:caCertFile would name). */
  readonly caFile: string;
  /** Server certificate (signed by the CA) and its key, for `startEmulator({ tls })`. */
  readonly signed: { readonly cert: string; readonly key: string };
  /** A self-signed server certificate and its key (no CA vouches for it). */
  readonly selfSigned: { readonly cert: string; readonly key: string };
  /** PEM file of the self-signed certificate (trusting it as a CA makes it valid). */
  readonly selfSignedFile: string;
  /** PEM file of an unrelated CA (trusting it must not help). */
  readonly otherCaFile: string;
  remove(): void;
}

const SERVER_NAMES = "subjectAltName=IP:127.0.0.1,DNS:localhost";

function openssl(dir: string, args: string[]): void {
  execFileSync("openssl", args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"], timeout: 30_000 });
}

/** True when an `openssl` binary can be run. */
export function hasOpenssl(): boolean {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore", timeout: 10_000 });
    return true;
  } catch {
    return false;
  }
}

/** `openssl req` arguments for a new unencrypted P-256 key written to `keyFile`. */
function newP256Key(keyFile: string): string[] {
  return [
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
    "-keyout",
    keyFile,
  ];
}

/** A self-signed P-256 certificate `<name>.pem` with key `<name>.key`, valid two days. */
function selfSignedEc(dir: string, name: string, subject: string, extensions: string[]): void {
  openssl(dir, [
    "req",
    "-x509",
    ...newP256Key(`${name}.key`),
    "-out",
    `${name}.pem`,
    "-days",
    "2",
    "-subj",
    subject,
    ...extensions.flatMap((extension) => ["-addext", extension]),
  ]);
}

function makeCa(dir: string, name: string): void {
  selfSignedEc(dir, name, `/CN=${name} test CA`, [
    "basicConstraints=critical,CA:TRUE",
    "keyUsage=critical,keyCertSign,cRLSign",
  ]);
}

/** Generates all certificates in a fresh temp directory (a few hundred ms). */
export function generateCertificates(): TestCertificates {
  const dir = mkdtempSync(path.join(tmpdir(), "opsmanager-tls-"));
  try {
    makeCa(dir, "ca");
    makeCa(dir, "other");
    writeFileSync(path.join(dir, "server.ext"), `${SERVER_NAMES}\nextendedKeyUsage=serverAuth\n`);
    openssl(dir, [
      "req",
      ...newP256Key("server.key"),
      "-out",
      "server.csr",
      "-subj",
      "/CN=127.0.0.1",
    ]);
    openssl(dir, [
      "x509",
      "-req",
      "-in",
      "server.csr",
      "-CA",
      "ca.pem",
      "-CAkey",
      "ca.key",
      "-CAcreateserial",
      "-out",
      "server.pem",
      "-days",
      "2",
      "-extfile",
      "server.ext",
    ]);
    selfSignedEc(dir, "self", "/CN=127.0.0.1", [SERVER_NAMES]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const read = (file: string): string => readFileSync(path.join(dir, file), "utf8");
  return {
    caFile: path.join(dir, "ca.pem"),
    otherCaFile: path.join(dir, "other.pem"),
    signed: { cert: read("server.pem"), key: read("server.key") },
    selfSigned: { cert: read("self.pem"), key: read("self.key") },
    selfSignedFile: path.join(dir, "self.pem"),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
