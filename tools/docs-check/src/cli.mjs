// docs-check [--root DIR] [FILE...]: checks the repository's Markdown (every file a reader opens, or the FILEs
// given), prints one line per problem and a summary; exit status 1 when there is a problem,
// 2 when the check itself could not run.
import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkRepository, formatProblem, summary } from './check.mjs';

const toolDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const usage = 'usage: docs-check [--root DIR] [FILE...]   (default root: the repository; default files: every Markdown file a reader opens)';

function parseArguments(args) {
  let root = resolve(toolDir, '../..');
  const given = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--root') root = resolve(args[++i] ?? fail('--root needs a folder'));
    else if (args[i] === '--help' || args[i] === '-h') fail(usage, 0);
    else if (args[i].startsWith('-')) fail(`unknown option ${args[i]}\n${usage}`);
    else given.push(args[i]);
  }
  if (!existsSync(root)) fail(`no folder ${root}`);
  // A FILE is relative to the current folder, as a shell user expects; the check names files from the root.
  const files = given.map((file) => {
    const absolute = resolve(file);
    const fromRoot = relative(root, absolute);
    if (!existsSync(absolute)) fail(`no file ${file}`);
    if (fromRoot.startsWith('..')) fail(`${file} is not inside ${root}`);
    return fromRoot.split(sep).join('/');
  });
  return { root, files: files.length > 0 ? files : undefined };
}

function fail(message, status = 2) {
  (status === 0 ? console.log : console.error)(message);
  process.exit(status);
}

const { root, files } = parseArguments(process.argv.slice(2));
try {
  const result = await checkRepository(root, { files });
  for (const problem of result.problems) console.log(formatProblem(problem));
  console.log(summary(result));
  process.exitCode = result.problems.length > 0 ? 1 : 0;
} catch (error) {
  console.error(`docs-check could not run: ${error.stack ?? error}`);
  process.exitCode = 2;
}
