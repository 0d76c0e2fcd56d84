/**
 * Loads every command module in `./commands/` (each registers its sub-command on import), so adding a command is
 * adding one file.
 */
import * as fs from "fs";
import * as path from "path";

const dir = path.join(__dirname, "commands");
for (const file of fs.readdirSync(dir).sort()) {
  if (/\.(js|ts)$/.test(file) && !file.endsWith(".d.ts") && !file.endsWith(".map")) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(dir, file));
  }
}
