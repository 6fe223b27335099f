declare global {
  interface Window {
    /** Desktop only (preload): the path of a file dropped on the page. */
    actionlensFiles?: { pathFor(file: File): string };
  }
}

/**
 * Paths from a drop: files (the desktop app can tell their paths) or text naming paths, one a
 * line (dragged from a file manager or terminal). A browser never reveals a dropped file's path.
 */
export function dropPaths(data: DataTransfer): { paths: string[]; unnamedFiles: number } {
  const paths: string[] = [];
  let unnamedFiles = 0;
  for (const file of Array.from(data.files)) {
    const path = window.actionlensFiles?.pathFor(file) ?? '';
    if (path) paths.push(path);
    else unnamedFiles += 1;
  }
  if (paths.length === 0) {
    const text = data.getData('text/uri-list') || data.getData('text/plain');
    for (const line of text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))) {
      paths.push(line.startsWith('file://') ? decodeURIComponent(new URL(line).pathname) : line);
    }
    if (paths.length > 0) unnamedFiles = 0;
  }
  return { paths, unnamedFiles };
}
