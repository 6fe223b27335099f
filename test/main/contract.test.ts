import { describe, expect, it } from 'vitest';
import { CALL_NAMES, EVENT_NAMES } from '../../src/shared/channels.js';
import { calls, events, parseCallArgs } from '../../src/shared/contract.js';
import { dispatchCall } from '../../src/main/core/api/dispatch.js';
import { AppError } from '../../src/shared/errors.js';

describe('API contract', () => {
  it('declares exactly the channel names the preload exposes', () => {
    expect(Object.keys(calls).sort()).toEqual([...CALL_NAMES].sort());
    expect(Object.keys(events).sort()).toEqual([...EVENT_NAMES].sort());
  });

  it('accepts a payload that matches its schema', () => {
    expect(parseCallArgs('library.add', { paths: ['/videos/a.mp4'] })).toEqual({ paths: ['/videos/a.mp4'] });
    expect(parseCallArgs('dialog.openVideos', {})).toEqual({ folders: false });
    expect(parseCallArgs('dialog.openFile', {})).toEqual({ filters: [] });
    expect(parseCallArgs('models.import', { modelPath: '/m/end2end.onnx', preset: 'mmaction2-2d', name: ' TSM ' })).toEqual({ modelPath: '/m/end2end.onnx', preset: 'mmaction2-2d', name: 'TSM' });
  });

  it.each([
    ['library.add', { paths: [] }, 'paths', /at least one/],
    ['library.add', { paths: [''] }, 'paths.0', /must not be empty/],
    ['library.add', { paths: [42] }, 'paths.0', /expected string/],
    ['library.add', { paths: ['a'], extra: true }, '(arguments)', /extra/],
    ['library.remove', { id: -3 }, 'id', /./],
    ['library.remove', { id: '7' }, 'id', /expected number/],
    ['media.probe', null, '(arguments)', /expected object/],
    ['runs.segments', { runId: 1, startFrame: 10, endFrame: 5 }, 'endFrame', /must not be before startFrame/],
    ['models.import', { modelPath: '/m/model.onnx' }, 'manifestPath', /a manifest file or a preset \(one of the two\)/],
    ['models.import', { modelPath: '/m/model.onnx', manifestPath: '/m/manifest.json', preset: 'r3d_18' }, 'preset', /not both/],
    ['models.import', { modelPath: '/m/model.onnx', manifestPath: '/m/manifest.json', labelsPath: '/m/labels.txt' }, 'labelsPath', /goes with a preset/],
    ['models.import', { modelPath: '', preset: 'r3d_18' }, 'modelPath', /must not be empty/],
    ['models.import', { modelPath: '/m/model.onnx', preset: 'r3d_18', modelFile: '/m' }, '(arguments)', /modelFile/],
    ['models.remove', { id: '' }, 'id', /must not be empty/],
    ['models.show', {}, 'id', /expected string/],
    ['dialog.openFile', { filters: [{ name: 'ONNX', extensions: ['.onnx'] }] }, 'filters.0.extensions.0', /without its dot/],
  ] as const)('refuses %s with %j, naming %s', (name, payload, field, reason) => {
    let caught: unknown;
    try {
      parseCallArgs(name, payload);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    const error = caught as AppError;
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.field).toBe(field);
    expect(error.message).toContain(`${name}: invalid argument "${field}"`);
    expect(error.message).toMatch(reason);
  });

  it('dispatch never runs a handler with a bad payload, and answers with a serialised error', async () => {
    let ran = false;
    const outcome = await dispatchCall({ 'library.remove': async () => ((ran = true), { removed: true }) }, 'library.remove', { id: 'x' });
    expect(ran).toBe(false);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'id' } });
  });

  it('dispatch refuses unknown calls and calls this process does not serve', async () => {
    expect(await dispatchCall({}, 'fs.readFile', {})).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', message: 'unknown call "fs.readFile"' } });
    expect(await dispatchCall({}, 'dialog.openVideos', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await dispatchCall({}, 'dialog.openFile', {})).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('dispatch carries a handler error across as code, message and file', async () => {
    const outcome = await dispatchCall(
      { 'media.probe': async ({ path }) => { throw new AppError('FILE_NOT_FOUND', `${path}: no such file`, { file: path }); } },
      'media.probe',
      { path: '/nope.mp4' },
    );
    expect(outcome).toEqual({ ok: false, error: { name: 'AppError', code: 'FILE_NOT_FOUND', message: '/nope.mp4: no such file', file: '/nope.mp4' } });
  });

  it('fills the analysis defaults and refuses what the engine cannot run', () => {
    expect(parseCallArgs('analysis.start', { videoIds: [1], modelIds: ['cnn-lstm'] })).toEqual({ videoIds: [1], modelIds: ['cnn-lstm'] });
    expect(parseCallArgs('runs.probabilities', { runId: 3, points: 500 })).toEqual({ runId: 3, points: 500, reduce: 'mean' });
    expect(parseCallArgs('runs.rederive', { runId: 3, postprocess: {} }).postprocess).toMatchObject({ threshold: 0.4, smoothing: { kind: 'moving-average', windowFrames: 5 } });
    const refuse = (name: Parameters<typeof parseCallArgs>[0], payload: unknown) => {
      try {
        parseCallArgs(name, payload);
      } catch (error) {
        return (error as AppError).field;
      }
      return null;
    };
    expect(refuse('analysis.start', { videoIds: [], modelIds: ['x'] })).toBe('videoIds');
    expect(refuse('analysis.start', { videoIds: [1], modelIds: ['x'], provider: 'tpu' })).toBe('provider');
    expect(refuse('analysis.start', { videoIds: [1], modelIds: ['x'], sampling: { stride: 0 } })).toBe('sampling.stride');
    expect(refuse('runs.probabilities', { runId: 3, points: 0 })).toBe('points');
    expect(refuse('runs.rederive', { runId: 3, postprocess: { smoothing: { kind: 'median', windowFrames: 4 } } })).toBe('postprocess.smoothing.windowFrames');
  });
});
