/**
 * The sshd_config file parser on cases whose expectations the real daemon confirms (describeAgainstSshd runs
 * `sshd -T` on each): keyword and value syntax, first value wins, accumulating keywords, Include (order, globs,
 * depth, state) and validation.
 */
import { describeAgainstSshd, parserView, type SshdCase } from './case-helpers';
import {
  canonicalKeyword,
  canonicalValue,
  evaluateFiles,
  parseConfigText,
  resolveInclude,
  splitArgs,
  validateConfigFiles,
} from './config';
import { parseSpec } from './match';
import { parseSshdT } from './sshd-t';

const ROOT = 'user=root,host=h.example,addr=192.0.2.10';

const CASES: SshdCase[] = [
  // Keyword and value syntax.
  {
    name: 'keyword then "=", blanks around it, any case',
    files: { main: 'permitrootlogin=no\nPASSWORDAUTHENTICATION = no\n\tX11Forwarding\t\tyes\nMaxAuthTries= 3\n' },
    expect: { permitrootlogin: 'no', passwordauthentication: 'no', x11forwarding: 'yes', maxauthtries: '3' },
  },
  {
    name: 'quoted values, a trailing comment, upper-case yes/no',
    files: { main: 'PermitRootLogin "no" # not root\nPasswordAuthentication NO\nUsePAM "Yes"\n' },
    expect: { permitrootlogin: 'no', passwordauthentication: 'no', usepam: 'yes' },
  },
  {
    name: 'blank lines, comments and carriage returns',
    files: { main: '\r\n# PermitRootLogin yes\r\n   \r\n  #X11Forwarding yes\r\nPermitRootLogin no\r\n' },
    expect: { permitrootlogin: 'no', x11forwarding: 'no' },
  },
  {
    name: 'a comment may hold an unbalanced quote, indented or not',
    files: { main: '# PermitRootLogin "yes\n  #X11Forwarding "yes\nPermitRootLogin no\n' },
    expect: { permitrootlogin: 'no', x11forwarding: 'no' },
  },
  {
    name: 'times: digits without a unit are seconds, after another unit too, leading zeros read',
    files: { main: 'LoginGraceTime 1m30\nClientAliveInterval 090\n' },
    expect: { logingracetime: '90', clientaliveinterval: '90' },
  },
  {
    name: 'keyword read as strdelim reads it: an "=" before it, quotes in it, a carriage return after it',
    files: {
      main: '=PermitRootLogin no\n= PasswordAuthentication no\n"X11Forwarding" yes\nMax"AuthTries" 3\n"" UsePAM yes\nPubkeyAuthentication\rno\n',
    },
    expect: {
      permitrootlogin: 'no',
      passwordauthentication: 'no',
      x11forwarding: 'yes',
      maxauthtries: '3',
      usepam: 'yes',
      pubkeyauthentication: 'no',
    },
  },
  {
    name: 'keyword lines sshd skips: a second "=" before the keyword, a quote left open in the keyword',
    files: { main: '= = PermitRootLogin yes\n"PermitRootLogin yes\nX11"Forwarding yes\nPermitRootLogin no\n' },
    expect: { permitrootlogin: 'no', x11forwarding: 'no' },
  },
  {
    name: 'blanks sshd strips: spaces, tabs and carriage returns first, form feeds too at the end',
    files: { main: '\r\t PermitRootLogin no \f\r\t\n\r \t\nX11Forwarding yes\f\f\n' },
    expect: { permitrootlogin: 'no', x11forwarding: 'yes' },
  },
  ...(
    [
      '\fPermitRootLogin no',
      ' \f',
      '\t\r \f \t',
      'PermitRootLogin\f no',
      '"Permit RootLogin" no',
      '"PermitRootLogin"=no',
      'Pub\u212AeyAuthentication no',
    ] as const
  ).map(
    (line): SshdCase => ({
      name: `refused: ${JSON.stringify(line)} (a form feed first is no blank; a keyword no sshd keyword is)`,
      files: { main: `${line}\nMaxAuthTries 3\n` },
      expect: 'refused',
    }),
  ),
  {
    name: 'AllowTcpForwarding all, in any case, is printed yes',
    files: { main: 'AllowTcpForwarding ALL\n' },
    expect: { allowtcpforwarding: 'yes' },
  },
  {
    name: 'without-password is prohibit-password',
    files: { main: 'PermitRootLogin without-password\n' },
    expect: { permitrootlogin: 'prohibit-password' },
  },
  {
    name: 'first value wins, across aliases',
    files: {
      main: 'ChallengeResponseAuthentication no\nKbdInteractiveAuthentication yes\nMaxAuthTries 2\nmaxauthtries 5\n',
    },
    expect: { kbdinteractiveauthentication: 'no', maxauthtries: '2' },
  },
  {
    name: 'the compiled-in defaults',
    files: { main: '' },
    expect: {
      permitrootlogin: 'prohibit-password',
      passwordauthentication: 'yes',
      kbdinteractiveauthentication: 'yes',
      permitemptypasswords: 'no',
      pubkeyauthentication: 'yes',
      maxauthtries: '6',
      hostbasedauthentication: 'no',
      ignorerhosts: 'yes',
      permituserenvironment: 'no',
      x11forwarding: 'no',
      usepam: 'no',
    },
  },
  {
    name: 'AcceptEnv accumulates every line, in order',
    files: { main: 'AcceptEnv LANG LC_*\nAcceptEnv XMODIFIERS\n' },
    expect: { acceptenv: 'LANG\nLC_*\nXMODIFIERS' },
  },
  {
    name: 'PermitUserEnvironment: only "yes" and "no" in lower case are words, any other value is a pattern list',
    files: { main: 'PermitUserEnvironment NO\n' },
    expect: { permituserenvironment: 'NO' },
  },
  {
    name: 'a value kept as written, case included',
    files: { main: 'Banner /etc/Issue.NET\nAuthorizedKeysFile .ssh/keys_A\n' },
    expect: { banner: '/etc/Issue.NET', authorizedkeysfile: '.ssh/keys_A' },
  },

  {
    name: 'SetEnv: the first line wins, each variable on its own line',
    files: { main: 'SetEnv A=1 "B=2 3"\nSetEnv C=3\n' },
    expect: { setenv: 'A=1\nB=2 3' },
  },
  {
    name: 'Port and Subsystem accumulate, one line each',
    files: { main: 'Port 22\nPort 2222\nSubsystem sftp internal-sftp -l INFO\nSubsystem other /bin/x\n' },
    expect: { port: '22\n2222', subsystem: 'sftp internal-sftp -l INFO\nother /bin/x' },
  },

  // Include.
  {
    name: 'Include: each argument in order, each glob sorted, first value wins',
    files: {
      main: 'Include @/d/*.conf @/first.conf\nPermitRootLogin yes\n',
      'd/20-b.conf': 'PasswordAuthentication no\nMaxAuthTries 4\n',
      'd/10-a.conf': 'MaxAuthTries 3\n',
      'd/B.conf': 'X11Forwarding yes\n',
      'first.conf': 'PermitRootLogin no\nX11Forwarding no\n',
    },
    expect: { maxauthtries: '3', passwordauthentication: 'no', x11forwarding: 'yes', permitrootlogin: 'no' },
  },
  {
    name: 'Include: a glob skips dot files and sub-folders, a missing path is ignored',
    files: {
      main: 'Include @/d/* @/missing.conf @/none/*.conf\n',
      'd/.hidden': 'PermitRootLogin yes\n',
      'd/sub/x.conf': 'PasswordAuthentication no\n',
      'd/a': 'MaxAuthTries 2\n',
    },
    expect: { permitrootlogin: 'prohibit-password', passwordauthentication: 'yes', maxauthtries: '2' },
  },
  {
    name: 'Include: a dot file named explicitly, "?" one character, "*" across a folder level',
    files: {
      main: 'Include @/d/.h* @/d/?.conf @/*/x.conf\n',
      'd/.hidden': 'PermitRootLogin no\n',
      'd/a.conf': 'MaxAuthTries 2\n',
      'd/ab.conf': 'MaxAuthTries 9\n',
      'e/x.conf': 'X11Forwarding yes\n',
    },
    expect: { permitrootlogin: 'no', maxauthtries: '2', x11forwarding: 'yes' },
  },
  {
    name: 'Include: bracket sets, ranges and "!" negation',
    files: {
      main: 'Include @/d/[!a].conf @/d/[a-b]x.conf @/e/[xy]*\n',
      'd/a.conf': 'PermitRootLogin yes\n',
      'd/b.conf': 'MaxAuthTries 4\n',
      'd/bx.conf': 'PasswordAuthentication no\n',
      'd/cx.conf': 'PasswordAuthentication yes\n',
      'e/y1': 'X11Forwarding yes\n',
      'e/z1': 'X11Forwarding no\n',
    },
    expect: {
      permitrootlogin: 'prohibit-password',
      maxauthtries: '4',
      passwordauthentication: 'no',
      x11forwarding: 'yes',
    },
  },
  {
    name: 'Include: a bracket that never closes is a literal "["',
    files: { main: 'Include @/d/[a*\n', 'd/[ab': 'PermitRootLogin no\n', 'd/a': 'MaxAuthTries 2\n' },
    expect: { permitrootlogin: 'no', maxauthtries: '6' },
  },
  {
    name: 'Include: regular-expression characters in a glob are literal',
    files: { main: 'Include @/d/a.(b)+*\n', 'd/a.(b)+x': 'PermitRootLogin no\n', 'd/aa(b)bx': 'MaxAuthTries 2\n' },
    expect: { permitrootlogin: 'no', maxauthtries: '6' },
  },
  {
    name: 'Include: "]" first in a set is literal, also after "!"; "^" is no negation',
    files: {
      main: 'Include @/d/[]x]* @/e/[^a] @/f/[!]x]1\n',
      'd/]1': 'PermitRootLogin no\n',
      'd/x1': 'MaxAuthTries 2\n',
      'd/y1': 'X11Forwarding yes\n',
      'e/^': 'PasswordAuthentication no\n',
      'e/b': 'PubkeyAuthentication no\n',
      'f/]1': 'UsePAM yes\n',
      'f/x1': 'UsePAM yes\n',
      'f/y1': 'IgnoreRhosts no\n',
    },
    expect: {
      permitrootlogin: 'no',
      maxauthtries: '2',
      x11forwarding: 'no',
      passwordauthentication: 'no',
      pubkeyauthentication: 'yes',
      usepam: 'no',
      ignorerhosts: 'no',
    },
  },
  {
    name: 'Include: "[" at the end, "[!" at the end and "[]" are literal; a final backslash stands for itself',
    files: {
      main: 'Include @/d/a[ @/d/b[! @/d/[] @/d/c\\\n',
      'd/a[': 'PermitRootLogin no\n',
      'd/b[!': 'MaxAuthTries 2\n',
      'd/[]': 'X11Forwarding yes\n',
      'd/c\\': 'PasswordAuthentication no\n',
    },
    expect: { permitrootlogin: 'no', maxauthtries: '2', x11forwarding: 'yes', passwordauthentication: 'no' },
  },
  {
    name: 'Include: a range of one character, and a negated set that a range written backwards leaves empty',
    files: { main: 'Include @/d/[a-a]1 @/e/[!z-a]\n', 'd/a1': 'PermitRootLogin no\n', 'e/q': 'MaxAuthTries 2\n' },
    expect: { permitrootlogin: 'no', maxauthtries: '2' },
  },
  {
    name: 'Include: a range covers what lies between its ends, a "-" before "]" is literal, a range may start at "]"',
    files: {
      main: 'Include @/d/[a-c]1 @/e/[x-]1 @/f/[]-a]1\n',
      'd/b1': 'PermitRootLogin no\n',
      'e/-1': 'MaxAuthTries 2\n',
      'f/_1': 'X11Forwarding yes\n',
    },
    expect: { permitrootlogin: 'no', maxauthtries: '2', x11forwarding: 'yes' },
  },
  {
    name: 'Include: "*" and "?" match a newline in a name, as any other character',
    files: {
      main: 'Include @/d/a*b @/e/a?b\n',
      'd/a\nb': 'PermitRootLogin no\n',
      'e/a\nb': 'MaxAuthTries 2\n',
    },
    expect: { permitrootlogin: 'no', maxauthtries: '2' },
  },
  {
    name: 'Include: character classes in a set, with other members, negated; an unknown class or alnum matches nothing',
    files: {
      main: [
        ...[
          'digit',
          'xdigit',
          'alnum',
          'alpha',
          'lower',
          'upper',
          'punct',
          'graph',
          'print',
          'blank',
          'space',
          'cntrl',
        ].map((name) => `AcceptEnv ${name.toUpperCase()}\nInclude @/d/[[:${name}:]]x`),
        'AcceptEnv NEGATED\nInclude @/d/[![:digit:][:space:]]x',
        'AcceptEnv THEN-RANGE\nInclude @/d/[[:digit:]g-h]x',
        'AcceptEnv UNKNOWN\nInclude @/d/[[:nope:]5]x @/d/[[:constructor:]]x',
        'AcceptEnv NOT-A-CLASS\nInclude @/d/[[:digit]x',
        'AcceptEnv ESCAPED-NAME\nInclude @/d/[[:dig\\it:]]x @/d/[[:digit\\x:]]x',
        '',
      ].join('\n'),
      'd/5x': 'AcceptEnv F5\n',
      'd/ex': 'AcceptEnv Fe\n',
      'd/gx': 'AcceptEnv Fg\n',
      'd/Ex': 'AcceptEnv FE\n',
      'd/Gx': 'AcceptEnv FG\n',
      'd/_x': 'AcceptEnv F_\n',
      'd/ x': 'AcceptEnv FSPACE\n',
      'd/\tx': 'AcceptEnv FTAB\n',
      'd/\vx': 'AcceptEnv FVT\n',
      'd/\x7fx': 'AcceptEnv FDEL\n',
    },
    expect: {
      acceptenv: [
        ['DIGIT', 'F5'],
        ['XDIGIT', 'F5', 'FE', 'Fe'],
        // OpenSSH's glob keeps a class as its index in a table, and alnum's index 0 ends the compiled pattern.
        ['ALNUM'],
        ['ALPHA', 'FE', 'FG', 'Fe', 'Fg'],
        ['LOWER', 'Fe', 'Fg'],
        ['UPPER', 'FE', 'FG'],
        ['PUNCT', 'F_'],
        ['GRAPH', 'F5', 'FE', 'FG', 'F_', 'Fe', 'Fg'],
        ['PRINT', 'FSPACE', 'F5', 'FE', 'FG', 'F_', 'Fe', 'Fg'],
        ['BLANK', 'FTAB', 'FSPACE'],
        ['SPACE', 'FTAB', 'FVT', 'FSPACE'],
        ['CNTRL', 'FTAB', 'FVT', 'FDEL'],
        ['NEGATED', 'FE', 'FG', 'F_', 'Fe', 'Fg', 'FDEL'],
        ['THEN-RANGE', 'F5', 'Fg'],
        ['UNKNOWN'],
        ['NOT-A-CLASS', 'Fg'],
        ['ESCAPED-NAME'],
      ]
        .flat()
        .join('\n'),
    },
  },
  {
    name: 'Include: "[:" is a class only first in a member and closed by ":]"; an empty or inherited name matches nothing',
    files: {
      main: 'Include @/d/[[:]x @/e/[[::]]x @/f/[x:digit:]] @/g/[[:x:d] @/h/[[:__proto__:]]x\n',
      'd/:x': 'PermitRootLogin no\n',
      'e/:]x': 'MaxAuthTries 2\n',
      'f/5': 'X11Forwarding yes\n',
      'g/d': 'PasswordAuthentication no\n',
      'h/o]x': 'PubkeyAuthentication no\n',
    },
    expect: {
      permitrootlogin: 'no',
      maxauthtries: '6',
      x11forwarding: 'no',
      passwordauthentication: 'no',
      pubkeyauthentication: 'yes',
    },
  },
  {
    name: 'Include: a range written backwards matches nothing',
    files: { main: 'Include @/d/[z-a]* @/d/b\n', 'd/c': 'PermitRootLogin no\n', 'd/b': 'MaxAuthTries 2\n' },
    expect: { permitrootlogin: 'prohibit-password', maxauthtries: '2' },
  },
  {
    name: 'Include: a backslash makes the next character literal, in a set too',
    files: {
      main: 'Include @/d/\\[a] @/d/[\\]]b @/d/\\c @/d/\\*\n',
      'd/[a]': 'PermitRootLogin no\n',
      'd/a': 'PermitRootLogin yes\n',
      'd/]b': 'MaxAuthTries 2\n',
      'd/c': 'X11Forwarding yes\n',
      'd/*': 'PasswordAuthentication no\n',
      'd/e': 'PubkeyAuthentication no\n',
    },
    expect: {
      permitrootlogin: 'no',
      maxauthtries: '2',
      x11forwarding: 'yes',
      passwordauthentication: 'no',
      pubkeyauthentication: 'yes',
    },
  },
  {
    name: 'Include: an included file read in the state of its line, the state restored after it',
    files: {
      main: 'PermitRootLogin no\nMatch User root\n  Include @/a.conf\n  X11Forwarding yes\nMatch all\n  Include @/b.conf\n',
      'a.conf': 'PasswordAuthentication no\nMatch User nobody\n',
      'b.conf': 'MaxAuthTries 3\n',
    },
    spec: ROOT,
    expect: { permitrootlogin: 'no', passwordauthentication: 'no', x11forwarding: 'yes', maxauthtries: '3' },
  },
  {
    name: 'Include: the same, globally (no connection)',
    files: {
      main: 'PermitRootLogin no\nMatch User root\n  Include @/a.conf\n  X11Forwarding yes\nMatch all\n  Include @/b.conf\n',
      'a.conf': 'PasswordAuthentication no\nMatch User nobody\n',
      'b.conf': 'MaxAuthTries 3\n',
    },
    expect: { permitrootlogin: 'no', passwordauthentication: 'yes', x11forwarding: 'no', maxauthtries: '3' },
  },
  {
    name: 'Include from a block that does not match: its Match all never matches',
    files: { main: 'Match User bob\n  Include @/bob.conf\n', 'bob.conf': 'Match all\n  PermitRootLogin no\n' },
    spec: ROOT,
    expect: { permitrootlogin: 'prohibit-password' },
  },
  {
    name: 'Include before any Match line: its Match blocks apply to the connection',
    files: {
      main: 'Include @/a.conf\nMatch User bob\n  Include @/a.conf\n',
      'a.conf': 'Match User root\n  PermitRootLogin no\n',
    },
    spec: ROOT,
    expect: { permitrootlogin: 'no' },
  },
  {
    name: 'Include at top level after a Match all: the included lines apply at startup',
    files: { main: 'Match all\nInclude @/a.conf\n', 'a.conf': 'PermitRootLogin no\nMatch all\nMaxAuthTries 3\n' },
    expect: { permitrootlogin: 'no', maxauthtries: '3' },
  },
  {
    name: 'Include 15 levels deep',
    files: {
      main: 'Include @/1\n',
      ...Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`${i + 1}`, `Include @/${i + 2}\n`])),
      '16': 'PermitRootLogin no\n',
    },
    expect: { permitrootlogin: 'no' },
  },
  {
    name: 'Include nested 17 levels: refused',
    files: {
      main: 'Include @/1\n',
      ...Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`${i + 1}`, `Include @/${i + 2}\n`])),
      '17': 'PermitRootLogin no\n',
    },
    expect: 'refused',
  },
  {
    name: 'Include at the deepest level that matches nothing is no error',
    files: {
      main: 'Include @/1\n',
      ...Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`${i + 1}`, `Include @/${i + 2}\n`])),
      '16': 'Include @/missing @/none-*\nPermitRootLogin no\n',
    },
    expect: { permitrootlogin: 'no' },
  },
  {
    name: 'Include loop: the lines before the Include count',
    files: { main: 'PermitRootLogin no\nInclude @/main\nMaxAuthTries 3\n' },
    expect: 'refused',
  },

  // Match blocks.
  {
    name: 'Match: a matching block overrides the startup value; the first matching value wins',
    files: {
      main: 'PermitRootLogin no\nMatch User root\n  PermitRootLogin yes\nMatch User r*\n  PermitRootLogin forced-commands-only\n',
    },
    spec: ROOT,
    expect: { permitrootlogin: 'yes' },
  },
  {
    name: 'Match: blocks other than Match all do not apply at startup',
    files: { main: 'Match User root\n  PermitRootLogin yes\nMatch all\n  PasswordAuthentication no\n' },
    expect: { permitrootlogin: 'prohibit-password', passwordauthentication: 'no' },
  },
  {
    name: 'Match: a startup value stays when no block matches the connection',
    files: { main: 'PermitRootLogin no\nMatch User alice\n  PermitRootLogin yes\n' },
    spec: ROOT,
    expect: { permitrootlogin: 'no' },
  },
  {
    name: 'Match all in the connection pass: its value wins over the startup value, later blocks do not',
    files: {
      main: 'PermitRootLogin no\nMatch all\n  PermitRootLogin yes\nMatch User root\n  PermitRootLogin forced-commands-only\n',
    },
    spec: ROOT,
    expect: { permitrootlogin: 'yes' },
  },
  {
    name: 'Match all globally: its value wins over the top-level one, as for a blank connection',
    files: { main: 'PermitRootLogin no\nMatch all\n  PermitRootLogin yes\n' },
    expect: { permitrootlogin: 'yes' },
  },
  {
    name: 'Match: keywords are case-insensitive',
    files: { main: 'MATCH USER root\n  PermitRootLogin no\n' },
    spec: ROOT,
    expect: { permitrootlogin: 'no' },
  },

  // Validation.
  { name: 'refused: an unknown value', files: { main: 'PermitRootLogin maybe\n' }, expect: 'refused' },
  { name: 'refused: a second "="', files: { main: 'PermitRootLogin ==no\n' }, expect: 'refused' },
  { name: 'refused: a value glued to a comment', files: { main: 'PermitRootLogin no#x\n' }, expect: 'refused' },
  { name: 'refused: a missing value', files: { main: 'PasswordAuthentication\n' }, expect: 'refused' },
  { name: 'refused: an integer that is not one', files: { main: 'MaxAuthTries 3x\n' }, expect: 'refused' },
  { name: 'refused: a negative integer', files: { main: 'MaxAuthTries -1\n' }, expect: 'refused' },
  { name: 'refused: an integer past INT_MAX', files: { main: 'MaxSessions 2147483648\n' }, expect: 'refused' },
  { name: 'refused: a sign after a digit', files: { main: 'ClientAliveCountMax 3-\n' }, expect: 'refused' },
  { name: 'refused: a cipher sshd does not know', files: { main: 'Ciphers aes128-ctr,bogus\n' }, expect: 'refused' },
  { name: 'refused: a MAC misspelt', files: { main: 'MACs hmac-sha2-256,hmac-sha2-265\n' }, expect: 'refused' },
  {
    name: 'refused: a key exchange sshd does not know',
    files: { main: 'KexAlgorithms curve25519-sha256,bogus\n' },
    expect: 'refused',
  },
  { name: 'refused: a cipher name in capitals', files: { main: 'Ciphers AES128-CTR\n' }, expect: 'refused' },
  { name: 'refused: a wildcard in a cipher list', files: { main: 'Ciphers aes*\n' }, expect: 'refused' },
  { name: 'refused: an empty addition', files: { main: 'Ciphers +\n' }, expect: 'refused' },
  { name: 'refused: an unknown name added first', files: { main: 'MACs ^bogus\n' }, expect: 'refused' },
  { name: 'refused: an unknown name before a trailing comma', files: { main: 'Ciphers bogus,\n' }, expect: 'refused' },
  { name: 'refused: a list left with no known name', files: { main: 'KexAlgorithms ,bogus\n' }, expect: 'refused' },
  {
    name: 'algorithm lists: names after an empty one are not checked, unknown ones and repeats are dropped',
    files: { main: 'Ciphers aes128-ctr,,aes256-ctr,bogus,aes128-ctr\nMACs hmac-sha1,hmac-sha1,\n' },
    expect: { ciphers: 'aes128-ctr,aes256-ctr', macs: 'hmac-sha1' },
  },
  {
    name: 'algorithm lists: a known name put first is accepted',
    files: { main: 'Ciphers ^aes128-cbc\nMaxAuthTries 4\n' },
    expect: { maxauthtries: '4' },
  },
  {
    name: 'algorithm lists: an addition with no known name after an empty one keeps the defaults, a removal is not checked',
    files: { main: 'Ciphers +,bogus\nKexAlgorithms -bogus\nMaxAuthTries 4\n' },
    expect: { maxauthtries: '4' },
  },
  {
    name: 'integers: a sign and leading zeros are read, up to INT_MAX',
    files: { main: 'MaxAuthTries +3\nMaxSessions 2147483647\nClientAliveCountMax -0\n' },
    expect: { maxauthtries: '3', maxsessions: '2147483647', clientalivecountmax: '0' },
  },
  {
    name: 'integers: leading zeros',
    files: { main: 'MaxAuthTries 004\n' },
    expect: { maxauthtries: '4' },
  },
  { name: 'refused: unbalanced quotes', files: { main: 'PermitRootLogin "no\n' }, expect: 'refused' },
  {
    name: 'refused: a bad value inside a block that does not apply',
    files: { main: 'Match User nobody\n  PasswordAuthentication maybe\n' },
    expect: 'refused',
  },
  {
    name: 'refused: a bad value in an included file',
    files: { main: 'Include @/a.conf\n', 'a.conf': 'X11Forwarding perhaps\n' },
    expect: 'refused',
  },
  { name: 'refused: a Match line without criteria', files: { main: 'Match\n' }, expect: 'refused' },
  { name: 'refused: an unknown Match criterion', files: { main: 'Match Colour blue\n' }, expect: 'refused' },
  // Arguments after a single value: sshd refuses the line ("extra arguments at end of line").
  ...(
    [
      'PasswordAuthentication no yes',
      'PermitRootLogin no extra',
      'PermitRootLogin no ""',
      'MaxAuthTries 3 x',
      'LogLevel INFO x',
      'LoginGraceTime 1m 2',
      'ClientAliveInterval 30 x',
      'PermitUserEnvironment yes no',
      'MaxStartups 10 x',
      'Banner /etc/issue.net x',
      'Ciphers aes256-ctr x',
      'MACs hmac-sha2-512 x',
      'KexAlgorithms curve25519-sha256 x',
      'PermitTunnel no x',
      'Match User nobody\n  X11Forwarding no x',
    ] as const
  ).map(
    (line): SshdCase => ({
      name: `refused: ${line.replace('\n', ' / ')}`,
      files: { main: `${line}\n` },
      expect: 'refused',
    }),
  ),
  {
    name: 'accepted: a trailing comment is no argument',
    files: { main: 'PermitRootLogin no # extra\nMaxAuthTries 3 # x\nPermitUserEnvironment no # yes\n' },
    expect: { permitrootlogin: 'no', maxauthtries: '3', permituserenvironment: 'no' },
  },
  // A keyword the checks read, with no argument or an empty one.
  ...(
    [
      'PermitUserEnvironment',
      'PermitUserEnvironment ""',
      'Banner',
      'Ciphers',
      'MaxStartups ""',
      'AllowUsers',
      'DenyGroups',
      'AllowUsers a ""',
      'DenyUsers ""',
      'LogLevel',
      'LoginGraceTime',
      'LoginGraceTime ""',
    ] as const
  ).map((line): SshdCase => ({ name: `refused: ${line} (no value)`, files: { main: `${line}\n` }, expect: 'refused' })),
  // LogLevel: the names of log.c's table, in any case.
  ...(['LogLevel bogus', 'LogLevel debug4', 'LogLevel none', 'LogLevel ""'] as const).map(
    (line): SshdCase => ({ name: `refused: ${line}`, files: { main: `${line}\n` }, expect: 'refused' }),
  ),
  ...(['QUIET', 'silent', 'Fatal', 'error', 'info', 'VERBOSE', 'debug', 'Debug1', 'DEBUG2', 'debug3'] as const).map(
    (level): SshdCase => ({
      name: `accepted: LogLevel ${level}`,
      files: { main: `LogLevel ${level}\nPermitRootLogin no\n` },
      expect: { permitrootlogin: 'no' },
    }),
  ),
  // Times: sshd's convtime.
  ...(
    [
      'LoginGraceTime 1x',
      'ClientAliveInterval 1x',
      'ClientAliveInterval -1',
      'ClientAliveInterval 1m-1',
      'ClientAliveInterval 1mm',
      'ClientAliveInterval ++1',
      'ClientAliveInterval 1+',
      'ClientAliveInterval 0x10',
      'ClientAliveInterval "1 "',
      'LoginGraceTime 2147483648',
      'LoginGraceTime 35791395m',
      'ClientAliveInterval 1s2147483647',
      'LoginGraceTime 9999999999999999999999',
      'Match User nobody\n  ClientAliveInterval 5 minutes',
      'LoginGraceTime "- 1"',
      'LoginGraceTime "-"',
      'LoginGraceTime 1m-',
      'LoginGraceTime 3551w',
      'LoginGraceTime 24856d',
      'LoginGraceTime 596524h',
    ] as const
  ).map(
    (line): SshdCase => ({
      name: `refused: ${line.replace('\n', ' / ')}`,
      files: { main: `${line}\n` },
      expect: 'refused',
    }),
  ),
  {
    name: 'times: a sign, blanks before a number, several numbers of one unit, up to INT_MAX seconds',
    files: { main: 'LoginGraceTime +1m\nClientAliveInterval " 1m+2"\n' },
    expect: { logingracetime: '60', clientaliveinterval: '62' },
  },
  {
    name: 'times: INT_MAX seconds, a negative zero, leading zeros',
    files: { main: 'LoginGraceTime 35791394m7s\nClientAliveInterval 1m-0s0000000000000000000005\n' },
    expect: { logingracetime: '2147483647', clientaliveinterval: '65' },
  },
  {
    name: 'times: blanks and a sign before a number after a unit',
    files: { main: 'LoginGraceTime "1m 1"\nClientAliveInterval "1m\t+1"\n' },
    expect: { logingracetime: '61', clientaliveinterval: '61' },
  },
  {
    name: 'times: every unit in either case, a sum of exactly INT_MAX',
    files: { main: 'LoginGraceTime 1s2147483646\nClientAliveInterval 1S1M1H1D1W\n' },
    expect: { logingracetime: '2147483647', clientaliveinterval: '694861' },
  },
  {
    name: 'times: the most weeks and days under INT_MAX seconds',
    files: { main: 'LoginGraceTime 3550w\nClientAliveInterval 24855d\n' },
    expect: { logingracetime: '2147040000', clientaliveinterval: '2147472000' },
  },
  {
    name: 'times: the most hours under INT_MAX seconds',
    files: { main: 'LoginGraceTime 596523h\nClientAliveInterval 596523H\n' },
    expect: { logingracetime: '2147482800', clientaliveinterval: '2147482800' },
  },
  {
    name: 'PermitUserEnvironment: any other value is a pattern list',
    files: { main: 'PermitUserEnvironment LANG,LC_*\n' },
    expect: { permituserenvironment: 'LANG,LC_*' },
  },
  // Keywords sshd reads at startup only: not allowed in a Match block that is not "Match all".
  ...(
    [
      'PermitUserEnvironment yes',
      'UsePAM yes',
      'LoginGraceTime 5',
      'MaxStartups 5',
      'Ciphers aes256-ctr',
      'MACs hmac-sha2-512',
      'KexAlgorithms curve25519-sha256',
      'HostKeyAlgorithms ssh-ed25519',
    ] as const
  ).map(
    (line): SshdCase => ({
      name: `refused: ${line} inside a Match block`,
      files: { main: `Match User nobody\n  ${line}\n` },
      expect: 'refused',
    }),
  ),
  {
    name: 'refused: a startup-only keyword in a file included from a Match block',
    files: { main: 'Match User nobody\n  Include @/a.conf\n', 'a.conf': 'UsePAM yes\n' },
    expect: 'refused',
  },
  {
    name: 'refused: a startup-only keyword in a Match block that matches the connection',
    files: { main: 'Match User root\n  PermitUserEnvironment yes\n' },
    spec: ROOT,
    expect: 'refused',
  },
  {
    name: 'Match all: a startup-only keyword applies at startup, first value wins, no connection overrides it',
    files: {
      main:
        'LoginGraceTime 7\nMatch all\n  LoginGraceTime 5\n  Ciphers aes256-ctr\n  MaxStartups 3\n' +
        '  PermitUserEnvironment yes\n',
    },
    expect: {
      logingracetime: '7',
      ciphers: 'aes256-ctr',
      maxstartups: '3:30:3',
      permituserenvironment: 'yes',
    },
  },
  {
    name: 'Match all for a connection: a startup-only keyword keeps its startup value',
    files: {
      main: 'Ciphers aes128-ctr\nUsePAM no\nMatch all\n  Ciphers aes256-ctr\n  UsePAM yes\n  MaxAuthTries 2\n',
    },
    spec: ROOT,
    expect: { ciphers: 'aes128-ctr', usepam: 'no', maxauthtries: '2' },
  },
  // MaxStartups: read with sscanf("%d:%d:%d"); the last line wins, a lone number keeps the rate set before it.
  {
    name: 'MaxStartups: the last line wins',
    files: { main: 'MaxStartups 10:30:60\nMaxStartups 1000\n' },
    expect: { maxstartups: '1000:30:1000' },
  },
  {
    name: 'MaxStartups: a lone number keeps the rate of an earlier line, text after it ignored',
    files: { main: 'MaxStartups 1:20:30\nMaxStartups 40:x\n' },
    expect: { maxstartups: '40:20:40' },
  },
  ...(
    [
      ['10x', '10:30:10'],
      ['"10: 30: +100"', '10:30:100'],
      ['10:30:100:5', '10:30:100'],
      ['10:1:10', '10:1:10'],
      ['10:100:10', '10:100:10'],
      ['99999999999', '1215752191:30:1215752191'],
      ['4294967306', '10:30:10'],
      ['-4294967286', '10:30:10'],
    ] as const
  ).map(
    ([value, printed]): SshdCase => ({
      name: `MaxStartups ${value} is ${printed}`,
      files: { main: `MaxStartups ${value}\n` },
      expect: { maxstartups: printed },
    }),
  ),
  ...(
    [
      '10:30',
      '0',
      '10:0:10',
      '10:101:10',
      '10:30:9',
      '10:30:0',
      '-1',
      'a',
      '2147483648',
      '99999999999999999999',
      '""',
      '10 :30:100',
      '10:20:30\nMaxStartups 0',
      // A line after a refused value: the earlier value is no rate to keep.
      'a\nMaxStartups 5',
    ] as const
  ).map(
    (value): SshdCase => ({
      name: `refused: MaxStartups ${value.replace('\n', ' / ')}`,
      files: { main: `MaxStartups ${value}\n` },
      expect: 'refused',
    }),
  ),
  // Include with nothing to include.
  ...(
    ['Include', 'Include # a comment', 'Include ""', 'Include @/missing ""', 'Match User nobody\n  Include'] as const
  ).map(
    (line): SshdCase => ({
      name: `refused: ${line.replace('\n', ' / ')}`,
      files: { main: `${line}\n` },
      expect: 'refused',
    }),
  ),
  {
    name: 'accepted: every value sshd accepts for the keywords the checks read, in any case',
    files: {
      main: [
        'PermitRootLogin FORCED-COMMANDS-ONLY',
        'AllowTcpForwarding local',
        'PermitTunnel point-to-point',
        'GSSAPIAuthentication no',
        'KerberosAuthentication No',
        'MaxSessions 10',
        'ClientAliveCountMax 0',
        'PubkeyAuthentication yes',
        'IgnoreRhosts yes',
        'HostbasedAuthentication no',
        'PermitEmptyPasswords no',
        'Banner none',
      ].join('\n'),
    },
    expect: { permitrootlogin: 'forced-commands-only', allowtcpforwarding: 'local', permittunnel: 'point-to-point' },
  },
];

