/* global window, document, requestAnimationFrame, WheelEvent */
// Runs inside the page for bench:ui (plain JS: the Node test project has no DOM types).

/** Milliseconds from the Open click to the timeline's first drawn segments (performance marks). */
window.benchOpenMs = () =>
  performance.getEntriesByName('actionlens:timeline-drawn')[0].startTime - performance.getEntriesByName('bench:open')[0].startTime;

window.benchMarkOpenOnClick = () => window.addEventListener('pointerdown', () => performance.mark('bench:open'), { once: true, capture: true });

window.benchTimelineDrawn = () =>
  performance.getEntriesByName('actionlens:timeline-drawn').length > 0 &&
  [...document.querySelectorAll('[data-testid=track]')].every((t) => Number(t.dataset.segments) > 0);

/** Resolves after the microtasks queued so far, and those they queue (uPlot commits its redraw in one). */
const afterMicrotasks = () => new Promise((resolve) => queueMicrotask(() => queueMicrotask(() => queueMicrotask(resolve))));

/**
 * One wheel event per animation frame on the timeline canvas. Each event's work is timed from
 * dispatch until its microtasks have run (the timeline renders and draws inside the handler, the
 * plot in a microtask after it), and so are the frame intervals.
 * Zoom: 30 steps in, 30 out, twice. Pan: 30 steps right, 30 left, twice.
 */
window.benchWheel = (kind, steps) =>
  new Promise((done) => {
    const canvas = document.querySelector('[data-testid=timeline-canvas]');
    const box = canvas.getBoundingClientRect();
    const work = [];
    const intervals = [];
    let last = 0;
    let i = 0;
    const frame = async (now) => {
      if (last) intervals.push(now - last);
      last = now;
      if (i >= steps) return done({ work, intervals });
      const forward = Math.floor(i / 30) % 2 === 0;
      const init =
        kind === 'zoom'
          ? { deltaY: forward ? -120 : 120, clientX: box.left + box.width * 0.4, clientY: box.top + 40 }
          : { deltaX: forward ? 240 : -240, clientX: box.left + box.width / 2, clientY: box.top + 40 };
      const started = performance.now();
      canvas.dispatchEvent(new WheelEvent('wheel', { ...init, bubbles: true, cancelable: true }));
      await afterMicrotasks();
      work.push(performance.now() - started);
      i++;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });

/**
 * Reference: the same number of animation frames, each changing one small element (a 1 px step
 * of a 100×20 box): the least a frame of visible change costs in this browser on this machine now.
 */
window.benchReference = (steps) =>
  new Promise((done) => {
    const box = document.createElement('div');
    box.style.cssText = 'position:fixed;left:0;bottom:0;width:100px;height:20px;background:#4e9bf5;z-index:99';
    document.body.append(box);
    const intervals = [];
    let last = 0;
    const frame = (now) => {
      if (last) intervals.push(now - last);
      last = now;
      if (intervals.length >= steps) {
        box.remove();
        return done({ work: [0], intervals });
      }
      box.style.left = `${intervals.length}px`;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
