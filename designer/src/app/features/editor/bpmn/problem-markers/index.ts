import { ProblemMarkers } from './problem-markers';

/** didi module: `problemMarkers`, lint problems drawn on the canvas. */
export const ProblemMarkersModule = {
  __init__: ['problemMarkers'],
  problemMarkers: ['type', ProblemMarkers],
};

export { ProblemMarkers, type MarkedProblem } from './problem-markers';