describe('Function: evaluateFiles and validateConfigFiles on the daemon-confirmed cases', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(parserView(c)).toEqual(c.expect);
  });
});

describeAgainstSshd('Differential: the cases against the real daemon', CASES);

describe('Function: validateConfigFiles: messages', () => {
  const MAIN = '/etc/ssh/sshd_config';
  const files = (text: string, extra: Record<string, string | null> = {}) =>
    new Map<string, string | null>([['/etc/ssh/sshd_config', text], ...Object.entries(extra)]);

  it('names the file, the line and the problem, for every line of every readable file', () => {
    expect(
      validateConfigFiles(
        files('PermitRootLogin Maybe\n\nUsePAM\nMaxAuthTries 3x\nMaxAuthTries -2\nMatch User\n', {
          '/etc/ssh/a.conf': 'ClientAliveCountMax many\nMaxSessions\nMaxSessions 9999999999\nMaxSessions x3\n',
          '/etc/ssh/b.conf': null,
        }),
        MAIN,
      ),
    ).toEqual([
      '/etc/ssh/sshd_config line 1: unsupported option "Maybe".',
      '/etc/ssh/sshd_config line 3: usepam missing argument.',
      '/etc/ssh/sshd_config line 4: maxauthtries integer value invalid.',
      '/etc/ssh/sshd_config line 5: maxauthtries integer value too small.',
      '/etc/ssh/sshd_config line 6: malformed Match line',
      '/etc/ssh/a.conf line 1: clientalivecountmax integer value invalid.',
      '/etc/ssh/a.conf line 2: maxsessions missing argument.',
      '/etc/ssh/a.conf line 3: maxsessions integer value too large.',
      '/etc/ssh/a.conf line 4: maxsessions integer value invalid.',
    ]);
  });

  it('reads an alias as its keyword, and leaves other keywords unchecked', () => {
    expect(validateConfigFiles(files('ChallengeResponseAuthentication perhaps\nPrintMotd\nSubsystem\n'), MAIN)).toEqual(
      ['/etc/ssh/sshd_config line 1: unsupported option "perhaps".'],
    );
  });

  it('refuses the MaxStartups sshd refuses, a start of 0 and numbers past a C long among them (as sshd -T does)', () => {
    const problems = (value: string) => validateConfigFiles(files(`MaxStartups ${value}\n`), MAIN);
    for (const value of [
      '0:30:60',
      '10:30',
      '99999999999999999999',
      '18446744073709551621',
      '-18446744073709551611',
      '1:30:99999999999999999999',
    ]) {
      expect([value, problems(value)]).toEqual([value, ['/etc/ssh/sshd_config line 1: Invalid MaxStartups spec.']]);
    }
    // glibc keeps the low 32 bits of a number that fits a C long: 4294967297 is 1, which sshd takes (1:30:1).
    expect(problems('4294967297')).toEqual([]);
  });

  it('names a keyword no sshd keyword can be by its own text, after the lines before it', () => {
    expect(validateConfigFiles(files('PermitRootLogin no\nPub\u212AeyAuthentication yes\n'), MAIN)).toEqual([
      '/etc/ssh/sshd_config line 2: bad configuration option "pub\u212Aeyauthentication"',
    ]);
  });

  it('names an algorithm list sshd refuses as sshd does', () => {
    expect(
      validateConfigFiles(
        files('Ciphers aes128-ctr,bogus\nMACs +hmac-sha1,x\nKexAlgorithms ,bogus\nHostKeyAlgorithms anything\n'),
        MAIN,
      ),
    ).toEqual([
      "/etc/ssh/sshd_config line 1: Bad SSH2 cipher spec 'aes128-ctr,bogus'.",
      "/etc/ssh/sshd_config line 2: Bad SSH2 mac spec '+hmac-sha1,x'.",
      '/etc/ssh/sshd_config line 3: assemble_algorithms: kexalgorithms: invalid argument',
    ]);
  });

  it('reports unbalanced quotes with the file and line', () => {
    expect(validateConfigFiles(files('Banner "x\n'), MAIN)).toEqual(['/etc/ssh/sshd_config:1: unbalanced quotes']);
  });

  it('reports arguments after a single value, an empty value, a LogLevel, a time and an Include sshd refuses', () => {
    expect(
      validateConfigFiles(
        files(
          'PermitRootLogin no extra\nMaxAuthTries 3 x\nBanner\nPermitUserEnvironment ""\nLogLevel loud\n' +
            'LoginGraceTime 1x\nClientAliveInterval 2147483648\nInclude\nInclude a.conf ""\nAllowUsers\n',
        ),
        MAIN,
      ),
    ).toEqual([
      '/etc/ssh/sshd_config line 1: keyword permitrootlogin extra arguments at end of line',
      '/etc/ssh/sshd_config line 2: keyword maxauthtries extra arguments at end of line',
      '/etc/ssh/sshd_config line 3: banner missing argument.',
      '/etc/ssh/sshd_config line 4: permituserenvironment missing argument.',
      "/etc/ssh/sshd_config line 5: unsupported log level 'loud'",
      '/etc/ssh/sshd_config line 6: invalid time value.',
      '/etc/ssh/sshd_config line 7: invalid time value.',
      '/etc/ssh/sshd_config line 8: include missing argument.',
      '/etc/ssh/sshd_config line 9: keyword include empty argument',
      '/etc/ssh/sshd_config line 10: allowusers missing argument.',
    ]);
  });
});

