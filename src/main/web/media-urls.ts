import { z } from 'zod';
import { MAX_MEDIA_URLS_PER_REQUEST, type MediaKind } from '../../shared/webHost.js';

const MediaUrlRequest = z.strictObject({
  items: z
    .array(z.strictObject({ kind: z.enum(['video', 'proxy', 'thumb']), id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }))
    .max(MAX_MEDIA_URLS_PER_REQUEST),
});

/** The body of `POST /api/media-urls` (`{ items: [{ kind, id }] }`), or the first field it gets wrong. */
export function parseMediaUrlRequest(body: unknown): { ok: true; value: { kind: MediaKind; id: number }[] } | { ok: false; reason: string } {
  const parsed = MediaUrlRequest.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data.items };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: `invalid "${issue?.path.join('.') || 'body'}": ${issue?.message ?? 'not valid'}` };
}
