import type { HostedCore } from '../../../src/main/core/host/hosted-core.js';
import type { CallResult } from '../../../src/shared/contract.js';
import type { VideoSummary } from '../../../src/shared/library.js';

/** Adds one file to a hosted core's library and returns its video; a refusal throws with the core's message. */
export async function addHostedVideo(core: HostedCore, file: string): Promise<VideoSummary> {
  const added = await core.call('library.add', { paths: [file] });
  if (!added.ok) throw new Error(added.error.message);
  return (added.value as CallResult<'library.add'>).added[0]!;
}