describe('Function: canonicalKeyword and canonicalValue', () => {
  it('lower-cases a keyword that has no alias', () => {
    expect(canonicalKeyword('X11Forwarding')).toBe('x11forwarding');
    expect(canonicalKeyword('challengeresponseauthentication')).toBe('kbdinteractiveauthentication');
  });

  it('writes an integer of an integer keyword as sshd prints it, and leaves every other value as it is', () => {
    expect(canonicalValue('maxauthtries', '+007')).toBe('7');
    expect(canonicalValue('maxsessions', '-0')).toBe('0');
    expect(canonicalValue('clientalivecountmax', '3x')).toBe('3x');
    expect(canonicalValue('banner', '007')).toBe('007');
    expect(canonicalValue('x11forwarding', '01')).toBe('01');
  });

  it('renames a value for its own keyword only: "all" for AllowTcpForwarding, "quiet" and "debug" for LogLevel', () => {
    expect(canonicalValue('allowtcpforwarding', 'ALL')).toBe('yes');
    expect(canonicalValue('loglevel', 'Quiet')).toBe('silent');
    expect(canonicalValue('permittunnel', 'ALL')).toBe('all');
    expect(canonicalValue('permittunnel', 'Quiet')).toBe('quiet');
    expect(canonicalValue('x11forwarding', 'DEBUG')).toBe('debug');
  });

  it('reads a time in one pass: a long run of digits before a stray character is not a time, kept as written', () => {
    // Each digit could start a new number: a pattern that lets it try them all takes 2^n steps on such a value.
    const value = `${'1'.repeat(64)}x`;
    expect(canonicalValue('logingracetime', value)).toBe(value);
    expect(canonicalValue('clientaliveinterval', 'm30')).toBe('m30');
  });

  it('keeps a LogLevel that names no level as written, an inherited property name too', () => {
    expect(canonicalValue('loglevel', 'Constructor')).toBe('constructor');
    expect(canonicalValue('loglevel', '__proto__')).toBe('__proto__');
  });

  it('keeps the case of a value of a keyword given in another case (keywords arrive canonical)', () => {
    expect(canonicalValue('PermitRootLogin', 'NO')).toBe('NO');
  });
});

