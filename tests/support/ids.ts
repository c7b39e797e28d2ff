/** Ids the tests use where any well-formed value will do. */

/** A well-formed 24-hex organization id that no emulator seeds (so it is never found). */
export const TEST_ORG_ID = "5f0c8a1e2b3c4d5e6f708192";
