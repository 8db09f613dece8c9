/**
 * Turns the command line's files and folders into the list of files to ingest.
 * Folders are walked recursively in name order so a numbered dump (000, 001, …) is
 * ingested in the order its author meant; dotfiles and dot-folders (.git, .DS_Store)
 * are skipped because they are never abstracts.
 */
import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import path from "node:path";

export interface InputFile {
  absolutePath: string;
  /** Path relative to the working directory, with `/` separators (used in labels and output). */
  displayPath: string;
  size: number;
}

export async function expandInputs(inputs: readonly string[], cwd = process.cwd()): Promise<InputFile[]> {
  const seen = new Set<string>();
  const files: InputFile[] = [];
  const add = (absolutePath: string, size: number) => {
    if (seen.has(absolutePath)) return;
    seen.add(absolutePath);
    files.push({ absolutePath, displayPath: toDisplayPath(absolutePath, cwd), size });
  };

  for (const input of inputs) {
    const absolutePath = path.resolve(cwd, input);
    const info = await stat(absolutePath).catch(() => null);
    if (info === null) throw new Error(`${input}: no such file or folder`);
    if (info.isDirectory()) {
      for (const file of await walkFolder(absolutePath)) add(file.path, file.size);
    } else if (info.isFile()) {
      // A file named explicitly is taken even if it is a dotfile: the user asked for it.
      add(absolutePath, info.size);
    }
  }
  return files;
}

async function walkFolder(folder: string): Promise<Array<{ path: string; size: number }>> {
  const entries: Dirent[] = await readdir(folder, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const found: Array<{ path: string; size: number }> = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const entryPath = path.join(folder, entry.name);
    // stat (not the dirent) so symlinked files and folders are followed.
    const info = await stat(entryPath).catch(() => null);
    if (info?.isDirectory()) found.push(...(await walkFolder(entryPath)));
    else if (info?.isFile()) found.push({ path: entryPath, size: info.size });
  }
  return found;
}

function toDisplayPath(absolutePath: string, cwd: string): string {
  const relative = path.relative(cwd, absolutePath);
  const shown = relative.startsWith("..") || path.isAbsolute(relative) ? absolutePath : relative;
  return shown.split(path.sep).join("/");
}