describe('Function: splitArgs: blanks and quotes', () => {
  it.each<[string, string[] | null]>([
    ['a  b', ['a', 'b']],
    ['a\t\tb', ['a', 'b']],
    ['  a', ['a']],
    ['a\\', ['a\\']],
    ['\\', ['\\']],
    ['"a b"c "d"', ['a bc', 'd']],
    ['a" "b', ['a b']],
    ['"a\tb"', ['a\tb']],
    ['x #', ['x']],
    ['#', []],
    ['\t#x', []],
    ['a "', null],
    ['"', null],
  ])('splits %j into %j', (text, args) => {
    expect(splitArgs(text)).toEqual(args);
  });
});

describe('Function: parseConfigText: the keyword', () => {
  it('ends the keyword at a blank or "=", and skips one "=" with the blanks around it', () => {
    expect(parseConfigText('A=b\nC\t=\t d\nE =  =f\nG==h\nI\n', '/f').map((l) => [l.keyword, l.args])).toEqual([
      ['a', ['b']],
      ['c', ['d']],
      ['e', ['=f']],
      ['g', ['=h']],
      ['i', []],
    ]);
  });

  it('strips carriage returns at both ends of a line and form feeds at its end, but not inside it', () => {
    expect(parseConfigText('\r\tA b\f\r\t\n', '/f')).toEqual([{ keyword: 'a', args: ['b'], file: '/f', line: 1 }]);
    expect(parseConfigText('A b\fc\n', '/f')[0].args).toEqual(['b\fc']);
  });

  it('reads a form feed first in a line as part of the keyword, and a lone one as a keyword', () => {
    expect(parseConfigText('\fA b\n \f\f\n', '/f').map((l) => [l.keyword, l.args])).toEqual([
      ['\fa', ['b']],
      ['\f', []],
    ]);
  });

  it('reads a line with a long run of blanks inside it in one pass', () => {
    // Stripping the blanks at the end with a pattern anchored there rescans every run of blanks: n² steps.
    expect(parseConfigText(`A${' '.repeat(1_000_000)}b \t\f\r`, '/f')).toEqual([
      { keyword: 'a', args: ['b'], file: '/f', line: 1 },
    ]);
  });

  it('skips a line that is only "=" and blanks, or a second "=" before a word', () => {
    expect(parseConfigText('= = x\n  =\n', '/f')).toEqual([]);
  });

  it('reads the word after a first "=" as the keyword', () => {
    expect(parseConfigText('= x\n=y z\n', '/f').map((l) => [l.keyword, l.args])).toEqual([
      ['x', []],
      ['y', ['z']],
    ]);
  });
});

