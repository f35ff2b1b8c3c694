'use strict';
// Runs s3rver in its own process so it can have NODE_OPTIONS=--openssl-legacy-provider (its paged listing needs it
// on Node 20) without imposing that option on jest. Listens on 127.0.0.1 on a free port and prints
// {"port": N} on stdout; exits when its stdin closes, so it never outlives the test that started it.
const S3rver = require('s3rver');

const [directory, ...buckets] = process.argv.slice(2);
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory,
  configureBuckets: buckets.map((name) => ({ name })),
});
server.run().then(
  (address) => process.stdout.write(`${JSON.stringify({ port: address.port })}\n`),
  (err) => {
    process.stderr.write(`s3rver failed to start: ${err.stack || err}\n`);
    process.exit(1);
  },
);
const stop = () => {
  // Idle keep-alive connections would hold close() open: exit soon whatever happens.
  setTimeout(() => process.exit(0), 1000).unref();
  server.close(() => process.exit(0));
};
process.stdin.on('end', stop);
process.stdin.on('close', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
