/**
 * What the desktop app shows when its core cannot open (a damaged, locked, full or newer database,
 * an unreadable data folder): a native dialog saying which file and why, then it quits. Without it
 * the rejected start was silent and the app showed no window at all.
 */
import type { MessageBoxOptions } from 'electron';
import { AppError } from '../../shared/errors.js';

/** The dialog for a failed start (pure, so it is tested without Electron); button 1 shows the file. */
export function startupFailureDialog(error: unknown, databaseFile: string): MessageBoxOptions {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof AppError ? error.code : 'INTERNAL';
  const isDatabase = code.startsWith('DB_');
  return {
    type: 'error',
    title: 'ActionLens cannot start',
    message: isDatabase ? 'ActionLens cannot open its database.' : 'ActionLens cannot start its core.',
    detail: `${message}\n\nDatabase: ${databaseFile}\nNothing was changed. Quit, then restore a backup or move the file away to start with an empty library.`,
    buttons: ['Quit', 'Show the database file'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}
