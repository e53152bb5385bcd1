// The version of the segmenter's output. Stored segmentations (corpus/units/) made by another
// version are segmented again at load. Bump it in any change that alters the units produced.
export const SEGMENTER_VERSION = 'seg-2026-12-04-state-council-duties';
