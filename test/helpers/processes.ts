import { readdirSync, readFileSync } from 'node:fs';

/**
 * ffmpeg/ffprobe processes whose parent is this process, as "pid name", read from /proc
 * (Linux). Independent of the media core's own job registry, so it catches what that misses.
 */
export function mediaChildProcesses(): string[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return []; // no /proc: only the registry check applies
  }
  const found: string[] = [];
  for (const pid of entries) {
    const stat = readStat(pid);
    if (!stat) continue;
    // Format: "pid (comm) state ppid …"; comm may itself contain spaces or parentheses.
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(open + 1, close);
    const ppid = Number(stat.slice(close + 2).split(' ')[1]);
    if (ppid === process.pid && /^ff(mpeg|probe)/.test(comm)) found.push(`${pid} ${comm}`);
  }
  return found;
}

function readStat(pid: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // exited while we looked
  }
}
