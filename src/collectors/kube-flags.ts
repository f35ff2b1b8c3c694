/**
 * Command-line flags of Kubernetes components (kube-apiserver, etcd, the kubelet…), as pflag reads them: `--name=value`,
 * `--name value`, and a bare `--name` ("true"); the last occurrence wins, except for the list and map flags below,
 * which pflag adds up. Used for static Pods' commands and for the kubelet's process or systemd arguments.
 *
 * A boolean flag never takes the next word as its value in pflag, and no component accepts positional arguments (it
 * refuses to start), so a word after a bare flag in a running component's command line is that flag's value.
 */
const FLAG = /^--?([A-Za-z0-9][A-Za-z0-9-]*)(?:=(.*))?$/s;

/**
 * Flags the Kubernetes components declare as string slices (the admission plugin lists, the authorization modes, the
 * TLS cipher suites) or as a map (`--feature-gates`): pflag appends each repetition to the earlier ones (a later gate
 * wins), so `--disable-admission-plugins=A --disable-admission-plugins=B` disables both. They are kept joined by
 * commas, as one flag would list them.
 */
const ADDED_UP = new Set([
  'enable-admission-plugins',
  'disable-admission-plugins',
  'admission-control',
  'authorization-mode',
  'tls-cipher-suites',
  'feature-gates',
]);

export function parseFlags(args: readonly string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  const set = (name: string, value: string) => {
    flags[name] = ADDED_UP.has(name) && Object.hasOwn(flags, name) ? `${flags[name]},${value}` : value;
  };
  for (let i = 0; i < args.length; i++) {
    const m = FLAG.exec(args[i]);
    if (!m) continue;
    if (m[2] !== undefined) set(m[1], m[2]);
    else if (i + 1 < args.length && !args[i + 1].startsWith('-')) set(m[1], args[++i]);
    else set(m[1], 'true');
  }
  return flags;
}
