/** `--name value` / `--name=value` options of a script's argv. */
export function option(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === `--${name}`) return argv[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

/** A mistake in a script's arguments: printed without a stack trace. */
export class UsageError extends Error {}
