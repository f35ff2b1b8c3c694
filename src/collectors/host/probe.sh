#!/bin/sh
# compliance-bot host probe, version 1.
#
# Prints one header line, then ONE JSON document of host facts, on stdout and nothing else:
#   compliance-bot-probe-output bytes=N sha256=HEX
#   {"probe":"compliance-bot-host","version":1, ..., "end":true}
# N and HEX are the length and the sha256 of the document (without its final newline); sha256=none when neither
# sha256sum nor openssl is installed. The SSM API returns only the first 2,500 characters of the output, which always
# hold the header; the full copy is read from S3, where every node may write, and is used only when it matches that
# header (docs/host.md, "Output integrity"). The trailing "end" member lets the collector detect truncated output.
# Every section carries its data or an "error" saying why it could not be read: never silence.
#
# POSIX sh only (Amazon Linux 2/2023, Ubuntu, Debian, RHEL family): no bash, no jq, no python. awk, sed, stat, find,
# openssl and ssh-keygen are used when present; on the running system also `auditctl -l` and `sudo -V` (first line):
# sudoers is read as a file, never executed.
#
# Usage: sh probe.sh [ROOT]   (or ROOT=/some/dir sh probe.sh). ROOT (default /) is the host's filesystem root: every
# path, sshd Include lines too, resolves inside it as a chroot would resolve it (see rpath). Under a ROOT other than
# / nothing of the running system is used (no sshd -T, no /proc).
#
# Never secret material: password hashes are reduced to locked/empty/set, private keys and kubeconfigs are only
# stat()ed, certificates only give their dates and subject.
#
# The probe takes no other input; it writes only inside a private temporary directory (mktemp -d) it removes on
# exit. Without mktemp it reports why and reads nothing: it never falls back to a predictable path.

unset CDPATH
LC_ALL=C
export LC_ALL
# The caller's PATH when it has one (so that a missing tool is what the host really lacks), the usual one otherwise.
PATH=${PATH:-/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin}
export PATH
umask 077

# The sha256 of stdin as 64 hex digits, or "none" when no tool here computes it.
sha256_hex() {
  if command -v sha256sum >/dev/null 2>&1; then h=$(sha256sum | cut -d ' ' -f 1)
  elif command -v openssl >/dev/null 2>&1; then h=$(openssl dgst -sha256 | sed 's/^.*[= ]//')
  else h=''; fi
  case $h in '' | *[!0-9a-f]*) h=none ;; esac
  [ ${#h} -eq 64 ] || h=none
  printf '%s' "$h"
}
# The output: the header line, then the document (in file $1), then a newline.
emit_file() {
  printf 'compliance-bot-probe-output bytes=%s sha256=%s\n' "$(wc -c <"$1" | tr -d ' ')" "$(sha256_hex <"$1")"
  cat "$1"
  printf '\n'
}
# The same for a short document given as $1 (the probe stopped before any section).
emit_doc() {
  printf 'compliance-bot-probe-output bytes=%s sha256=%s\n' "$(printf '%s' "$1" | wc -c | tr -d ' ')" \
    "$(printf '%s' "$1" | sha256_hex)"
  printf '%s\n' "$1"
}

ROOT=${1:-${ROOT:-/}}
# A relative root is made absolute; a root that is not a directory is an error, never silently "/".
if [ ! -d "$ROOT" ] || ! ROOT=$(cd -- "$ROOT" 2>/dev/null && pwd); then
  emit_doc '{"probe":"compliance-bot-host","version":1,"error":"host root is not a directory","end":true}'
  exit 0
fi
# R is the prefix put before absolute paths: empty for /.
R=$(printf '%s' "$ROOT" | sed 's:/*$::')
LIVE=0
[ -z "$R" ] && LIVE=1

# Only a directory mktemp creates (new, mode 0700): a predictable name under /tmp could already be another user's
# directory or symbolic link, and the probe runs as root.
TMPD=''
if ! command -v mktemp >/dev/null 2>&1; then tmp_error='mktemp is not installed'
elif ! TMPD=$(mktemp -d 2>/dev/null) || [ -z "$TMPD" ] || [ ! -d "$TMPD" ]; then TMPD=''; tmp_error='mktemp -d failed'
fi
if [ -z "$TMPD" ]; then
  emit_doc "{\"probe\":\"compliance-bot-host\",\"version\":1,\"error\":\"no private temporary directory ($tmp_error): the probe never uses a predictable path instead\",\"end\":true}"
  exit 0
fi
trap 'rm -rf "$TMPD"' EXIT
trap 'rm -rf "$TMPD"; exit 1' HUP INT TERM

have() { command -v "$1" >/dev/null 2>&1; }

# JSON string literal of stdin. Bytes outside printable ASCII are written as \u00XX (the byte's value), so the
# document is pure ASCII whatever a file contains; the collector decodes them back to bytes.
jstr() {
  awk 'BEGIN { for (i = 1; i < 256; i++) ord[sprintf("%c", i)] = i; printf "\"" }
  {
    line = $0
    if (NR > 1) printf "\\n"
    if (line !~ /[^ -~]/ && index(line, "\\") == 0 && index(line, "\"") == 0) { printf "%s", line; next }
    out = ""
    n = length(line)
    for (i = 1; i <= n; i++) {
      c = substr(line, i, 1)
      if (c == "\\") out = out "\\\\"
      else if (c == "\"") out = out "\\\""
      else { o = ord[c]; if (o < 32 || o > 126) out = out sprintf("\\u%04x", o); else out = out c }
    }
    printf "%s", out
  }
  END { printf "\"" }'
}
# JSON string literal of one argument.
jv() { printf '%s' "$1" | jstr; }

# A file's content with comment and blank lines removed (sshd ignores them), as a JSON string.
content_nocomments() { sed -e '/^[[:space:]]*#/d' -e '/^[[:space:]]*$/d' "$1" | tr -d '\000' | jstr; }

# The file a chroot into ROOT would open for $1 (an absolute path inside ROOT), printed as a path on this machine:
# ".." stops at ROOT, an absolute symbolic link starts again at ROOT, a relative one is resolved from the folder that
# holds it, component by component. Prints the reason and fails for a link loop or a link that cannot be read. With
# ROOT=/ the kernel resolves the path itself: it is printed as it is.
RP_MAX_LINKS=40
rpath() {
  if [ $LIVE = 1 ]; then printf '%s\n' "$1"; return 0; fi
  rp_cur=''
  rp_rest=${1#/}
  rp_links=0
  while [ -n "$rp_rest" ]; do
    case $rp_rest in
      */*) rp_c=${rp_rest%%/*}; rp_rest=${rp_rest#*/} ;;
      *) rp_c=$rp_rest; rp_rest='' ;;
    esac
    case $rp_c in
      '' | .) continue ;;
      ..) rp_cur=${rp_cur%/*}; continue ;;
    esac
    if [ -L "$R$rp_cur/$rp_c" ]; then
      rp_links=$((rp_links + 1))
      if [ $rp_links -gt $RP_MAX_LINKS ]; then printf 'too many levels of symbolic links\n'; return 1; fi
      if ! rp_t=$(readlink "$R$rp_cur/$rp_c" 2>/dev/null) || [ -z "$rp_t" ]; then
        printf 'the symbolic link %s cannot be read\n' "$rp_cur/$rp_c"; return 1
      fi
      case $rp_t in /*) rp_cur='' ;; esac
      rp_t=${rp_t#/}
      rp_rest=$rp_t${rp_rest:+/$rp_rest}
    else
      rp_cur=$rp_cur/$rp_c
    fi
  done
  printf '%s\n' "$R${rp_cur:-/}"
}

# Why a resolved path cannot be seen: a folder on the way that this user may not search is "permission denied",
# never "no such file" (the probe may run without root).
why_absent() { # $1 = resolved path
  wa_d=${1%/*}
  while [ -n "$wa_d" ] && [ ! -e "$wa_d" ]; do wa_d=${wa_d%/*}; done
  [ -n "$wa_d" ] || wa_d=/
  if [ -d "$wa_d" ] && [ ! -x "$wa_d" ]; then printf 'permission denied (%s cannot be searched)\n' "${wa_d#"$R"}"
  else printf 'no such file\n'; fi
}

# Whether a resolved folder can be listed; prints why not. A folder this user cannot list may hold anything: the
# caller reports it, never takes it for an empty folder.
unlistable() { # $1 = resolved path of an existing folder
  if [ ! -r "$1" ] || [ ! -x "$1" ]; then printf 'permission denied (the folder cannot be listed)\n'; return 0; fi
  return 1
}

# The document goes to a private file first: its length and digest are printed before it.
exec 3>&1 >"$TMPD/document"
printf '{"probe":"compliance-bot-host","version":1,"root":%s,"live":%s' "$(jv "$ROOT")" "$([ $LIVE = 1 ] && echo true || echo false)"

# The entries of a folder inside ROOT whose names match a pattern, as paths inside ROOT, sorted. A folder that does
# not exist has none; one that cannot be resolved or listed fails, with the reason in $TMPD/why.
glob_in() { # $1 = folder inside ROOT, $2 = pattern without "/" or blanks
  if ! gi_d=$(rpath "$1"); then printf '%s\n' "$gi_d" >"$TMPD/why"; return 1; fi
  if [ ! -d "$gi_d" ]; then
    gi_w=$(why_absent "$gi_d")
    [ "$gi_w" = 'no such file' ] && return 0
    printf '%s\n' "$gi_w" >"$TMPD/why"
    return 1
  fi
  if gi_w=$(unlistable "$gi_d"); then printf '%s\n' "$gi_w" >"$TMPD/why"; return 1; fi
  for gi_m in "${gi_d%/}"/$2; do
    [ -e "$gi_m" ] || [ -L "$gi_m" ] || continue
    printf '%s/%s\n' "${1%/}" "${gi_m##*/}"
  done
}

