import { BrowserWindow, dialog } from 'electron';
import type { CallHandlers } from '../../shared/contract.js';

/** The contract calls only the desktop shell can serve: native dialogs. */
export function createShellHandlers(): Pick<CallHandlers, 'dialog.openVideos'> {
  return {
    'dialog.openVideos': async ({ folders }) => {
      const owner = BrowserWindow.getFocusedWindow();
      const options: Electron.OpenDialogOptions = {
        title: folders ? 'Add folders of videos' : 'Add videos',
        properties: folders ? ['openDirectory', 'multiSelections'] : ['openFile', 'multiSelections'],
        filters: folders ? [] : [{ name: 'Videos', extensions: ['mp4', 'm4v', 'mov', 'mkv', 'webm', 'avi', 'wmv', 'mpg', 'mpeg', 'mts', 'm2ts', 'ts', '3gp'] }, { name: 'All files', extensions: ['*'] }],
      };
      const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
  };
}
