// `npm start`: the desktop app (Electron is fetched on first use; where it cannot be, this says so
// and names the browser preview). `npm start -- <command> …`: the command line (watch, web,
// simulate, help). Flags alone (such as --hidden) go to the desktop app.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const first = args[0];
const toCli = first !== undefined && (!first.startsWith('-') || first === '--help' || first === '-h');
const script = fileURLToPath(new URL(toCli ? '../dist/cli/main.js' : './run-electron.mjs', import.meta.url));
const child = spawn(process.execPath, [script, ...args], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => child.kill(s));
