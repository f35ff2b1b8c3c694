// Set by jest.mutation.parsers.config.js: the sshd parsers' cases skip their confirmation by the real daemon (a
// `sshd -T` per case, which no mutant of the parsers can change) and keep their checks of the parsers themselves.
process.env.CB_MUTATION_NO_DAEMON = '1';