# ---------------------------------------------------------------- OS identity
os_section() {
  printf ',"os":{'
  osr=''
  for f in /etc/os-release /usr/lib/os-release; do
    f=$(rpath "$f") || continue
    if [ -f "$f" ] && [ -r "$f" ]; then osr=$f; break; fi
  done
  if [ -n "$osr" ]; then printf '"osRelease":%s' "$(grep -E '^(ID|VERSION_ID|PRETTY_NAME)=' "$osr" | jstr)"
  else printf '"osReleaseError":"no readable /etc/os-release or /usr/lib/os-release"'; fi
  hn=''
  if [ $LIVE = 1 ]; then
    hn=$(cat /proc/sys/kernel/hostname 2>/dev/null || uname -n 2>/dev/null)
    printf ',"kernel":%s' "$(jv "$(uname -r 2>/dev/null)")"
  elif f=$(rpath /etc/hostname) && [ -f "$f" ] && [ -r "$f" ]; then
    hn=$(head -n 1 "$f")
  fi
  printf ',"hostname":%s}' "$(jv "$hn")"
}
os_section

# ---------------------------------------------------------------- sshd
# The configuration files in the order sshd reads them (Include expanded in place, globs sorted), one per line.
SSHD_LIST="$TMPD/sshd-files"
: >"$SSHD_LIST"
SSHD_MISSING="$TMPD/sshd-missing"
: >"$SSHD_MISSING"

# Prints the Include arguments of a file, one per line (quotes removed; relative paths made absolute against
# /etc/ssh as sshd does).
include_args() {
  awk '{
    sub(/^[ \t]+/, "")
    if (tolower($0) !~ /^include([ \t=]|$)/) next
    rest = substr($0, 8); sub(/^[ \t]*=?[ \t]*/, "", rest)
    while (length(rest) > 0) {
      if (substr(rest, 1, 1) == "\"") { rest = substr(rest, 2); p = index(rest, "\""); if (p == 0) p = length(rest) + 1; a = substr(rest, 1, p - 1); rest = substr(rest, p + 1) }
      else { p = match(rest, /[ \t]/); if (p == 0) { a = rest; rest = "" } else { a = substr(rest, 1, p - 1); rest = substr(rest, p) } }
      sub(/^[ \t]+/, "", rest)
      if (a ~ /^#/) break
      if (a == "") continue
      if (substr(a, 1, 1) != "/") a = "/etc/ssh/" a
      print a
    }
  }' "$1"
}

# Include patterns that could not be expanded (a folder this user cannot list, a link loop), "pattern<TAB>reason".
SSHD_UNREAD="$TMPD/sshd-unread"
: >"$SSHD_UNREAD"

walk_sshd() { # $1 = path inside ROOT, $2 = depth
  printf '%s\n' "$1" >>"$SSHD_LIST"
  [ "$2" -ge 16 ] && return
  ws_p=$(rpath "$1") || return
  [ -f "$ws_p" ] && [ -r "$ws_p" ] || return
  include_args "$ws_p" >"$TMPD/inc.$2"
  # Variables are global in sh: state that must survive the recursive call is kept in depth-indexed files.
  while IFS= read -r pat; do
    printf '%s\n' "$pat" >"$TMPD/pat.$2"
    : >"$TMPD/matched.$2"
    # An Include that could not be expanded is reported by expand_include, never taken for one that matched nothing.
    expand_include "$pat" >"$TMPD/exp.$2" || continue
    while IFS= read -r m; do
      printf 'y' >"$TMPD/matched.$2"
      walk_sshd "$m" $(($2 + 1))
    done <"$TMPD/exp.$2"
    [ -s "$TMPD/matched.$2" ] || cat "$TMPD/pat.$2" >>"$SSHD_MISSING"
  done <"$TMPD/inc.$2"
}

# The paths inside ROOT an Include pattern names, sorted as glob(3) sorts them. Only pathname expansion on purpose:
# the pattern comes from a file, and is never evaluated. Under a host root the folder part is resolved inside ROOT
# first; a wildcard there is not followed (said so).
expand_include() { # $1 = pattern (absolute, inside ROOT); fails when the pattern could not be expanded
  ei_dir=${1%/*}
  ei_base=${1##*/}
  case $1 in
    *[][*?]*) ;;
    *)
      if ! ei_p=$(rpath "$1"); then unread_include "$1" "$ei_p"; return 1; fi
      if [ -e "$ei_p" ]; then printf '%s\n' "$1"; return 0; fi
      ei_why=$(why_absent "$ei_p")
      [ "$ei_why" = 'no such file' ] && return 0
      unread_include "$1" "$ei_why"
      return 1
      ;;
  esac
  case $ei_dir in
    *[][*?]*)
      if [ $LIVE = 0 ]; then
        unread_include "$1" 'a wildcard in a folder of an Include pattern is not followed under a host root'
        return 1
      fi
      ei_ifs=$IFS
      IFS='
'
      for ei_m in $1; do [ -e "$ei_m" ] && printf '%s\n' "$ei_m"; done
      IFS=$ei_ifs
      return 0
      ;;
  esac
  if ! ei_d=$(rpath "${ei_dir:-/}"); then unread_include "$1" "$ei_d"; return 1; fi
  if [ ! -d "$ei_d" ]; then
    ei_why=$(why_absent "$ei_d")
    [ "$ei_why" = 'no such file' ] && return 0
    unread_include "$1" "$ei_why"
    return 1
  fi
  if ei_why=$(unlistable "$ei_d"); then unread_include "$1" "$ei_why"; return 1; fi
  ei_ifs=$IFS
  IFS='
'
  for ei_m in "${ei_d%/}"/$ei_base; do
    [ -e "$ei_m" ] || [ -L "$ei_m" ] || continue
    printf '%s/%s\n' "$ei_dir" "${ei_m##*/}"
  done
  IFS=$ei_ifs
  return 0
}
unread_include() { printf '%s\t%s\n' "$1" "$2" >>"$SSHD_UNREAD"; }

SSHD_CONFIG=/etc/ssh/sshd_config
walk_sshd "$SSHD_CONFIG" 0

