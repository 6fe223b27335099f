#!/usr/bin/env node
// Builds better-sqlite3 for the installed Electron's ABI into .cache/electron-native/, leaving
// node_modules' Node build untouched, so the desktop app (`npm start`) and the CLI/tests can
// share one checkout. The Electron shell loads this binding in development; packaged apps get
// theirs from electron-builder's npmRebuild. Needs the network once (Electron headers).
import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const electronVersion = require('electron/package.json').version;
const target = join(root, '.cache', 'electron-native', electronVersion);
const binding = join(target, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

if (existsSync(binding)) {
  console.log(`better-sqlite3 for Electron ${electronVersion}: ${binding}`);
  process.exit(0);
}
mkdirSync(join(target, 'node_modules'), { recursive: true });
writeFileSync(join(target, 'package.json'), JSON.stringify({ name: 'electron-native', private: true, dependencies: { 'better-sqlite3': '*' } }));
cpSync(join(root, 'node_modules', 'better-sqlite3'), join(target, 'node_modules', 'better-sqlite3'), {
  recursive: true,
  filter: (src) => !src.includes(`${join('better-sqlite3', 'build')}`),
});
const { rebuild } = await import('@electron/rebuild');
await rebuild({ buildPath: target, electronVersion, onlyModules: ['better-sqlite3'], force: true });
console.log(`built better-sqlite3 for Electron ${electronVersion}: ${binding}`);
