/**
 * Arguments of `npm run import` and `npm run export` (plain, no dependency): `--name value`, `--name=value`, flags,
 * and positional file names.
 */
function parseArgs(argv, flags = []) {
  const options = {};
  const files = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      files.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (flags.includes(name)) options[name] = true;
    else if (inline !== undefined) options[name] = inline;
    else options[name] = argv[++i];
  }
  return { options, files };
}

/** The report as a table: 行, 列, 原因 (and the code, for programs). */
function reportTable(lines) {
  const width = (text) => [...String(text)].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const pad = (text, n) => String(text) + ' '.repeat(Math.max(0, n - width(text)));
  const rows = [['行', '列', '原因', '代码'], ...lines.map((l) => [String(l.row), l.column, l.reason, l.code])];
  const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => width(r[c]))));
  return rows.map((r) => r.map((cell, c) => pad(cell, widths[c])).join('  ').trimEnd()).join('\n');
}

module.exports = { parseArgs, reportTable };
