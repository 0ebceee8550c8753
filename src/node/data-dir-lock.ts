// One process at a time per data folder (Node, ships): the sandbox's state folder, and the demo
// backend's embedded database (PGlite cannot share its folder with a second instance). A lock file
// created exclusively (O_EXCL) holds the owner's pid; a lock whose pid no longer runs is stale
// (a process killed with SIGKILL leaves one) and is taken over.
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const LOCK_FILE_NAME = 'payframe.lock';

interface LockOwner {
  pid: number;
  /** What holds it, in words a person recognizes ("npm run demo"). */
  program: string;
  since: string;
}

/** The folder is held by another running process; `message` names it (pid, program). */
export class DataDirLockedError extends Error {
  readonly code = 'data_dir_locked';
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner | undefined,
  ) {
    const who =
      owner === undefined ? 'another process' : owner.pid === process.pid ? 'this process already' : `another process (pid ${owner.pid}, ${owner.program}, since ${owner.since})`;
    super(`${dataDir} is in use by ${who}: only one process at a time may open it.`);
    this.name = 'DataDirLockedError';
  }
}

/** How a lock file names this process for a person: `npm run demo` under npm, else `fallback`. */
export function describeThisProcess(fallback: string): string {
  const script = process.env.npm_lifecycle_event;
  // npx sets it too, to "npx": the command it runs is the better name then.
  return script && script !== 'npx' ? `npm run ${script}` : fallback;
}

export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file; safe to call more than once. */
  release(): void;
}

// Locks this process holds, so an exit removes them, and a second open in the same process is refused too.
const held = new Map<string, DataDirLock>();
process.once('exit', () => {
  for (const lock of [...held.values()]) lock.release();
});

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    return Number.isSafeInteger(owner.pid) && (owner.pid as number) > 0 ? (owner as LockOwner) : undefined;
  } catch {
    // Half-written (the owner died between create and write) or removed meanwhile.
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function createExclusively(path: string, owner: LockOwner): boolean {
  try {
    writeFileSync(path, `${JSON.stringify(owner)}\n`, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Moves a stale lock aside. Two processes may find the same stale lock: the one whose rename wins
 * checks it moved the stale file and not the other's fresh lock, which it then puts back.
 */
function removeStale(path: string, stale: string): void {
  const aside = `${path}.stale-${process.pid}`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  let moved: string;
  try {
    moved = readFileSync(aside, 'utf8');
  } catch {
    return;
  }
  if (moved !== stale) {
    try {
      linkSync(aside, path);
    } catch {
      // A third process locked meanwhile: it holds the folder, the moved lock is lost either way.
    }
  }
  unlinkSync(aside);
}

/** Locks `dataDir` (created if missing) for this process, or throws DataDirLockedError. */
export function lockDataDir(dataDir: string, program: string): DataDirLock {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, LOCK_FILE_NAME);
  if (held.has(path)) throw new DataDirLockedError(dataDir, { pid: process.pid, program, since: '' });
  const owner: LockOwner = { pid: process.pid, program, since: new Date().toISOString() };
  // A few rounds: each one either takes the lock, finds a live owner, or clears a stale lock.
  for (let round = 0; round < 5; round++) {
    if (createExclusively(path, owner)) {
      let released = false;
      const lock: DataDirLock = {
        path,
        release() {
          if (released) return;
          released = true;
          held.delete(path);
          try {
            unlinkSync(path);
          } catch {
            // Already gone (the folder was deleted): nothing left to release.
          }
        },
      };
      held.set(path, lock);
      return lock;
    }
    let content: string;
    try {
      content = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    const current = readOwner(path);
    // Our own pid in a lock this process does not hold: left by an earlier process given the same pid (containers).
    if (current !== undefined && current.pid !== process.pid && isRunning(current.pid)) throw new DataDirLockedError(dataDir, current);
    removeStale(path, content);
  }
  throw new DataDirLockedError(dataDir, readOwner(path));
}
