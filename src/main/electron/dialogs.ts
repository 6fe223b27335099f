import { BrowserWindow, dialog } from 'electron';
import type { CallHandlers } from '../../shared/contract.js';

type ShellHandlers = Pick<CallHandlers, 'dialog.openVideos' | 'dialog.openFile'>;

/** The contract calls only the desktop shell can serve: native dialogs. */
export function createShellHandlers(): ShellHandlers {
  const show = (options: Electron.OpenDialogOptions) => {
    const owner = BrowserWindow.getFocusedWindow();
    return owner ? dialog.showOpenDialog(owner, options) : dialog.showOpenDialog(options);
  };
  return {
    'dialog.openVideos': async ({ folders }) => {
      const result = await show({
        title: folders ? 'Add folders of videos' : 'Add videos',
        properties: folders ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'],
        filters: folders ? [] : [{ name: 'Videos', extensions: ['mp4', 'm4v', 'mov', 'mkv', 'webm', 'avi', 'wmv', 'mpg', 'mpeg', 'mts', 'm2ts', 'ts', '3gp'] }, { name: 'All files', extensions: ['*'] }],
      });
      return result.canceled ? [] : result.filePaths;
    },
    'dialog.openFile': async ({ title, filters }) => {
      // "All files" last, so a model kept under another extension can still be picked.
      const all = filters.some((f) => f.extensions.includes('*')) ? [] : [{ name: 'All files', extensions: ['*'] }];
      const result = await show({ title: title ?? 'Open a file', properties: ['openFile'], filters: [...filters, ...all] });
      return { path: result.canceled ? null : (result.filePaths[0] ?? null) };
    },
  };
}
