// A process with the last-resort handlers installed, which then fails in the way its first
// argument names: "connection" (an 'error' event nobody listens to, as a PostgreSQL client
// gets when the server shuts down), "rejection" (a promise nobody awaited) or "bug" (a
// plain exception). With "logged" second, a logger and a graceful shutdown are in place.
import { EventEmitter } from 'node:events';
import { createLogger } from '../../src/logger.js';
import { installLastResort } from '../../src/ops/last-resort.js';

const TYPED = 'What did the person type into the box?';
const [mode, logged] = process.argv.slice(2);
const resort = installLastResort();
if (logged === 'logged') {
  resort.use(createLogger({ level: 'info' }), () => {
    process.stdout.write('graceful shutdown\n');
    process.exit(1);
  });
}
setTimeout(() => {
  if (mode === 'connection') new EventEmitter().emit('error', Object.assign(new Error(`terminating connection due to administrator command: ${TYPED}`), { code: '57P01' }));
  if (mode === 'rejection') void Promise.reject(new Error(TYPED));
  if (mode === 'bug') throw new TypeError(TYPED);
}, 10);
setTimeout(() => {
  process.stdout.write('still serving\n');
  process.exit(0);
}, 500);
