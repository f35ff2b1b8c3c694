/**
 * Command-line flags of Kubernetes components (kube-apiserver, etcd, the kubelet…), as pflag reads them: `--name=value`,
 * `--name value`, and a bare `--name` ("true"); the last occurrence wins. Used for static Pods' commands and for the
 * kubelet's process or systemd arguments.
 *
 * A boolean flag never takes the next word as its value in pflag, and no component accepts positional arguments (it
 * refuses to start), so a word after a bare flag in a running component's command line is that flag's value.
 */
const FLAG = /^--?([A-Za-z0-9][A-Za-z0-9-]*)(?:=(.*))?$/s;

export function parseFlags(args: readonly string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const m = FLAG.exec(args[i]);
    if (!m) continue;
    if (m[2] !== undefined) flags[m[1]] = m[2];
    else if (i + 1 < args.length && !args[i + 1].startsWith('-')) flags[m[1]] = args[++i];
    else flags[m[1]] = 'true';
  }
  return flags;
}
