/** The multi-root tests, by title: run in a second VS Code (see ../multiroot.test.ts), reported one by one. */
export const MULTI_ROOT_TESTS = {
  enginePerFolder: "a multi-root workspace has one engine per folder, each with its own library",
  keyElsewhere: "an unknown key says which folder's sources were searched, and which other folder holds the key",
  removeFolder: "removing a workspace folder disposes its engine and clears its diagnostics (briefs and library problems)",
  addFolder: "adding a workspace folder creates its engine and checks its open briefs",
} as const;

/** Marker of one nested test's result on the nested workbench's console. */
export const NESTED_RESULT = "BRIEF_AUTHOR_NESTED_TEST";
