#!/usr/bin/env node
// Makes this repository resolvable as the installed package `pulumi-opsmanager-apikeys` from
// its own node_modules, so a Pulumi program run from this checkout (Pulumi.yaml's examples/)
// works like one with the package installed. Why: the serialized provider `require`s
// "pulumi-opsmanager-apikeys/dist/…" from the plugin host's cwd, and the host compiles it with
// an empty file name, for which Node skips package self-reference (docs/ARCHITECTURE.md).
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-opsmanager-apikeys");
try {
  if (fs.realpathSync(link) === root) process.exit(0);
  fs.rmSync(link, { recursive: true, force: true });
} catch {
  // No link yet.
}
fs.mkdirSync(path.dirname(link), { recursive: true });
fs.symlinkSync("..", link, "dir");
