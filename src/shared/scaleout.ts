/** Where analysis jobs compute: the settings screen's choice and the CLI's --queue (see docs/scale-out.md). */
import { z } from 'zod';

export const ANALYSIS_PLACES = ['local', 'workers', 'both'] as const;
export type AnalysisPlace = (typeof ANALYSIS_PLACES)[number];

/**
 * The queue settings the core opens with (a command's --queue) or keeps in its data folder (the
 * settings screen). Holds the Redis password: it crosses to the core's host process, never to a page.
 */
export interface QueueSettings {
  place: AnalysisPlace;
  /** redis://[user@]host:port[/db] or rediss://…, without its password. */
  queueUrl: string | null;
  password: string | null;
  /** A PEM file of the CA that signed a rediss:// server's certificate. */
  tlsCaFile: string | null;
  /** Allow a Redis without a password on another machine (--insecure-redis). */
  insecureRedis: boolean;
}

export const LOCAL_ONLY: QueueSettings = { place: 'local', queueUrl: null, password: null, tlsCaFile: null, insecureRedis: false };

/** What a page sees of the queue settings: the password only as "set or not". */
export interface AnalysisPlaceView {
  place: AnalysisPlace;
  queueUrl: string | null;
  passwordSet: boolean;
  tlsCaFile: string | null;
  insecureRedis: boolean;
  /** Where they came from: the settings screen (stored), or a command's --queue (this session only). */
  source: 'settings' | 'command line';
  /** local: no queue in use; connected: the coordinator answers; unreachable: `problem` says why (one line). */
  state: 'local' | 'connected' | 'unreachable';
  problem: string | null;
}

/**
 * `settings.setAnalysisPlace`: `password` omitted keeps the stored one, null or '' clears it, a
 * string replaces it; a password inside `queueUrl` is taken out of it and stored as the password.
 */
export const analysisPlaceArgs = z
  .object({
    place: z.enum(ANALYSIS_PLACES),
    queueUrl: z.string().trim().max(2000, 'is longer than 2000 characters').nullable().optional(),
    password: z.string().max(1000, 'is longer than 1000 characters').nullable().optional(),
    tlsCaFile: z.string().trim().max(4096, 'is longer than 4096 characters').nullable().optional(),
    insecureRedis: z.boolean().optional(),
  })
  .strict();
export type AnalysisPlaceArgs = z.infer<typeof analysisPlaceArgs>;
