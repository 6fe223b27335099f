import { readdirSync, readFileSync } from 'node:fs';

/**
 * ffmpeg/ffprobe processes below this process (children, or grandchildren under the media core's
 * parent-death watchdog wrapper), as "pid name", read from /proc (Linux). Independent of the
 * media core's own job registry, so it catches what that misses.
 */
export function mediaChildProcesses(): string[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return []; // no /proc: only the registry check applies
  }
  const processes: { pid: string; comm: string; ppid: number }[] = [];
  for (const pid of entries) {
    const stat = readStat(pid);
    if (!stat) continue;
    // Format: "pid (comm) state ppid …"; comm may itself contain spaces or parentheses.
    const open = stat.indexOf('(');
    const close = stat.lastIndexOf(')');
    const [state, ppid] = stat.slice(close + 2).split(' ');
    if (state !== 'Z') processes.push({ pid, comm: stat.slice(open + 1, close), ppid: Number(ppid) });
  }
  const below = new Set([process.pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of processes) {
      if (!below.has(p.ppid) || below.has(Number(p.pid))) continue;
      below.add(Number(p.pid));
      grew = true;
    }
  }
  return processes.filter((p) => below.has(p.ppid) && /^ff(mpeg|probe)/.test(p.comm)).map((p) => `${p.pid} ${p.comm}`);
}

function readStat(pid: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null; // exited while we looked
  }
}
