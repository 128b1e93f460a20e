/**
 * The `workerData.role` of a markdownlint thread (markdownlintPool.ts). Its own module so that the
 * CLI's launcher (src/cli/launch.ts) can tell a thread from the CLI without loading the pool.
 */
export const MARKDOWNLINT_THREAD_ROLE = "brief-author:markdownlint";