describe('Function: resolveInclude: paths', () => {
  const files = new Map<string, string | null>([
    ['/etc/ssh/a.conf', ''],
    ['/etc/ssh/d/b.conf', ''],
    ['/other/c.conf', ''],
  ]);

  it('reads a relative path or glob under /etc/ssh, an absolute one as it is', () => {
    expect(resolveInclude(['a.conf', 'd/*.conf', '/other/c.conf', 'other/c.conf'], files)).toEqual([
      '/etc/ssh/a.conf',
      '/etc/ssh/d/b.conf',
      '/other/c.conf',
    ]);
  });

  it('takes a "[" that no "]" closes as itself', () => {
    const brackets = new Map<string, string | null>([
      ['/etc/ssh/x[a', ''],
      ['/etc/ssh/xya', ''],
    ]);
    expect(resolveInclude(['x[a'], brackets)).toEqual(['/etc/ssh/x[a']);
  });

  it('gives every match of an argument once per argument', () => {
    expect(resolveInclude(['a.conf', 'a.conf', '*.conf'], files)).toEqual([
      '/etc/ssh/a.conf',
      '/etc/ssh/a.conf',
      '/etc/ssh/a.conf',
    ]);
  });

  it('finds nothing for a set left open after a character class (sshd -T dies of a segmentation fault on it)', () => {
    const digits = new Map<string, string | null>([
      ['/etc/ssh/5', ''],
      ['/etc/ssh/55', ''],
      ['/etc/ssh/[5', ''],
    ]);
    expect(resolveInclude(['[[:digit:]', '[[:digit:]5', '[[:digit:]*'], digits)).toEqual([]);
  });

  it('lets a "*" match nothing, at the end too', () => {
    expect(resolveInclude(['a.conf*', '*a.conf', 'd/*b.conf', 'a*.conf'], files)).toEqual([
      '/etc/ssh/a.conf',
      '/etc/ssh/a.conf',
      '/etc/ssh/d/b.conf',
      '/etc/ssh/a.conf',
    ]);
  });

  it('matches a pattern of many "*" in one pass over each name', () => {
    // A regular expression would try every way of splitting a name that does not match between the stars.
    const name = `/etc/ssh/${'a'.repeat(100)}`;
    const many = new Map<string, string | null>([
      [name, ''],
      [`${name}b`, ''],
    ]);
    expect(resolveInclude([`/etc/ssh/${'*a'.repeat(20)}`], many)).toEqual([name]);
  });

  it('finds nothing for a glob over a missing folder, or with no match', () => {
    expect(resolveInclude(['/nowhere/*', '/etc/ssh/*.none', '/etc/ssh/?'], files)).toEqual([]);
  });
});

