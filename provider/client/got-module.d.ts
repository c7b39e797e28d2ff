/**
 * got 14 publishes its types only through package.json `exports`, which this repository's
 * `moduleResolution: node10` does not read. Point the bare specifier at the same declarations
 * (types only: at run time `require("got")` loads the ESM build through Node's require(esm)).
 */
declare module "got" {
  export * from "got/dist/source/index.js";
  export { default } from "got/dist/source/index.js";
}
