#!/usr/bin/env node
// Builds the .vsix (`npm run package`) and checks it is fit to publish, failing with the reasons:
//   - vsce printed no warning;
//   - the package holds exactly the allow-listed files: no source, test, map file, screenshot or stray
//     file gets in, and nothing the extension needs is missing (package.nls*.json included: without
//     them VS Code shows the raw %key% placeholders; l10n/bundle.l10n*.json: without them the code's
//     words stay English);
//   - every file its package.json names (main, icon, activity-bar icons) is in it;
//   - its README's images are absolute https links (the Marketplace and Open VSX show no relative ones).
// Run: npm run check:package        (--no-build checks an existing zoho-crm-territories.vsix)
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const root = path.join(__dirname, '..');
const VSIX = path.join(root, 'zoho-crm-territories.vsix');

/** Every file the .vsix may and must hold. */
const ALLOWED = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/package.nls.json',
  'extension/package.nls.ja.json',
  'extension/package.nls.de.json',
  'extension/l10n/bundle.l10n.json',
  'extension/l10n/bundle.l10n.ja.json',
  'extension/l10n/bundle.l10n.de.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/dist/extension.js',
  'extension/dist/cli.js',
  'extension/schemas/zoho-territories.schema.json',
  'extension/dist/webview/map.js',
  'extension/dist/webview/map.css',
  'extension/media/icon.png',
  'extension/media/zoho-territories.svg',
];

function main(argv) {
  const problems = [];
  if (!argv.includes('--no-build')) {
    problems.push(...build());
  }
  if (!fs.existsSync(VSIX)) {
    problems.push(`${path.relative(root, VSIX)} was not made`);
    return report(problems);
  }
  const entries = readZip(fs.readFileSync(VSIX));
  const names = [...entries.keys()];
  for (const name of names.filter((n) => !ALLOWED.includes(n))) {
    problems.push(`not on the allow-list, yet packaged: ${name} (exclude it in .vscodeignore, or allow it here if the extension needs it)`);
  }
  for (const name of ALLOWED.filter((n) => !entries.has(n))) {
    problems.push(`missing from the package: ${name}`);
  }
  if (entries.has('extension/package.json')) {
    problems.push(...checkManifest(JSON.parse(entries.get('extension/package.json')().toString('utf8')), entries));
  }
  if (entries.has('extension/readme.md')) {
    problems.push(...checkReadme(entries.get('extension/readme.md')().toString('utf8')));
  }
  const size = fs.statSync(VSIX).size;
  console.log(`check-package: ${path.relative(root, VSIX)}, ${names.length} files, ${(size / 1024).toFixed(1)} KB:\n  ${names.join('\n  ')}`);
  return report(problems);
}

/** Runs `npm run package`, echoing its output; a vsce warning or a failure is a problem. */
function build() {
  const npm = process.env.npm_execpath;
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', 'package'], { cwd: root, encoding: 'utf8' })
    : spawnSync('npm', ['run', 'package'], { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  process.stdout.write(output);
  const problems = [];
  if (result.status !== 0) {
    problems.push(`npm run package failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`})`);
  }
  for (const line of output.split('\n').filter((l) => /\bWARN(ING)?\b/.test(l))) {
    problems.push(`vsce warned: ${line.trim()}`);
  }
  return problems;
}

/** The files package.json points at must be in the package. */
function checkManifest(manifest, entries) {
  const problems = [];
  const named = [manifest.main, ...Object.values(manifest.bin ?? {}), ...(manifest.contributes?.jsonValidation ?? []).map((v) => v.url), manifest.icon, ...(manifest.contributes?.viewsContainers?.activitybar ?? []).map((c) => c.icon)];
  for (const file of named.filter(Boolean)) {
    const entry = `extension/${path.posix.normalize(file).replace(/^\.\//, '')}`;
    if (!entries.has(entry)) {
      problems.push(`package.json names ${file}, which is not in the package`);
    }
  }
  for (const field of ['repository', 'bugs', 'homepage', 'galleryBanner', 'categories', 'keywords']) {
    if (manifest[field] === undefined) {
      problems.push(`package.json has no "${field}"`);
    }
  }
  return problems;
}

function checkReadme(readme) {
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]);
  return images.filter((src) => !src.startsWith('https://')).map((src) => `README image is not an https link, so the Marketplace cannot show it: ${src}`);
}

function report(problems) {
  if (problems.length === 0) {
    console.log('check-package: OK');
    return 0;
  }
  console.error(`check-package: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n- ${problems.join('\n- ')}`);
  return 1;
}

/**
 * The entries of a zip file (the .vsix), name → a function that returns its content, read from the
 * central directory (no dependency; stored and deflated entries, as vsce writes them).
 */
function readZip(buffer) {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
    if (buffer.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) {
    throw new Error('not a zip file (no end of central directory)');
  }
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) {
      throw new Error(`bad central directory entry at ${offset}`);
    }
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localHeader = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.set(name, () => {
      const start = localHeader + 30 + buffer.readUInt16LE(localHeader + 26) + buffer.readUInt16LE(localHeader + 28);
      const data = buffer.subarray(start, start + compressedSize);
      return method === 8 ? zlib.inflateRawSync(data) : data;
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

process.exitCode = main(process.argv.slice(2));
