import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

export interface CliConfig {
  url: string;
  token: string;
  email: string;
}

/** `$BOOKBUG_CONFIG_DIR`, else `$XDG_CONFIG_HOME/bookbug`, else `~/.config/bookbug`. */
export function configDir() {
  return process.env.BOOKBUG_CONFIG_DIR ?? join(process.env.XDG_CONFIG_HOME ?? join(homedir(), ".config"), "bookbug");
}

export function configPath() {
  return join(configDir(), "config.json");
}

export async function readConfig(): Promise<CliConfig | null> {
  try {
    const parsed = JSON.parse(await readFile(configPath(), "utf8")) as Partial<CliConfig>;
    return parsed.url && parsed.token && parsed.email ? (parsed as CliConfig) : null;
  } catch {
    return null;
  }
}

/** The token is a secret: the file is readable by its owner only. */
export async function writeConfig(config: CliConfig) {
  await mkdir(configDir(), { recursive: true, mode: 0o700 });
  await writeFile(configPath(), `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  await chmod(configPath(), 0o600);
}

export async function clearConfig() {
  await rm(configPath(), { force: true });
}
