import { existsSync } from "node:fs";
import * as path from "node:path";
import { CONFIG_FILE_NAME } from "../core/config";

/** The nearest folder at or above `start` holding a config file, if any (where the CLI's workspace is). */
export function findConfigFolder(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    if (existsSync(path.join(dir, CONFIG_FILE_NAME))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