# Connection specs (-C) that make each Match block apply: user (root unless the block names users or groups),
# host and address. Printed as "spec<TAB>match line".
match_specs() {
  grp=$(rpath /etc/group) && [ -f "$grp" ] && [ -r "$grp" ] || grp=/dev/null
  pw=$(rpath /etc/passwd) && [ -f "$pw" ] && [ -r "$pw" ] || pw=/dev/null
  while IFS= read -r f; do
    f=$(rpath "$f") && [ -f "$f" ] && [ -r "$f" ] && sed -e 's/^[[:space:]]*//' "$f"
  done <"$SSHD_LIST" | awk -v grpfile="$grp" -v pwfile="$pw" '
    function glob2re(p,   r) { r = p; gsub(/[].+^$(){}|\\[]/, "\\\\&", r); gsub(/\*/, ".*", r); gsub(/\?/, ".", r); return "^" r "$" }
    function fill(p) { gsub(/\*/, "a", p); gsub(/\?/, "a", p); return p }
    function negated(list, name,   n, arr, i) {
      n = split(list, arr, ",")
      for (i = 1; i <= n; i++) if (substr(arr[i], 1, 1) == "!" && name ~ glob2re(substr(arr[i], 2))) return 1
      return 0
    }
    function firstpos(list, want,   n, arr, i, v) {
      n = split(list, arr, ",")
      if (want != "" && !negated(list, want))
        for (i = 1; i <= n; i++) { v = arr[i]; if (v != "" && substr(v, 1, 1) != "!" && want ~ glob2re(v)) return want }
      for (i = 1; i <= n; i++) { v = arr[i]; if (v != "" && substr(v, 1, 1) != "!" && !negated(list, fill(v))) return fill(v) }
      return ""
    }
    BEGIN {
      FS = ":"
      while ((getline line < pwfile) > 0) { split(line, a, ":"); if (a[1] != "") { pwgid[a[1]] = a[4]; users[++nu] = a[1] } }
      while ((getline line < grpfile) > 0) { split(line, a, ":"); gname[a[3]] = a[1]; gmem[a[1]] = a[4]; ggid[a[1]] = a[3] }
      FS = " "
    }
    tolower($1) == "match" {
      line = $0; sub(/[ \t]+#.*$/, "", line)
      user = ""; host = ""; addr = ""; laddr = ""; lport = ""; grp = ""; hasuser = 0
      for (i = 2; i <= NF; i++) {
        k = tolower($i)
        if (k == "all") continue
        if (k ~ /^#/) break
        v = $(i + 1); gsub(/"/, "", v); i++
        if (k == "user") { user = firstpos(v, "root"); hasuser = 1 }
        else if (k == "group") grp = v
        else if (k == "host") host = firstpos(v, "")
        else if (k == "address") { addr = firstpos(v, ""); sub(/\/.*/, "", addr) }
        else if (k == "localaddress") { laddr = firstpos(v, ""); sub(/\/.*/, "", laddr) }
        else if (k == "localport") lport = firstpos(v, "")
      }
      if (user == "" && grp != "") {
        n = split(grp, ga, ",")
        for (j = 1; j <= n && user == ""; j++) {
          g = ga[j]; if (g == "" || substr(g, 1, 1) == "!") continue
          re = glob2re(g)
          for (gn in gmem) if (gn ~ re) {
            if (gmem[gn] != "") { split(gmem[gn], mm, ","); user = mm[1]; break }
            for (u = 1; u <= nu; u++) if (pwgid[users[u]] == ggid[gn]) { user = users[u]; break }
            if (user != "") break
          }
        }
      }
      # A Match Group whose groups have no member here (directory groups: LDAP, SSSD): sshd cannot evaluate it
      # without a member, the file parser evaluates it for a member of the group.
      sg = ""
      if (user == "" && grp != "") {
        n = split(grp, ga, ",")
        for (j = 1; j <= n && sg == ""; j++) if (ga[j] != "" && substr(ga[j], 1, 1) != "!" && !negated(grp, fill(ga[j]))) sg = fill(ga[j])
        if (sg != "") user = "compliance-probe-group"
      }
      if (user == "" && hasuser) user = "compliance-probe"
      if (user == "") user = "root"
      if (host == "") host = "probe.invalid"
      if (addr == "") addr = "192.0.2.10"
      spec = "user=" user ",host=" host ",addr=" addr
      if (laddr != "") spec = spec ",laddr=" laddr
      if (lport != "") spec = spec ",lport=" lport
      print spec "\t" line "\t" sg
    }'
}

# The groups each spec user belongs to (for the file parser's Match Group), "user<TAB>g1,g2".
user_groups() { # $1 = user
  awk -v u="$1" -F: '
    FILENAME ~ /passwd$/ && $1 == u { pg = $4 }
    FILENAME ~ /group$/ { gid[$1] = $3; n = split($4, m, ","); for (i = 1; i <= n; i++) if (m[i] == u) mem[$1] = 1 }
    END { out = ""; for (g in gid) if (mem[g] || (pg != "" && gid[g] == pg)) out = out (out == "" ? "" : ",") g; print out }
  ' "$(rpath /etc/passwd)" "$(rpath /etc/group)" 2>/dev/null
}

# The sshd -T keys the checks (and a reader of the evidence) need: the rest is left out to keep the output compact.
SSHD_KEYS='^(permitrootlogin|passwordauthentication|pubkeyauthentication|permitemptypasswords|kbdinteractiveauthentication|challengeresponseauthentication|maxauthtries|ciphers|macs|kexalgorithms|hostkeyalgorithms|usepam|authenticationmethods|permituserenvironment|hostbasedauthentication|ignorerhosts|x11forwarding|allowtcpforwarding|permittunnel|logingracetime|clientaliveinterval|clientalivecountmax|maxsessions|maxstartups|loglevel|allowusers|allowgroups|denyusers|denygroups|authorizedkeysfile|gssapiauthentication|kerberosauthentication|banner) '
sshd_section() {
  printf ',"sshd":{"config":%s,"files":[' "$(jv "$SSHD_CONFIG")"
  s=''
  while IFS= read -r f; do
    if ! p=$(rpath "$f"); then printf '%s{"path":%s,"error":%s}' "$s" "$(jv "$f")" "$(jv "$p")"
    elif [ -d "$p" ]; then printf '%s{"path":%s,"error":"is a directory"}' "$s" "$(jv "$f")"
    elif [ ! -e "$p" ]; then printf '%s{"path":%s,"error":%s}' "$s" "$(jv "$f")" "$(jv "$(why_absent "$p")")"
    elif [ ! -r "$p" ]; then printf '%s{"path":%s,"error":"not readable (permission denied)"}' "$s" "$(jv "$f")"
    else printf '%s{"path":%s,"content":%s}' "$s" "$(jv "$f")" "$(content_nocomments "$p")"; fi
    s=','
  done <"$SSHD_LIST"
  # Include patterns that could not be expanded: anything could be behind them.
  while IFS='	' read -r f why; do
    printf '%s{"path":%s,"error":%s}' "$s" "$(jv "$f")" "$(jv "Include could not be expanded: $why")"
    s=','
  done <"$SSHD_UNREAD"
  printf '],"unmatchedIncludes":['
  s=''
  while IFS= read -r f; do printf '%s%s' "$s" "$(jv "$f")"; s=','; done <"$SSHD_MISSING"
  printf '],"specs":['
  match_specs >"$TMPD/specs"
  root_spec='user=root,host=probe.invalid,addr=192.0.2.10'
  printf '%s\t(root)\n' "$root_spec" >>"$TMPD/specs"
  printf '%s\t(any user)\n' 'user=compliance-probe,host=probe.invalid,addr=192.0.2.10' >>"$TMPD/specs"
  # With Match LocalAddress/LocalPort in the configuration, sshd -T requires laddr and lport in every spec.
  if cut -f 2 "$TMPD/specs" | grep -qiE '[[:space:]](localaddress|localport)[[:space:]]'; then
    awk -F '\t' 'BEGIN { OFS = "\t" } { if ($1 !~ /,laddr=/) $1 = $1 ",laddr=192.0.2.1"; if ($1 !~ /,lport=/) $1 = $1 ",lport=22"; print }' \
      "$TMPD/specs" >"$TMPD/specs.l" && mv "$TMPD/specs.l" "$TMPD/specs"
  fi
  s=''
  : >"$TMPD/seen"
  : >"$TMPD/tspecs"
  while IFS='	' read -r spec mline sg; do
    grep -qxF "$spec" "$TMPD/seen" && continue
    printf '%s\n' "$spec" >>"$TMPD/seen"
    if [ -n "$sg" ]; then
      printf '%s{"spec":%s,"match":%s,"groups":%s,"synthetic":true}' "$s" "$(jv "$spec")" "$(jv "$mline")" "$(jv "$sg")"
    else
      printf '%s\n' "$spec" >>"$TMPD/tspecs"
      u=${spec#user=}; u=${u%%,*}
      printf '%s{"spec":%s,"match":%s,"groups":%s}' "$s" "$(jv "$spec")" "$(jv "$mline")" "$(jv "$(user_groups "$u")")"
    fi
    s=','
  done <"$TMPD/specs"
  printf ']'

  SSHD_BIN=''
  for b in /usr/sbin/sshd /usr/local/sbin/sshd /sbin/sshd; do
    if [ -x "$b" ]; then SSHD_BIN=$b; break; fi
  done
  if [ $LIVE = 0 ]; then
    printf ',"tError":"sshd -T is not run under a host root: the files are parsed instead"}'
    return
  fi
  if [ -z "$SSHD_BIN" ]; then
    if [ -e "$R$SSHD_CONFIG" ]; then printf ',"tError":"no sshd binary found"}'
    else printf ',"tError":"no sshd binary found","absent":true}'; fi
    return
  fi
  hk=''
  if have ssh-keygen && ssh-keygen -q -t ed25519 -N '' -f "$TMPD/hostkey" >/dev/null 2>&1; then hk="-h $TMPD/hostkey"; fi
  # shellcheck disable=SC2086
  if ! "$SSHD_BIN" -T -f "$SSHD_CONFIG" $hk >"$TMPD/t.global" 2>"$TMPD/t.err"; then
    printf ',"binary":%s,"tError":%s}' "$(jv "$SSHD_BIN")" "$(jv "sshd -T failed: $(head -c 400 "$TMPD/t.err")")"
    return
  fi
  printf ',"binary":%s,"version":%s,"t":[{"spec":"","out":%s}' "$(jv "$SSHD_BIN")" \
    "$("$SSHD_BIN" -V 2>&1 | head -n 1 | jstr)" "$(grep -E "$SSHD_KEYS" "$TMPD/t.global" | jstr)"
  sort -u "$TMPD/tspecs" | while IFS= read -r spec; do
    # shellcheck disable=SC2086
    if "$SSHD_BIN" -T -f "$SSHD_CONFIG" $hk -C "$spec" >"$TMPD/t.one" 2>"$TMPD/t.err"; then
      printf ',{"spec":%s,"out":%s}' "$(jv "$spec")" "$(grep -E "$SSHD_KEYS" "$TMPD/t.one" | jstr)"
    else
      printf ',{"spec":%s,"error":%s}' "$(jv "$spec")" "$(jv "sshd -T -C failed: $(head -c 400 "$TMPD/t.err")")"
    fi
  done
  printf ']}'
}
sshd_section

# ---------------------------------------------------------------- accounts
accounts_section() {
  printf ',"accounts":{'
  if ! pw=$(rpath /etc/passwd); then
    printf '"passwdError":%s' "$(jv "/etc/passwd: $pw")"
  elif [ -f "$pw" ] && [ -r "$pw" ]; then
    printf '"passwd":%s' "$(awk -F: 'NF >= 4 && $1 != "" && $1 !~ /^[+-]/ { print $1 ":" $3 ":" $4 }' "$pw" | jstr)"
  else
    printf '"passwdError":"/etc/passwd is missing or not readable"'
  fi
  if ! sh_p=$(rpath /etc/shadow); then
    printf ',"shadowError":%s' "$(jv "/etc/shadow: $sh_p")"
  elif [ ! -e "$sh_p" ]; then
    if [ "$(why_absent "$sh_p")" = 'no such file' ]; then printf ',"shadowError":"/etc/shadow does not exist"'
    else printf ',"shadowError":%s' "$(jv "/etc/shadow: $(why_absent "$sh_p") (the probe must run as root)")"; fi
  elif [ ! -r "$sh_p" ]; then
    printf ',"shadowError":"/etc/shadow is not readable (the probe must run as root)"'
  else
    # Only the state of the password field leaves this awk: never the hash.
    printf ',"shadow":%s' "$(awk -F: '$1 != "" {
      p = $2
      if (p == "") s = "empty"; else if (p ~ /^[!*]/) s = "locked"; else s = "set"
      print $1 ":" s
    }' "$sh_p" | jstr)"
  fi
  printf '}'
}
accounts_section

# ---------------------------------------------------------------- kubelet
KUBELET_ARGS="$TMPD/kubelet-args"
: >"$KUBELET_ARGS"
# The value of a kubelet flag; the last occurrence wins, as pflag reads it (and as a drop-in overrides its unit).
flag_value() { # $1 = flag name without dashes
  awk -v f="--$1" 'prev == 1 { prev = 0; if ($0 !~ /^-/) { v = $0; next } }
    index($0, f "=") == 1 { v = substr($0, length(f) + 2) } $0 == f { prev = 1 } END { print v }' "$KUBELET_ARGS"
}

# The kubelet configuration without the values of staticPodURLHeader (HTTP headers for the static Pod URL: they may
# carry a credential). JSON: the object becomes {}; YAML: the block becomes {}.
kubelet_config_filter() {
  tr -d '\000' <"$1" | awk '
    function indent(x) { match(x, /^[ ]*/); return RLENGTH }
    { lines[++n] = $0 }
    END {
      first = ""
      for (i = 1; i <= n && first == ""; i++) { t = lines[i]; gsub(/[ \t\r]/, "", t); if (t != "") first = substr(t, 1, 1) }
      if (first == "{") {
        s = ""; for (i = 1; i <= n; i++) s = s (i > 1 ? "\n" : "") lines[i]
        key = "\"staticPodURLHeader\""
        out = ""
        while ((p = index(s, key)) > 0) {
          rest = substr(s, p + length(key)); k = index(rest, "{")
          if (k == 0) break
          depth = 0; e = 0
          for (q = k; q <= length(rest); q++) {
            c = substr(rest, q, 1)
            if (c == "{") depth++
            else if (c == "}") { depth--; if (depth == 0) { e = q; break } }
          }
          if (e == 0) { s = substr(s, 1, p - 1); break }
          out = out substr(s, 1, p - 1) key ": {}"
          s = substr(rest, e + 1)
        }
        print out s
        exit
      }
      skip = 0
      for (i = 1; i <= n; i++) {
        l = lines[i]; ind = indent(l)
        if (skip) { if (l ~ /^[ ]*$/ || ind > skipind) continue; skip = 0 }
        if (substr(l, ind + 1) ~ /^"?staticPodURLHeader"?[ ]*:/) {
          print substr(l, 1, ind) "staticPodURLHeader: {}"; skip = 1; skipind = ind; continue
        }
        print l
      }
    }'
}

kubelet_section() {
  printf ',"kubelet":{'
  kpid=''
  if [ $LIVE = 1 ] && have pgrep; then
    kpid=$(pgrep -x -o kubelet 2>/dev/null)
  elif [ $LIVE = 1 ] && [ -d /proc ]; then
    for d in /proc/[0-9]*; do
      [ -r "$d/comm" ] || continue
      if [ "$(cat "$d/comm" 2>/dev/null)" = kubelet ]; then kpid=${d#/proc/}; break; fi
    done
  fi
  if [ -n "$kpid" ]; then
    tr '\000' '\n' <"/proc/$kpid/cmdline" >"$KUBELET_ARGS" 2>/dev/null
    printf '"process":true,"args":%s' "$(jstr <"$KUBELET_ARGS")"
  elif [ $LIVE = 1 ]; then
    printf '"process":false'
  else
    # Under a host root: the flags the systemd units would pass (ExecStart, Environment, EnvironmentFile), in the
    # order they are written; an approximation of the command line, said so in the output.
    : >"$TMPD/units"
    : >"$TMPD/units.err"
    for u in /etc/systemd/system/kubelet.service /usr/lib/systemd/system/kubelet.service \
      /lib/systemd/system/kubelet.service; do
      if ! p=$(rpath "$u"); then printf '%s: %s\n' "$u" "$p" >>"$TMPD/units.err"
      elif [ -f "$p" ]; then printf '%s\n' "$u" >>"$TMPD/units"
      elif [ ! -e "$p" ] && [ "$(why_absent "$p")" != 'no such file' ]; then
        printf '%s: %s\n' "$u" "$(why_absent "$p")" >>"$TMPD/units.err"
      fi
    done
    for ud in /etc/systemd/system/kubelet.service.d /usr/lib/systemd/system/kubelet.service.d \
      /lib/systemd/system/kubelet.service.d; do
      glob_in "$ud" '*.conf' >>"$TMPD/units" || printf '%s: %s\n' "$ud" "$(cat "$TMPD/why")" >>"$TMPD/units.err"
    done
    units=$(tr '\n' ' ' <"$TMPD/units")
    if [ -s "$TMPD/units" ] || [ -s "$TMPD/units.err" ]; then
      : >"$TMPD/unit-lines"
      while IFS= read -r u; do
        if ! p=$(rpath "$u"); then printf '%s: %s\n' "$u" "$p" >>"$TMPD/units.err"
        elif [ -f "$p" ] && [ -r "$p" ]; then awk 1 "$p" >>"$TMPD/unit-lines"
        elif [ -f "$p" ]; then printf '%s: not readable\n' "$u" >>"$TMPD/units.err"; fi
      done <"$TMPD/units"
      {
        grep -E '^[[:space:]]*(ExecStart|Environment)=' "$TMPD/unit-lines"
        sed -n 's/^[[:space:]]*EnvironmentFile=//p' "$TMPD/unit-lines" | while IFS= read -r ef; do
          # "-" before the path: a missing file is ignored (systemd); one that cannot be read is never ignored.
          case $ef in -*) ef=${ef#-}; opt=1 ;; *) opt=0 ;; esac
          if ! p=$(rpath "$ef"); then printf '%s: %s\n' "$ef" "$p" >>"$TMPD/units.err"
          elif [ -f "$p" ] && [ -r "$p" ]; then grep -E '^[[:space:]]*[A-Za-z_][A-Za-z0-9_]*=' "$p"
          elif [ -e "$p" ]; then printf '%s: not readable\n' "$ef" >>"$TMPD/units.err"
          elif [ "$(why_absent "$p")" != 'no such file' ] || [ $opt = 0 ]; then
            printf '%s: %s\n' "$ef" "$(why_absent "$p")" >>"$TMPD/units.err"
          fi
        done
      } | awk 'BEGIN { print "kubelet" }
        {
          line = $0; sub(/^[ \t]*(ExecStart|Environment)=/, "", line); gsub(/["\047]/, "", line)
          n = split(line, t, /[ \t]+/)
          for (i = 1; i <= n; i++) {
            w = t[i]; sub(/^[A-Za-z_][A-Za-z0-9_]*=/, "", w)
            if (w !~ /^--?[A-Za-z]/) continue
            print w
            if (w !~ /=/ && i < n && t[i + 1] !~ /^[-$]/ && t[i + 1] != "") { print t[i + 1]; i++ }
          }
        }' >"$KUBELET_ARGS"
      if [ -s "$TMPD/units.err" ]; then
        # A unit or environment file that could not be read may pass any flag, --config included.
        printf '"process":false,"argsSource":"systemd","units":%s,"argsError":%s' "$(jv "${units% }")" \
          "$(jv "the kubelet's systemd units could not be read completely ($(head -n 5 "$TMPD/units.err" | tr '\n' ';' | sed 's/;$//; s/;/; /g'))")"
      else
        printf '"process":false,"argsSource":"systemd","units":%s,"args":%s' "$(jv "${units% }")" "$(jstr <"$KUBELET_ARGS")"
      fi
    else
      printf '"process":false,"argsError":"the kubelet process is not visible under a host root"'
    fi
  fi
  cfg=$(flag_value config)
  if [ -z "$cfg" ]; then
    for c in /var/lib/kubelet/config.yaml /etc/kubernetes/kubelet/config.json /etc/kubernetes/kubelet/kubelet-config.json \
      /etc/kubernetes/kubelet-config.yaml /var/lib/kubelet/kubelet-config.yaml /etc/kubernetes/kubelet/config.yaml; do
      # A candidate behind a folder this user cannot search is reported, never skipped for the next one.
      if ! p=$(rpath "$c") || [ -e "$p" ] || [ "$(why_absent "$p")" != 'no such file' ]; then cfg=$c; break; fi
    done
  fi
  if [ -n "$cfg" ]; then
    if ! p=$(rpath "$cfg"); then printf ',"configPath":%s,"configError":%s' "$(jv "$cfg")" "$(jv "$p")"
    elif [ -f "$p" ] && [ -r "$p" ]; then printf ',"configPath":%s,"config":%s' "$(jv "$cfg")" "$(kubelet_config_filter "$p" | jstr)"
    elif [ -e "$p" ]; then printf ',"configPath":%s,"configError":"not readable"' "$(jv "$cfg")"
    else printf ',"configPath":%s,"configError":%s' "$(jv "$cfg")" "$(jv "$(why_absent "$p")")"; fi
  fi
  # Configuration drop-ins (--config-dir; Amazon Linux 2023 EKS nodes use /etc/kubernetes/kubelet/config.json.d):
  # *.conf files, merged in name order over the config file.
  cdir=$(flag_value config-dir)
  if [ -z "$cdir" ] && [ -z "$kpid" ]; then
    p=$(rpath /etc/kubernetes/kubelet/config.json.d) || p=/
    if [ -d "$p" ] || [ "$(why_absent "$p")" != 'no such file' ]; then cdir=/etc/kubernetes/kubelet/config.json.d; fi
  fi
  if [ -n "$cdir" ]; then
    printf ',"configDir":%s' "$(jv "$cdir")"
    if ! glob_in "$cdir" '*.conf' >"$TMPD/dropins"; then
      printf ',"dropinsError":%s' "$(jv "$cdir: $(cat "$TMPD/why")")"
      : >"$TMPD/dropins"
    fi
    printf ',"dropins":['
    ds=''
    while IFS= read -r f; do
      if ! p=$(rpath "$f"); then printf '%s{"path":%s,"error":%s}' "$ds" "$(jv "$f")" "$(jv "$p")"
      elif [ ! -f "$p" ]; then continue
      elif [ -r "$p" ]; then printf '%s{"path":%s,"content":%s}' "$ds" "$(jv "$f")" "$(kubelet_config_filter "$p" | jstr)"
      else printf '%s{"path":%s,"error":"not readable"}' "$ds" "$(jv "$f")"; fi
      ds=','
    done <"$TMPD/dropins"
    printf ']'
  fi
  printf '}'
}
kubelet_section

# ---------------------------------------------------------------- kube-proxy
# kube-proxy runs in a Pod (a DaemonSet): its command line is visible in /proc on a live host only, and its
# configuration file inside the Pod's own filesystem, through /proc/PID/root. Only the lines of that file that name
# metricsBindAddress leave the host (the parser refuses to guess from one it cannot read as a key line).
kube_proxy_section() {
  printf ',"kubeProxy":{'
  if [ $LIVE = 0 ]; then
    printf '"process":null,"note":"kube-proxy runs in a Pod: its command line is visible on a live host only"}'
    return
  fi
  ppid=''
  if have pgrep; then
    ppid=$(pgrep -x -o kube-proxy 2>/dev/null)
  elif [ -d /proc ]; then
    for d in /proc/[0-9]*; do
      [ -r "$d/comm" ] || continue
      if [ "$(cat "$d/comm" 2>/dev/null)" = kube-proxy ]; then ppid=${d#/proc/}; break; fi
    done
  fi
  if [ -z "$ppid" ]; then printf '"process":false}'; return; fi
  if ! tr '\000' '\n' <"/proc/$ppid/cmdline" >"$TMPD/proxy-args" 2>/dev/null || [ ! -s "$TMPD/proxy-args" ]; then
    printf '"process":null,"note":"the kube-proxy process command line could not be read"}'
    return
  fi
  printf '"process":true,"args":%s' "$(jstr <"$TMPD/proxy-args")"
  # The last --config wins, as pflag reads it.
  pc=$(awk 'prev == 1 { prev = 0; if ($0 !~ /^-/) { v = $0; next } }
    /^--config=/ { v = substr($0, 10) } /^--config$/ { prev = 1 } END { print v }' "$TMPD/proxy-args")
  case $pc in
    '') ;;
    */../* | */..)
      # /proc/PID/root/.. leaves the Pod's filesystem: such a path is never followed.
      printf ',"configPath":%s,"configError":"a path with .. is not followed"' "$(jv "$pc")"
      ;;
    /*)
      pf="/proc/$ppid/root$pc"
      if [ -f "$pf" ] && [ -r "$pf" ]; then
        printf ',"configPath":%s,"configLines":%s' "$(jv "$pc")" \
          "$(tr -d '\000' <"$pf" | grep -F metricsBindAddress | jstr)"
      else
        printf ',"configPath":%s,"configError":"not readable through /proc (the probe must run as root)"' "$(jv "$pc")"
      fi
      ;;
    *) printf ',"configPath":%s,"configError":"a relative path: the Pod'"'"'s working folder is not known"' "$(jv "$pc")" ;;
  esac
  printf '}'
}
kube_proxy_section

# ---------------------------------------------------------------- file modes, certificates, static Pods
# The name of a numeric ID in one of the host's own account files (ROOT/etc/passwd or ROOT/etc/group), or nothing:
# never this machine's, which under a host root is another system's.
id_name() { # $1 = /etc/passwd or /etc/group, $2 = numeric ID
  in_f=$(rpath "$1") && [ -f "$in_f" ] && [ -r "$in_f" ] || return 0
  awk -F: -v id="$2" '$3 == id { print $1; exit }' "$in_f"
}

statline() { # $1 = role, $2 = path inside ROOT, $3 = whose file it is ("-": not said), $4 = 1 to name the owners
  st=''
  sl_p=$(rpath "$2") && st=$(stat -L -c '%a %u %g' "$sl_p" 2>/dev/null)
  sl_of=''
  [ "${3:--}" != '-' ] && sl_of=",\"of\":$(jv "$3")"
  if [ -n "$st" ]; then
    # shellcheck disable=SC2086 # three numbers from stat, split on purpose
    set -- "$1" "$2" $st "${4:-0}"
    sl_names=''
    if [ "$6" = 1 ]; then
      sl_names=",\"user\":$(jv "$(id_name /etc/passwd "$4")"),\"group\":$(jv "$(id_name /etc/group "$5")")"
    fi
    printf '{"role":%s,"path":%s%s,"mode":%s,"uid":%s,"gid":%s%s}' "$(jv "$1")" "$(jv "$2")" "$sl_of" "$(jv "$3")" \
      "$4" "$5" "$sl_names"
  else
    [ -n "$sl_p" ] || sl_p='stat failed'
    case $sl_p in /*) sl_p='stat failed' ;; esac
    printf '{"role":%s,"path":%s%s,"error":%s}' "$(jv "$1")" "$(jv "$2")" "$sl_of" "$(jv "$sl_p")"
  fi
}


# The folder on this machine that holds a PKI folder inside ROOT, or nothing when there is none; fails with the reason
# when it cannot be resolved or searched.
pki_dir() { # $1 = folder inside ROOT
  pd_p=$(rpath "$1") || { printf '%s\n' "$pd_p"; return 1; }
  if [ -d "$pd_p" ]; then printf '%s\n' "$pd_p"; return 0; fi
  pd_w=$(why_absent "$pd_p")
  [ "$pd_w" = 'no such file' ] && return 0
  printf '%s\n' "$pd_w"
  return 1
}

# etcd's data folder: its static Pod's --data-dir when that manifest names one, else the kubeadm default.
etcd_data_dir() {
  ed=''
  if ed_m=$(rpath /etc/kubernetes/manifests/etcd.yaml) && [ -f "$ed_m" ] && [ -r "$ed_m" ]; then
    ed=$(tr -d '\000' <"$ed_m" | sed -n 's/^.*--data-dir[= ][[:space:]]*"\{0,1\}\([^"[:space:],]*\).*$/\1/p' | tail -n 1)
  fi
  case $ed in /*) ;; *) ed=/var/lib/etcd ;; esac
  printf '%s\n' "$ed"
}

# Each line of the list: role, whose file ("-" when not said), whether its absence is reported (1) or the path is
# only a candidate (0), the path inside ROOT; tab-separated, the path last so that it may hold anything but a newline.
files_section() {
  printf ',"files":['
  fs=''
  list="$TMPD/files"
  : >"$list"
  [ -n "$cfg" ] && printf 'kubelet-config\tkubelet\t0\t%s\n' "$cfg" >>"$list"
  kc=$(flag_value kubeconfig)
  # The kubeconfig the kubelet is given is reported absent when missing; the usual places are only candidates.
  [ -n "$kc" ] && printf 'kubeconfig\tkubelet\t1\t%s\n' "$kc" >>"$list"
  for k in /etc/kubernetes/kubelet.conf /var/lib/kubelet/kubeconfig /etc/kubernetes/kubelet/kubeconfig; do
    printf 'kubeconfig\tkubelet\t0\t%s\n' "$k" >>"$list"
  done
  for k in admin super-admin controller-manager scheduler; do
    printf 'kubeconfig\t%s\t1\t/etc/kubernetes/%s.conf\n' "$k" "$k" >>"$list"
  done
  printf 'kubeconfig\tbootstrap-kubelet\t0\t/etc/kubernetes/bootstrap-kubelet.conf\n' >>"$list"
  for k in kube-apiserver kube-controller-manager kube-scheduler etcd; do
    printf 'static-pod-manifest\t%s\t1\t/etc/kubernetes/manifests/%s.yaml\n' "$k" "$k" >>"$list"
  done
  printf 'etcd-data-dir\tetcd\t1\t%s\n' "$(etcd_data_dir)" >>"$list"
  for u in /etc/systemd/system/kubelet.service /usr/lib/systemd/system/kubelet.service \
    /lib/systemd/system/kubelet.service; do
    printf 'kubelet-service\tkubelet\t0\t%s\n' "$u" >>"$list"
  done
  for ud in /etc/systemd/system/kubelet.service.d /usr/lib/systemd/system/kubelet.service.d \
    /lib/systemd/system/kubelet.service.d; do
    if glob_in "$ud" '*.conf' >"$TMPD/found"; then
      while IFS= read -r p; do printf 'kubelet-service\tkubelet\t0\t%s\n' "$p"; done <"$TMPD/found" >>"$list"
    else
      printf '%s{"role":"kubelet-service","path":%s,"of":"kubelet","error":%s}' "$fs" "$(jv "$ud")" \
        "$(jv "$(cat "$TMPD/why")")"; fs=','
    fi
  done
  for k in /etc/kubernetes/pki /var/lib/kubelet/pki; do
    # A directory the probe cannot list fully (not root) is reported, never taken for "no keys".
    if ! kd=$(pki_dir "$k"); then
      printf '%s{"role":"pki-key","path":%s,"error":%s}' "$fs" "$(jv "$k")" "$(jv "$kd")"; fs=','
      continue
    fi
    [ -n "$kd" ] || continue
    if ! find "$kd" \( -name '*.key' -o -name 'kubelet-client*.pem' -o -name 'kubelet-server*.pem' \) \
      \( -type f -o -type l \) >"$TMPD/found" 2>/dev/null; then
      printf '%s{"role":"pki-key","path":%s,"error":"the directory could not be listed completely"}' "$fs" "$(jv "$k")"; fs=','
    fi
    sort "$TMPD/found" | while IFS= read -r p; do printf 'pki-key\t-\t0\t%s\n' "$k${p#"$kd"}"; done >>"$list"
  done
  # The control-plane PKI folder itself and everything in it, for its ownership (keys are listed above already).
  k=/etc/kubernetes/pki
  printf 'pki\t-\t1\t%s\n' "$k" >>"$list"
  if kd=$(pki_dir "$k") && [ -n "$kd" ]; then
    if ! find "$kd" >"$TMPD/found" 2>/dev/null; then
      printf '%s{"role":"pki","path":%s,"error":"the directory could not be listed completely"}' "$fs" "$(jv "$k")"; fs=','
    fi
    grep -vxF "$kd" "$TMPD/found" | sort | while IFS= read -r p; do printf 'pki\t-\t0\t%s\n' "$k${p#"$kd"}"; done >>"$list"
  fi
  awk -F'\t' '{ k = $0; sub(/^[^\t]*\t[^\t]*\t[^\t]*\t/, "", k) } !seen[k]++' "$list" >"$list.u"
  while IFS='	' read -r role of must p; do
    # A candidate that leads nowhere is skipped; a file whose absence is reported is "absent" only when nothing
    # hides it (a folder this user cannot search makes it an error). A link loop is reported by statline.
    if rp=$(rpath "$p") && [ ! -e "$rp" ] && [ ! -L "$rp" ]; then
      [ "$must" = 1 ] || continue
      w=$(why_absent "$rp")
      ofj=''
      [ "$of" != '-' ] && ofj=",\"of\":$(jv "$of")"
      if [ "$w" = 'no such file' ]; then
        printf '%s{"role":%s,"path":%s%s,"absent":true}' "$fs" "$(jv "$role")" "$(jv "$p")" "$ofj"
      else
        printf '%s{"role":%s,"path":%s%s,"error":%s}' "$fs" "$(jv "$role")" "$(jv "$p")" "$ofj" "$(jv "$w")"
      fi
      fs=','
      continue
    fi
    names=0
    [ "$role" = etcd-data-dir ] && names=1
    printf '%s%s' "$fs" "$(statline "$role" "$p" "$of" "$names")"; fs=','
  done <"$list.u"
  printf ']'
}
files_section

certs_section() {
  printf ',"certs":['
  cs=''
  clist="$TMPD/certs"
  : >"$clist"
  for k in /etc/kubernetes/pki /var/lib/kubelet/pki; do
    if ! kd=$(pki_dir "$k"); then
      printf '%s{"path":%s,"error":%s}' "$cs" "$(jv "$k")" "$(jv "$kd")"; cs=','
      continue
    fi
    [ -n "$kd" ] || continue
    if ! find "$kd" \( -name '*.crt' -o -name 'kubelet-client-current.pem' -o -name 'kubelet-server-current.pem' \) \
      \( -type f -o -type l \) >"$TMPD/found" 2>/dev/null; then
      printf '%s{"path":%s,"error":"the directory could not be listed completely"}' "$cs" "$(jv "$k")"; cs=','
    fi
    sort "$TMPD/found" | while IFS= read -r p; do printf '%s\n' "$k${p#"$kd"}"; done >>"$clist"
  done
  tc=$(flag_value tls-cert-file)
  if [ -n "$tc" ]; then
    if ! p=$(rpath "$tc") || [ -e "$p" ] || [ "$(why_absent "$p")" != 'no such file' ]; then printf '%s\n' "$tc" >>"$clist"; fi
  fi
  awk '!seen[$0]++' "$clist" | while IFS= read -r rel; do
    if ! p=$(rpath "$rel"); then
      printf '%s{"path":%s,"error":%s}' "$cs" "$(jv "$rel")" "$(jv "$p")"
    elif ! have openssl; then
      printf '%s{"path":%s,"error":"openssl is not installed"}' "$cs" "$(jv "$rel")"
    elif out=$(openssl x509 -noout -enddate -subject -in "$p" 2>/dev/null); then
      end=$(printf '%s\n' "$out" | sed -n 's/^notAfter=//p')
      sub=$(printf '%s\n' "$out" | sed -n 's/^subject=[[:space:]]*//p')
      printf '%s{"path":%s,"notAfter":%s,"subject":%s}' "$cs" "$(jv "$rel")" "$(jv "$end")" "$(jv "$sub")"
    else
      printf '%s{"path":%s,"error":"not a readable PEM certificate"}' "$cs" "$(jv "$rel")"
    fi
    cs=','
  done
  printf ']'
}
certs_section

# A static Pod manifest without its env/envFrom blocks (values there may be secrets): the collector keeps only the
# command lines anyway, this keeps the rest from leaving the host at all.
manifest_filter() {
  tr -d '\000' <"$1" | awk '
    function indent(s) { match(s, /^[ ]*/); return RLENGTH }
    {
      ind = indent($0); body = substr($0, ind + 1); item = 0
      if (body ~ /^- /) { item = 1; body = substr(body, 3); while (substr(body, 1, 1) == " ") body = substr(body, 2) }
      if (skip) {
        if ($0 ~ /^[ ]*$/) next
        if (ind > skipind || (ind == skipind && item && !skipitem)) next
        skip = 0
      }
      if (body ~ /^"?(env|envFrom)"?[ ]*:/) {
        skip = 1; skipind = item ? ind + 2 : ind; skipitem = 0
        # A list item that starts with env keeps its dash, so that the other keys stay in that item.
        if (item) { pad = ""; for (k = 0; k < ind; k++) pad = pad " "; print pad "- envFiltered: true" }
        next
      }
      print
    }'
}

manifests_section() {
  printf ',"staticPods":'
  d=/etc/kubernetes/manifests
  # A folder this user cannot list may hold any Pod: reported, never taken for an empty folder.
  : >"$TMPD/pods"
  for pat in '*.yaml' '*.yml' '*.json'; do
    if ! glob_in "$d" "$pat" >>"$TMPD/pods"; then
      printf '{"dir":true,"error":%s,"pods":[]}' "$(jv "$d: $(cat "$TMPD/why")")"
      return
    fi
  done
  if ! dp=$(rpath "$d") || [ ! -d "$dp" ]; then printf '{"dir":false,"pods":[]}'; return; fi
  printf '{"dir":true,"pods":['
  ms=''
  while IFS= read -r m; do
    if ! p=$(rpath "$m"); then printf '%s{"path":%s,"error":%s}' "$ms" "$(jv "$m")" "$(jv "$p")"
    elif [ ! -f "$p" ]; then continue
    elif [ -r "$p" ]; then printf '%s{"path":%s,"content":%s}' "$ms" "$(jv "$m")" "$(manifest_filter "$p" | jstr)"
    else printf '%s{"path":%s,"error":"not readable"}' "$ms" "$(jv "$m")"; fi
    ms=','
  done <"$TMPD/pods"
  printf ']}'
}
manifests_section

# ---------------------------------------------------------------- operating-system hardening (docs/host.md)
# Files inside ROOT as [{"path","content"}|{"path","error"}]: one path a line in $1, each file's text passed through
# the filter command $2 (which gets the resolved path). Missing files are left out; unreadable ones say why.
os_files_json() { # $1 = list of paths inside ROOT, $2 = filter command
  printf '['
  of_s=''
  while IFS= read -r of_f; do
    [ -n "$of_f" ] || continue
    case $of_f in
      '!'*) # "!path<TAB>reason": a folder that could not be listed
        of_f=${of_f#!}
        printf '%s{"path":%s,"error":%s}' "$of_s" "$(jv "${of_f%%	*}")" "$(jv "${of_f#*	}")"; of_s=','; continue ;;
    esac
    # A link to /dev/null masks a file of the same name in a lower folder (systemd): it is an empty file.
    if [ -L "$R$of_f" ] && [ "$(readlink "$R$of_f")" = /dev/null ]; then
      printf '%s{"path":%s,"content":""}' "$of_s" "$(jv "$of_f")"
    elif ! of_p=$(rpath "$of_f"); then printf '%s{"path":%s,"error":%s}' "$of_s" "$(jv "$of_f")" "$(jv "$of_p")"
    elif [ -d "$of_p" ]; then continue
    elif [ ! -e "$of_p" ]; then
      of_w=$(why_absent "$of_p")
      [ "$of_w" = 'no such file' ] && continue
      printf '%s{"path":%s,"error":%s}' "$of_s" "$(jv "$of_f")" "$(jv "$of_w")"
    elif [ ! -r "$of_p" ]; then printf '%s{"path":%s,"error":"not readable (permission denied)"}' "$of_s" "$(jv "$of_f")"
    else printf '%s{"path":%s,"content":%s}' "$of_s" "$(jv "$of_f")" "$("$2" "$of_p" | tr -d '\000' | jstr)"; fi
    of_s=','
  done <"$1"
  printf ']'
}
# Appends the entries of folder $2 matching $3 to list $1; a folder that cannot be listed becomes a "!" line.
os_list_dir() { # $1 = list file, $2 = folder inside ROOT, $3 = pattern
  glob_in "$2" "$3" >>"$1" || printf '!%s\t%s\n' "$2" "$(cat "$TMPD/why")" >>"$1"
}
os_nocomments() { sed -e '/^[[:space:]]*[#;]/d' -e '/^[[:space:]]*$/d' "$1"; }
os_stat_json() { # $1 = list of "role<TAB>path" lines; existing paths only
  printf '['
  os_s=''
  while IFS='	' read -r os_role os_f; do
    if os_p=$(rpath "$os_f"); then
      if [ ! -e "$os_p" ] && [ ! -L "$os_p" ]; then
        [ "$(why_absent "$os_p")" = 'no such file' ] && continue
        printf '%s{"role":%s,"path":%s,"error":%s}' "$os_s" "$(jv "$os_role")" "$(jv "$os_f")" "$(jv "$(why_absent "$os_p")")"
        os_s=','; continue
      fi
    fi
    printf '%s%s' "$os_s" "$(statline "$os_role" "$os_f")"; os_s=','
  done <"$1"
  printf ']'
}

# Mode and owner of the sshd configuration files and host keys (never their content).
sshfiles_section() {
  : >"$TMPD/os.sshfiles"
  while IFS= read -r sf_f; do printf 'sshd-config\t%s\n' "$sf_f"; done <"$SSHD_LIST" >>"$TMPD/os.sshfiles"
  if glob_in /etc/ssh 'ssh_host_*' >"$TMPD/os.keys"; then
    while IFS= read -r sf_f; do
      case $sf_f in *_key) printf 'host-key\t%s\n' "$sf_f" ;; *_key.pub) printf 'host-key-pub\t%s\n' "$sf_f" ;; esac
    done <"$TMPD/os.keys" >>"$TMPD/os.sshfiles"
    printf ',"sshFiles":{"files":%s}' "$(os_stat_json "$TMPD/os.sshfiles")"
  else
    printf ',"sshFiles":{"error":%s,"files":%s}' "$(jv "/etc/ssh: $(cat "$TMPD/why")")" "$(os_stat_json "$TMPD/os.sshfiles")"
  fi
}

# sudoers: the files sudo reads (includes followed, never executed), with comments removed but #include kept.
# Comment lines become empty lines, so that line numbers stay those of the file.
sudo_filter() { sed -e '/^[[:space:]]*#include/b' -e 's/^[[:space:]]*#.*$//' "$1"; }
sudo_section() {
  printf ',"sudo":{'
  su_bin=false
  for b in /usr/bin/sudo /bin/sudo /usr/local/bin/sudo /usr/sbin/sudo; do
    if su_p=$(rpath "$b") && [ -f "$su_p" ]; then su_bin=true; break; fi
  done
  printf '"binary":%s' "$su_bin"
  if [ $LIVE = 1 ] && [ $su_bin = true ] && have sudo; then
    printf ',"version":%s' "$(sudo -V 2>/dev/null | head -n 1 | jstr)"
  fi
  printf '/etc/sudoers\n' >"$TMPD/os.sudo"
  : >"$TMPD/os.sudo.done"
  su_n=0
  while [ $su_n -lt 64 ]; do
    su_f=$(grep -vxF -f "$TMPD/os.sudo.done" "$TMPD/os.sudo" | grep -v '^!' | head -n 1)
    [ -n "$su_f" ] || break
    printf '%s\n' "$su_f" >>"$TMPD/os.sudo.done"
    su_n=$((su_n + 1))
    if ! su_p=$(rpath "$su_f") || [ ! -f "$su_p" ] || [ ! -r "$su_p" ]; then continue; fi
    su_dir=${su_f%/*}
    grep -E '^[[:space:]]*[#@]include(dir)?[[:space:]]' "$su_p" | while read -r su_kw su_arg; do
      su_arg=$(printf '%s' "$su_arg" | sed 's/^"//; s/"$//')
      case $su_arg in /*) ;; *) su_arg=$su_dir/$su_arg ;; esac
      case $su_kw in
        *includedir)
          # sudo skips names ending in "~" or holding a ".", and reads the rest in sorted order.
          if glob_in "$su_arg" '*' >"$TMPD/os.sudo.dir"; then
            grep -v -e '~$' -e '/[^/]*\.[^/]*$' "$TMPD/os.sudo.dir"
          else
            printf '!%s\t%s\n' "$su_arg" "$(cat "$TMPD/why")"
          fi ;;
        *) printf '%s\n' "$su_arg" ;;
      esac
    done >>"$TMPD/os.sudo"
  done
  printf ',"files":%s}' "$(awk '!seen[$0]++' "$TMPD/os.sudo" >"$TMPD/os.sudo.u"; os_files_json "$TMPD/os.sudo.u" sudo_filter)"
}

# PAM password quality: the password stacks and pwquality settings.
pam_section() {
  printf '/etc/pam.d/common-password\n/etc/pam.d/system-auth\n/etc/pam.d/password-auth\n/etc/security/pwquality.conf\n' >"$TMPD/os.pam"
  os_list_dir "$TMPD/os.pam" /etc/security/pwquality.conf.d '*.conf'
  printf ',"pam":{"files":%s}' "$(os_files_json "$TMPD/os.pam" os_nocomments)"
}

# Kernel parameters: the running values (live) and the sysctl.d files; the collector applies systemd-sysctl's order.
OS_SYSCTL_KEYS='net.ipv4.ip_forward net.ipv6.conf.all.forwarding net.ipv4.conf.all.send_redirects net.ipv4.conf.default.send_redirects net.ipv4.conf.all.accept_source_route net.ipv4.conf.default.accept_source_route net.ipv6.conf.all.accept_source_route net.ipv6.conf.default.accept_source_route net.ipv4.conf.all.accept_redirects net.ipv4.conf.default.accept_redirects net.ipv6.conf.all.accept_redirects net.ipv6.conf.default.accept_redirects net.ipv4.conf.all.secure_redirects net.ipv4.conf.default.secure_redirects net.ipv4.conf.all.log_martians net.ipv4.conf.default.log_martians net.ipv4.icmp_echo_ignore_broadcasts net.ipv4.icmp_ignore_bogus_error_responses net.ipv4.conf.all.rp_filter net.ipv4.conf.default.rp_filter net.ipv4.tcp_syncookies net.ipv6.conf.all.accept_ra net.ipv6.conf.default.accept_ra kernel.randomize_va_space fs.suid_dumpable'
sysctl_section() {
  printf ',"sysctl":{'
  if [ $LIVE = 1 ]; then
    for k in $OS_SYSCTL_KEYS; do
      sy_p=/proc/sys/$(printf '%s' "$k" | tr . /)
      [ -r "$sy_p" ] && printf '%s=%s\n' "$k" "$(head -n 1 "$sy_p" 2>/dev/null)"
    done >"$TMPD/os.sysctl.run"
    if [ -d /proc/sys/kernel ]; then printf '"runtime":%s,' "$(jstr <"$TMPD/os.sysctl.run")"
    else printf '"runtimeError":"/proc/sys is not mounted",'; fi
  fi
  : >"$TMPD/os.sysctl"
  for d in /etc/sysctl.d /run/sysctl.d /usr/local/lib/sysctl.d /usr/lib/sysctl.d /lib/sysctl.d; do
    os_list_dir "$TMPD/os.sysctl" "$d" '*.conf'
  done
  # /etc/sysctl.conf counts only through a link in /etc/sysctl.d (99-sysctl.conf): systemd-sysctl reads no other.
  printf '"files":%s}' "$(os_files_json "$TMPD/os.sysctl" os_nocomments)"
}

# Kernel modules: modprobe.d install/blacklist lines, and the loaded modules (live).
modprobe_filter() { grep -E '^[[:space:]]*(install|blacklist)[[:space:]]' "$1"; }
modules_section() {
  printf ',"modules":{'
  if [ $LIVE = 1 ]; then
    if [ -r /proc/modules ]; then printf '"loaded":%s,' "$(cut -d ' ' -f 1 /proc/modules | jstr)"
    else printf '"loadedError":"/proc/modules is not readable",'; fi
  fi
  : >"$TMPD/os.modprobe"
  for d in /etc/modprobe.d /run/modprobe.d /usr/local/lib/modprobe.d /usr/lib/modprobe.d /lib/modprobe.d; do
    os_list_dir "$TMPD/os.modprobe" "$d" '*.conf'
  done
  printf '"files":%s}' "$(os_files_json "$TMPD/os.modprobe" modprobe_filter)"
}

# Audit: the rules the kernel holds (auditctl -l, live and root), and the rule files auditd loads at boot.
audit_section() {
  printf ',"audit":{'
  if [ $LIVE = 1 ]; then
    if ! have auditctl; then printf '"rulesError":"auditctl is not installed",'
    elif au_out=$(auditctl -l 2>&1); then printf '"rules":%s,' "$(printf '%s\n' "$au_out" | jstr)"
    else printf '"rulesError":%s,' "$(jv "auditctl -l failed: $(printf '%s' "$au_out" | head -c 200)")"; fi
  fi
  printf '/etc/audit/audit.rules\n' >"$TMPD/os.audit"
  os_list_dir "$TMPD/os.audit" /etc/audit/rules.d '*.rules'
  printf '"files":%s}' "$(os_files_json "$TMPD/os.audit" os_nocomments)"
}

# Services: daemons running (live, by process name) and units enabled or masked in systemd's folders.
OS_UNITS='^(auditd|chronyd|chrony|systemd-timesyncd|ntpd|ntp|ntpsec|openntpd|apparmor|unattended-upgrades|apt-daily-upgrade|dnf-automatic|dnf-automatic-install|yum-cron|containerd|crio|docker)\.(service|timer)$'
services_section() {
  printf ',"services":{'
  if [ $LIVE = 1 ]; then
    # /proc/PID/comm holds at most 15 characters: systemd-timesyncd is "systemd-timesyn".
    printf '"running":%s,' "$(cat /proc/[0-9]*/comm 2>/dev/null | sort -u | grep -xE 'auditd|chronyd|systemd-timesyn|ntpd|ntpsec|openntpd|containerd|crio|dockerd' | jstr)"
  fi
  : >"$TMPD/os.units"
  : >"$TMPD/os.masked"
  se_err=''
  for d in /etc/systemd/system /run/systemd/system /usr/lib/systemd/system /lib/systemd/system; do
    se_p=$(rpath "$d") || { se_err="$se_err$d: $se_p; "; continue; }
    [ -d "$se_p" ] || continue
    if ! find "$se_p" -mindepth 2 -maxdepth 2 -path '*.wants/*' >>"$TMPD/os.units" 2>/dev/null; then se_err="$se_err$d could not be listed completely; "; fi
    [ "$d" = /etc/systemd/system ] || continue
    for u in "$se_p"/*.service "$se_p"/*.timer; do
      [ -L "$u" ] && [ "$(readlink "$u")" = /dev/null ] && printf '%s\n' "${u##*/}" >>"$TMPD/os.masked"
    done
  done
  printf '"enabled":%s,"masked":%s' "$(sed 's:.*/::' "$TMPD/os.units" | grep -E "$OS_UNITS" | sort -u | jstr)" \
    "$(grep -E "$OS_UNITS" "$TMPD/os.masked" | sort -u | jstr)"
  [ -n "$se_err" ] && printf ',"error":%s' "$(jv "${se_err%; }")"
  printf '}'
}

# Mandatory access control: SELinux and AppArmor as the kernel reports them (live), and their configuration.
mac_section() {
  printf ',"mac":{'
  if [ $LIVE = 1 ]; then
    [ -r /sys/fs/selinux/enforce ] && printf '"selinuxEnforce":%s,' "$(head -c 1 /sys/fs/selinux/enforce | jstr)"
    [ -r /sys/module/apparmor/parameters/enabled ] && printf '"apparmorEnabled":%s,' "$(head -n 1 /sys/module/apparmor/parameters/enabled | jstr)"
    if [ -e /sys/kernel/security/apparmor/profiles ]; then
      if [ -r /sys/kernel/security/apparmor/profiles ]; then
        # Only the count of profiles in each mode: "enforce 12", "complain 1".
        printf '"apparmorProfiles":%s,' "$(sed -n 's/.*(\([a-z]*\))$/\1/p' /sys/kernel/security/apparmor/profiles | sort | uniq -c | awk '{ print $2 " " $1 }' | jstr)"
      else printf '"apparmorProfilesError":"not readable (the probe must run as root)",'; fi
    fi
  fi
  printf '/etc/selinux/config\n' >"$TMPD/os.mac"
  ma_p=$(rpath /etc/apparmor.d) && [ -d "$ma_p" ] && printf '"apparmorConfig":true,'
  printf '"files":%s}' "$(os_files_json "$TMPD/os.mac" os_nocomments)"
}

# Core dumps: limits.conf lines about "core" (the others emptied, so that line numbers stay those of the file).
limits_filter() { awk '{ if ($0 ~ /^[ \t]*[^# \t]+[ \t]+[a-z-]+[ \t]+core[ \t]/) print; else print "" }' "$1"; }
limits_section() {
  printf '/etc/security/limits.conf\n' >"$TMPD/os.limits"
  os_list_dir "$TMPD/os.limits" /etc/security/limits.d '*.conf'
  printf ',"limits":{"files":%s}' "$(os_files_json "$TMPD/os.limits" limits_filter)"
}

# Automatic security updates: apt's periodic settings, dnf-automatic and yum-cron, and whether their tools exist.
updates_filter() { grep -iE '^[[:space:]]*(APT::Periodic::|Unattended-Upgrade::(Origins-Pattern|Allowed-Origins)|apply_updates|upgrade_type|update_cmd)' "$1"; }
updates_section() {
  : >"$TMPD/os.updates"
  os_list_dir "$TMPD/os.updates" /etc/apt/apt.conf.d '*'
  printf '/etc/dnf/automatic.conf\n/etc/yum/yum-cron.conf\n' >>"$TMPD/os.updates"
  up_tools=''
  for t in /usr/bin/unattended-upgrade /usr/bin/dnf-automatic /usr/sbin/yum-cron /usr/bin/yum-cron; do
    up_p=$(rpath "$t") && [ -f "$up_p" ] && up_tools="$up_tools${t##*/} "
  done
  printf ',"updates":{"tools":%s,"files":%s}' "$(jv "${up_tools% }")" "$(os_files_json "$TMPD/os.updates" updates_filter)"
}

# The container runtime: which one is installed, the mode and owner of its socket and configuration.
runtime_section() {
  : >"$TMPD/os.rt"
  rt_present=''
  for rt in containerd:/usr/bin/containerd:/usr/local/bin/containerd:/etc/containerd crio:/usr/bin/crio:/usr/local/bin/crio:/etc/crio \
    docker:/usr/bin/dockerd:/usr/local/bin/dockerd:/etc/docker; do
    rt_name=${rt%%:*}
    rt_rest=${rt#*:}
    rt_found=''
    while [ -n "$rt_rest" ]; do
      rt_x=${rt_rest%%:*}
      case $rt_rest in *:*) rt_rest=${rt_rest#*:} ;; *) rt_rest='' ;; esac
      rt_p=$(rpath "$rt_x") && [ -e "$rt_p" ] && rt_found=1
    done
    [ -n "$rt_found" ] && rt_present="$rt_present$rt_name "
  done
  for f in /run/containerd/containerd.sock /run/crio/crio.sock /run/docker.sock; do printf 'runtime-socket\t%s\n' "$f"; done >>"$TMPD/os.rt"
  for f in /etc/containerd /etc/containerd/config.toml /etc/crio /etc/crio/crio.conf /etc/docker /etc/docker/daemon.json \
    /etc/default/docker /etc/sysconfig/docker /etc/systemd/system/containerd.service /usr/lib/systemd/system/containerd.service \
    /etc/systemd/system/docker.service /usr/lib/systemd/system/docker.service /usr/lib/systemd/system/crio.service; do
    printf 'runtime-config\t%s\n' "$f"
  done >>"$TMPD/os.rt"
  if glob_in /etc/crio/crio.conf.d '*' >"$TMPD/os.rt.d"; then sed 's/^/runtime-config	/' "$TMPD/os.rt.d" >>"$TMPD/os.rt"; fi
  if glob_in /etc/containerd/conf.d '*' >"$TMPD/os.rt.d"; then sed 's/^/runtime-config	/' "$TMPD/os.rt.d" >>"$TMPD/os.rt"; fi
  printf ',"runtime":{"present":%s,"files":%s}' "$(jv "${rt_present% }")" "$(os_stat_json "$TMPD/os.rt")"
}

sshfiles_section
sudo_section
pam_section
sysctl_section
modules_section
audit_section
services_section
mac_section
limits_section
updates_section
runtime_section

printf ',"end":true}'
exec >&3 3>&-
emit_file "$TMPD/document"
