/** Files a command writes at the user's request (`--output`, `--chart`): checked before the work, refused in a sentence. */
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './errors';

/** Why a file cannot be written, in words, from the error of the file system. */
function why(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder';
    case 'ENOTDIR':
    case 'EEXIST':
      return 'a part of its path is a file';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return code ?? 'it cannot be written';
  }
}

/** The message for `flag value` that cannot hold `what`: the reason and what to do instead. */
export function cannotWrite(flag: string, value: string, what: string, err: unknown, instead = ''): string {
  return `${flag} ${value.slice(0, 200)}: cannot write ${what} there (${why(err)}); give a file in a folder you can write to${instead}`;
}

/**
 * The absolute path of `value` (relative to `cwd`), its folder created, once it is known to be writable; a UsageError
 * naming `flag` otherwise.
 */
export function writableFile(cwd: string, flag: string, value: string, what: string, instead = ''): string {
  const file = resolve(cwd, value);
  try {
    mkdirSync(dirname(file), { recursive: true });
    if (existsSync(file) && statSync(file).isDirectory()) {
      throw Object.assign(new Error('a folder'), { code: 'EISDIR' });
    }
    accessSync(existsSync(file) ? file : dirname(file), constants.W_OK);
  } catch (err) {
    throw new UsageError(cannotWrite(flag, value, what, err, instead));
  }
  return file;
}
