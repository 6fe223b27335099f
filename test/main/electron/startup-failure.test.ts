import { describe, expect, it } from 'vitest';
import { startupFailureDialog } from '../../../src/main/electron/startup-failure.js';
import { AppError } from '../../../src/shared/errors.js';

describe('the desktop app cannot open its core', () => {
  it('a damaged database: says so, names the file and the reason, offers to show it', () => {
    const error = new AppError('DB_CORRUPT', 'The database /home/a/ActionLens/actionlens.db is damaged (quick_check: row 3 missing from index).');
    const dialog = startupFailureDialog(error, '/home/a/ActionLens/actionlens.db');
    expect(dialog.message).toBe('ActionLens cannot open its database.');
    expect(dialog.detail).toContain('is damaged (quick_check: row 3 missing from index)');
    expect(dialog.detail).toContain('Database: /home/a/ActionLens/actionlens.db');
    expect(dialog.buttons).toEqual(['Quit', 'Show the database file']);
    expect(dialog.cancelId).toBe(0);
  });

  it('anything else: the core, not the database, is named', () => {
    const dialog = startupFailureDialog(new Error('the core process stopped before opening the database (SIGKILL)'), '/x/actionlens.db');
    expect(dialog.message).toBe('ActionLens cannot start its core.');
    expect(dialog.detail).toContain('SIGKILL');
  });
});