describe('Function: evaluateFiles: errors and context', () => {
  const MAIN = '/etc/ssh/sshd_config';

  it('names a missing included file only when it is read through a plain path that exists, unreadable ones always', () => {
    const r = evaluateFiles(
      new Map<string, string | null>([
        [MAIN, 'Include /etc/ssh/gone.conf /etc/ssh/locked.conf\nPermitRootLogin no\n'],
        ['/etc/ssh/locked.conf', null],
      ]),
      MAIN,
      null,
      'g',
    );
    expect(r.errors).toEqual(['/etc/ssh/locked.conf: not readable']);
    expect(r.context).toEqual({
      context: 'g',
      settings: expect.objectContaining({ permitrootlogin: 'no' }),
    });
  });

  it('gives the problems of a file included twice once', () => {
    const r = evaluateFiles(
      new Map<string, string | null>([
        [MAIN, 'Include /etc/ssh/a /etc/ssh/a\n'],
        ['/etc/ssh/a', 'Banner "x\nMatch Colour blue\n'],
      ]),
      MAIN,
      null,
      'g',
    );
    expect(r.errors).toEqual(['/etc/ssh/a:1: unbalanced quotes', '/etc/ssh/a:2: malformed Match line']);
  });

  it('gives each error once, in the order met, startup pass first', () => {
    const r = evaluateFiles(
      new Map<string, string | null>([
        [MAIN, 'Banner "x\nMatch Colour blue\nInclude /etc/ssh/l\n'],
        ['/etc/ssh/l', null],
      ]),
      MAIN,
      parseSpec('user=root'),
      'r',
    );
    expect(r.errors).toEqual([
      `${MAIN}:1: unbalanced quotes`,
      `${MAIN}:2: malformed Match line`,
      '/etc/ssh/l: not readable',
    ]);
  });

  it('evaluates a spec without a user as a connection: its Match blocks apply, no user is named', () => {
    const r = evaluateFiles(new Map([[MAIN, 'Match Host h\n  PermitRootLogin no\n']]), MAIN, parseSpec('host=h'), 'h');
    expect(r.context).toEqual({ context: 'h', settings: expect.objectContaining({ permitrootlogin: 'no' }) });
    expect(r.context).not.toHaveProperty('user');
  });

  it('keeps an absolute algorithm list that only looks like a modifier further in', () => {
    const r = evaluateFiles(new Map([[MAIN, 'Ciphers aes128-ctr,+x\nMACs ^a,b\n']]), MAIN, null, 'g');
    expect(r.context.settings.ciphers).toBe('aes128-ctr,+x');
    expect(r.context.settings).not.toHaveProperty('macs');
    expect(r.context.settings['macs:added']).toBe('a,b');
    expect(r.context.settings).not.toHaveProperty('ciphers:added');
  });
});

describe('Function: parseSshdT', () => {
  it('reads "keyword value" lines: blanks or a tab, CRLF, blank lines, a keyword alone, repeated keywords', () => {
    expect(
      parseSshdT(
        ' PermitRootLogin  without-password \r\n\r\n\tmaxauthtries\t3\nbanner\nacceptenv A\nAcceptEnv B\nusepam yes no\n',
      ),
    ).toEqual({
      permitrootlogin: 'prohibit-password',
      maxauthtries: '3',
      banner: '',
      acceptenv: 'A\nB',
      usepam: 'yes no',
    });
  });

  it('keeps a PermitUserEnvironment pattern list as sshd prints it, "NO" included', () => {
    expect(parseSshdT('permituserenvironment NO\n')).toEqual({ permituserenvironment: 'NO' });
    expect(parseSshdT('permituserenvironment no\n')).toEqual({ permituserenvironment: 'no' });
  });

  it('reads an alias under its name and integers as sshd prints them', () => {
    expect(parseSshdT('challengeresponseauthentication YES\nmaxsessions 010')).toEqual({
      kbdinteractiveauthentication: 'yes',
      maxsessions: '10',
    });
  });
});
