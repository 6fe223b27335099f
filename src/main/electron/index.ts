/**
 * The Electron shell: windows, the media protocol, native dialogs and the IPC binding of the
 * contract. Everything else is the core (src/main/core), which never imports electron and runs in
 * its own utilityProcess (core-host.ts), restarted if it dies.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, dialog, shell } from 'electron';
import { HostedCore } from '../core/host/hosted-core.js';
import { defaultModelDirs } from '../core/models/index.js';
import { DATABASE_FILE_NAME, defaultDataDir } from '../core/paths.js';
import { createShellHandlers } from './dialogs.js';
import { spawnUtilityHost } from './core-host.js';
import { startupFailureDialog } from './startup-failure.js';
import { bindContractToIpc } from './ipc.js';
import { handleAppProtocol } from './app-protocol.js';
import { isAppPageUrl } from './policy.js';
import { handleMediaProtocol, registerSchemePrivileges } from './protocol.js';
import { appEntryUrl, appWebContents, createMainWindow, installSessionPolicies, isAppWebContents } from './window.js';

// One data folder for the app and the CLI (see core/paths.ts).
app.setPath('userData', defaultDataDir());
registerSchemePrivileges();

// A second instance hands over to the first and must not open the database itself.
const isPrimaryInstance = app.requestSingleInstanceLock();
if (!isPrimaryInstance) app.exit(0);

let core: HostedCore | undefined;

/** In development, the better-sqlite3 build for Electron from `npm run prepare:electron`. */
function developmentSqliteBinding(): string | undefined {
  if (app.isPackaged) return undefined;
  const binding = join(app.getAppPath(), '.cache', 'electron-native', process.versions.electron, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  return existsSync(binding) ? binding : undefined;
}

app.on('second-instance', () => {
  const [first] = appWebContents();
  first?.focus();
});

app.whenReady().then(async () => {
  if (!isPrimaryInstance) return;
  const dataDir = app.getPath('userData');
  // The default models ship as resources in a packaged app; in development they are the checkout's.
  const defaultsDir = app.isPackaged ? join(process.resourcesPath, 'models') : join(app.getAppPath(), 'models');
  // The host process requeues runs cut short by a crash or kill; they resume from their last committed chunk.
  const databaseFile = join(dataDir, DATABASE_FILE_NAME);
  const started = await HostedCore.start(spawnUtilityHost(), {
    dataDir,
    databaseFile,
    version: app.getVersion(),
    sqliteBinding: developmentSqliteBinding(),
    modelDirs: defaultModelDirs(dataDir, process.env, defaultsDir),
    shippedModelsDir: defaultsDir,
  }, { dir: join(dataDir, 'logs'), verbose: process.argv.includes('--verbose') }).catch(async (error: unknown) => {
    const { response } = await dialog.showMessageBox(startupFailureDialog(error, databaseFile));
    if (response === 1) shell.showItemInFolder(databaseFile);
    app.exit(1);
    return undefined;
  });
  if (!started) return;
  core = started;
  installSessionPolicies();
  handleAppProtocol(join(import.meta.dirname, '../renderer'));
  handleMediaProtocol(core);
  const entry = appEntryUrl();
  bindContractToIpc(core, createShellHandlers(), (sender, frameUrl) => isAppWebContents(sender) && isAppPageUrl(frameUrl, entry), appWebContents);
  createMainWindow();
  app.on('activate', () => {
    if (appWebContents().length === 0) createMainWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Quit only after running jobs have stopped and the database is closed, so no run is left
// marked running by this process.
app.on('will-quit', (event) => {
  if (!core) return;
  const closing = core;
  core = undefined;
  event.preventDefault();
  void closing.close().finally(() => app.exit(0));
});
